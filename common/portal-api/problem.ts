import { z } from 'zod';
import { DataImpactEntry } from '../domain/application-data-impact';

/** RFC 9457 problem details, with the extensions this API uses. */
export const Problem = z.object({
  type: z.string().default('about:blank'),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  /** A stable machine-readable code, e.g. `invalid_credentials`, `account_locked`. */
  code: z.string().optional(),
  /** Field-level validation errors. */
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** 401 `activation_code_expired`: when the code stopped signing in (ISO 8601). */
  expiredAt: z.string().optional(),
  /** 423: when the lockout ends (ISO 8601). */
  lockedUntil: z.string().optional(),
  /** 429: seconds until a retry may succeed. */
  retryAfter: z.number().optional(),
  /** 412: the current representation and its ETag, so a client can show both versions. */
  current: z.unknown().optional(),
  currentEtag: z.string().optional(),
  /** 409 `membership_cycle` / `org_unit_cycle`: the cycle the change would close, its first element repeated last. */
  cycle: z.array(z.object({ id: z.string(), kind: z.string(), name: z.string() })).optional(),
  /** 403 `missing_admin_right`: the administrator area (common/domain/admin-areas) the route needs and the caller lacks. */
  missingRight: z.string().optional(),
  /** 409 `data_loss_unconfirmed`: the dropped or retyped parts of an application that hold data, with their record counts. */
  dataImpact: z.array(DataImpactEntry).optional(),
  /** 409 `record_referenced` / `child_records_exist`: how many records stand in the way. */
  count: z.number().int().optional(),
});
export type Problem = z.infer<typeof Problem>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
