import type { PortalDb } from './db/client';

/** What every route and service of the portal runs against; decorated on the app as `app.portal`. */
export interface PortalContext {
  db: PortalDb;
  /** The clock; tests inject one to move time (lockout expiry, session expiry). */
  now: () => Date;
}

export interface RateLimitOptions {
  max: number;
  windowMs: number;
}
