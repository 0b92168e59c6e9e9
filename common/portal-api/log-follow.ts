import { z } from 'zod';
import { ServerLogEntry, ServerLogLevel } from './support';

/** Longest a follow request is held open when nothing new is logged. */
export const LOG_FOLLOW_MAX_WAIT_SECONDS = 25;

/**
 * GET /api/v1/logs/follow: the entries logged after `after` (a sequence number), at `level` or above and
 * containing `contains`. When there are none yet the portal holds the request until one is logged or
 * `waitSeconds` pass: the console keeps one request open instead of polling. Without `after` it answers
 * at once with no entries and the newest sequence number: where following from now begins.
 */
export const ServerLogFollowQuery = z.object({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  level: ServerLogLevel.default('debug'),
  contains: z.string().trim().max(200).optional(),
  waitSeconds: z.coerce.number().int().min(0).max(LOG_FOLLOW_MAX_WAIT_SECONDS).default(20),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export type ServerLogFollowQuery = z.infer<typeof ServerLogFollowQuery>;

export const ServerLogFollowPage = z.object({
  /** Oldest first. */
  items: z.array(ServerLogEntry),
  /** Where the next request continues: past the lines the filter skipped too. */
  lastSeq: z.number().int().min(0),
  /** More entries are already waiting (the page was full): ask again at once. */
  more: z.boolean(),
});
export type ServerLogFollowPage = z.infer<typeof ServerLogFollowPage>;
