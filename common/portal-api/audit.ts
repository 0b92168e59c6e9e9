import { z } from 'zod';
import { IsoDateTime, page, PageQuery } from './common';

/** One admin action in the portal's audit log (`before`/`after` are the changed representations). */
export const AuditEntry = z.object({
  id: z.string(),
  at: IsoDateTime,
  actorId: z.string().nullable(),
  actorLogin: z.string().nullable(),
  /** Dotted verb, e.g. `session.login`, `session.login_failed`, `user.update`. */
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  /** The actor's display name now (else the login given); read-only, never sent by a client. */
  actorName: z.string().nullable().optional(),
  /** The target's name now, or the one its last snapshot held (a deleted user stays named). */
  targetName: z.string().nullable().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** GET /api/v1/audit: newest first, cursor-paged. */
export const AuditPage = page(AuditEntry);
export type AuditPage = z.infer<typeof AuditPage>;

/**
 * Filters of GET /api/v1/audit (all optional, combined with AND). `action` is a prefix (`user.` finds every
 * user action), `actor` a login (case-insensitive), `from`/`to` bound `at` inclusively. The cursor of a
 * filtered page only continues the same filter.
 */
export const AuditQuery = PageQuery.extend({
  actor: z.string().trim().min(1).max(200).optional(),
  action: z.string().trim().min(1).max(200).optional(),
  targetType: z.string().trim().min(1).max(100).optional(),
  targetId: z.string().trim().min(1).max(200).optional(),
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;
