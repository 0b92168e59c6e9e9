import type { PortalDb } from './db/client';
import type { BackupHooks } from './instance/backups';

/** What every route and service of the portal runs against; decorated on the app as `app.portal`. */
export interface PortalContext {
  db: PortalDb;
  /** The clock; tests inject one to move time (lockout expiry, session expiry). */
  now: () => Date;
  /** Tests hold a backup open with these (the diagnostics route's service takes them); none in production. */
  backupHooks?: BackupHooks;
}

export interface RateLimitOptions {
  max: number;
  windowMs: number;
}
