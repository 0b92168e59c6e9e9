import type { ClientLog } from './services/client-log';
import type { ProfileStore } from './services/profiles';
import type { SessionManager } from './services/session';
import type { Vault } from './services/vault';

/** What every handler of the console contract may use. */
export interface BackendContext {
  userDataDir: string;
  shell: 'electron' | 'browser';
  appVersion: string;
  vault: Vault;
  log: ClientLog;
  profiles: ProfileStore;
  session: SessionManager;
}
