import type { ClientLog } from './services/client-log';
import type { ProfileStore } from './services/profiles';
import type { Vault } from './services/vault';
import type { SessionApi, Workspaces } from './services/workspaces';

/** What every handler of the console contract may use. */
export interface BackendContext {
  userDataDir: string;
  shell: 'electron' | 'browser';
  appVersion: string;
  vault: Vault;
  log: ClientLog;
  profiles: ProfileStore;
  /** The portal session of the window or tab that made the call in progress. */
  session: SessionApi;
  /** Every window's or tab's session; for what concerns the workspace itself (read-only, closing). */
  workspaces: Workspaces;
  /** Electron only: opens another console window; browser mode opens a tab from the page instead. */
  openWindow?: (profileId: string | undefined) => Promise<void>;
}
