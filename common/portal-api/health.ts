import { z } from 'zod';
import { IsoDateTime } from './common';

/** GET /api/v1/health (public): liveness plus the portal software release. */
export const HealthResponse = z.object({
  status: z.literal('ok'),
  version: z.string(),
  time: IsoDateTime,
});
export type HealthResponse = z.infer<typeof HealthResponse>;
