import type { PortalDb } from './db/client';
import type { SecretBox } from './directory/secret-box';
import type { BackupHooks } from './instance/backups';

/** What every route and service of the portal runs against; decorated on the app as `app.portal`. */
export interface PortalContext {
  db: PortalDb;
  /** The clock; tests inject one to move time (lockout expiry, session expiry). */
  now: () => Date;
  /** Tests hold a backup open with these (the diagnostics route's service takes them); none in production. */
  backupHooks?: BackupHooks;
  /** Seals what the portal keeps encrypted at rest, with the key in DIR/secret (a key per process without one). */
  secrets?: SecretBox;
}

export interface RateLimitOptions {
  max: number;
  windowMs: number;
}
