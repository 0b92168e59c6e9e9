import { z } from 'zod';
import { Environment, IsoDateTime, ReleaseTrack } from './common';

/** GET /api/v1/health (public): liveness plus the portal software release. */
export const HealthResponse = z.object({
  status: z.literal('ok'),
  version: z.string(),
  time: IsoDateTime,
  /** What the portal says it is, for the console's profile dashboard (no credentials needed). Older portals omit them. */
  environment: Environment.optional(),
  track: ReleaseTrack.optional(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;
