import { z } from 'zod';
import { IsoDateTime, page } from './common';

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
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** GET /api/v1/audit: newest first, cursor-paged. */
export const AuditPage = page(AuditEntry);
export type AuditPage = z.infer<typeof AuditPage>;
