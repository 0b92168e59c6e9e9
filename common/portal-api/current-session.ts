import { z } from 'zod';
import { IsoDateTime } from './common';
import { SessionUser } from './session';

/** GET /api/v1/sessions/current: who the bearer token belongs to and when it expires. */
export const CurrentSession = z.object({
  user: SessionUser,
  expiresAt: IsoDateTime,
});
export type CurrentSession = z.infer<typeof CurrentSession>;
