import { z } from 'zod';
import { LOG_FOLLOW_MAX_WAIT_SECONDS, ServerLogFollowPage } from '../portal-api/log-follow';
import { ServerLogLevel } from '../portal-api/support';
import { IsoDateTime } from '../portal-api/common';
import { call } from './define';

/** Follow the server log: entries after a sequence number, the portal holding the call until there are some. */
export const LogFollowRequest = z.object({
  /** The last sequence number shown; without it the answer says where "now" is. */
  after: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  level: ServerLogLevel.optional(),
  contains: z.string().trim().max(200).optional(),
  waitSeconds: z.number().int().min(0).max(LOG_FOLLOW_MAX_WAIT_SECONDS).optional(),
});
export type LogFollowRequest = z.input<typeof LogFollowRequest>;

/** At most this many entries go into one export: what a portal keeps in its log (20,000) with room to spare. */
export const LOG_EXPORT_MAX_ENTRIES = 25_000;

/** A time range of the server log as one text file, each line redacted again by the console. */
export const LogExportRequest = z
  .object({
    from: IsoDateTime,
    /** Without an end: up to the newest entry (a range that ends "now" on a portal whose clock may differ). */
    to: IsoDateTime.optional(),
    level: ServerLogLevel.optional(),
    contains: z.string().trim().max(200).optional(),
  })
  .refine((request) => request.to === undefined || Date.parse(request.from) <= Date.parse(request.to), {
    message: 'The start must not lie after the end',
    path: ['from'],
  });
export type LogExportRequest = z.input<typeof LogExportRequest>;

export const LogExport = z.object({
  filename: z.string(),
  text: z.string(),
  entries: z.number().int().min(0),
  /** Secrets the console's own redaction still found (the portal redacts when it writes). */
  redacted: z.number().int().min(0),
  /** The range held more than LOG_EXPORT_MAX_ENTRIES entries; the file holds the oldest of them. */
  truncated: z.boolean(),
});
export type LogExport = z.infer<typeof LogExport>;

export const logFollowContract = {
  /** New server-log entries of the signed-in portal, pushed as they are logged (a held request, no polling). */
  'instance:followLogs': call(LogFollowRequest, ServerLogFollowPage, 'read'),
  /** The server log of a time range as a text file, redacted. */
  'instance:exportLogs': call(LogExportRequest, LogExport, 'read'),
};
