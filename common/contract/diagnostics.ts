import { z } from 'zod';
import { AuditPage } from '../portal-api/audit';
import { IsoDateTime } from '../portal-api/common';
import { AdminSessionPage, AuditFacets, Backup, BackupPage, InstanceHealth, RestoreConfirmation, RestoreResult } from '../portal-api/instance';
import { ServerLogLevel, ServerLogPage } from '../portal-api/support';
import { call, Empty } from './define';

const PageRequest = z.object({
  cursor: z.string().optional(),
  limit: z.number().int().min(1).max(500).optional(),
});

const optionalText = (max: number) => z.string().trim().max(max).optional();

/** The audit viewer's filters; empty texts mean "no filter". */
export const AuditListRequest = PageRequest.extend({
  actor: optionalText(200),
  /** Prefix of the dotted action, e.g. `user.` or `session.login`. */
  action: optionalText(200),
  targetType: optionalText(100),
  targetId: optionalText(200),
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
}).refine((request) => request.from === undefined || request.to === undefined || Date.parse(request.from) <= Date.parse(request.to), {
  message: 'The start must not lie after the end',
  path: ['from'],
});
export type AuditListRequest = z.input<typeof AuditListRequest>;

/** One page of the portal's server log: oldest first within [from, to], at `level` or above. */
export const LogsRequest = z
  .object({
    from: IsoDateTime,
    to: IsoDateTime,
    /** The minimum level; without it every level. */
    level: ServerLogLevel.optional(),
    cursor: z.string().optional(),
    limit: z.number().int().min(1).max(1000).optional(),
    /** Case-insensitive text the message or its context must contain; empty means no filter. */
    contains: optionalText(200),
  })
  .refine((request) => Date.parse(request.from) <= Date.parse(request.to), {
    message: 'The start must not lie after the end',
    path: ['from'],
  });
export type LogsRequest = z.input<typeof LogsRequest>;

export const RevokeSessionResult = z.object({
  ok: z.literal(true),
  /** The console's own session was ended: it is signed out now. */
  endedOwnSession: z.boolean(),
});
export type RevokeSessionResult = z.infer<typeof RevokeSessionResult>;

/**
 * A download of a backup archive. Browser mode: `url`, a one-time address on the console's own host that
 * streams the archive from the portal (the page follows it as a download). Electron: the console asked where to
 * save it (save dialog) and streamed it there: `saved`, or `cancelled`.
 */
export const BackupDownload = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('url'), url: z.string().startsWith('/transfers/'), file: z.string() }),
  z.object({ kind: z.literal('saved'), path: z.string(), bytes: z.number().int().min(0) }),
  z.object({ kind: z.literal('cancelled') }),
]);
export type BackupDownload = z.infer<typeof BackupDownload>;

/**
 * A restore from an archive file. Browser mode: `upload`, a one-time address the page POSTs the file to
 * (answered with a CallResult of RestoreResult). Electron: the console asked for the file (open dialog) and
 * streamed it to the portal: `restored`, or `cancelled`.
 */
export const RestoreFromFile = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('upload'), url: z.string().startsWith('/transfers/') }),
  z.object({ kind: z.literal('restored'), result: RestoreResult }),
  z.object({ kind: z.literal('cancelled') }),
]);
export type RestoreFromFile = z.infer<typeof RestoreFromFile>;

export const diagnosticsContract = {
  /** Health of the signed-in portal's instance, measured on the portal now. */
  'instance:health': call(Empty, InstanceHealth, 'read'),
  'instance:sessions': call(PageRequest, AdminSessionPage, 'read'),
  /** Ends an admin session (the portal records it in the audit log). */
  'instance:revokeSession': call(z.object({ id: z.string().regex(/^[0-9a-f]{64}$/) }), RevokeSessionResult, 'write'),
  'instance:backups': call(PageRequest, BackupPage, 'read'),
  /** Starts a backup; it runs on the portal, `instance:backup` follows it. */
  'instance:startBackup': call(Empty, Backup, 'write'),
  'instance:backup': call(z.object({ id: z.uuid() }), Backup, 'read'),
  'audit:list': call(AuditListRequest, AuditPage, 'read'),
  /** The signed-in portal's server log (request lines, sign-ins, errors; secrets redacted by the portal). */
  'instance:logs': call(LogsRequest, ServerLogPage, 'read'),
  /** Actors, actions and target types the audit log holds (filter suggestions). */
  'audit:facets': call(Empty, AuditFacets, 'read'),
  /** Streams a backup's archive to a file (the portal audits the download). */
  'instance:downloadBackup': call(z.object({ id: z.uuid() }), BackupDownload, 'read'),
  /** Restores a backup of the portal (its name typed to confirm); every session ends, this console's too. */
  'instance:restoreBackup': call(RestoreConfirmation.extend({ id: z.uuid() }), RestoreResult, 'write'),
  /** Restores an archive file (its name typed to confirm); every session ends, this console's too. */
  'instance:restoreFromFile': call(RestoreConfirmation, RestoreFromFile, 'write'),
};
