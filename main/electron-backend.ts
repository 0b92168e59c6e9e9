import { createBackend, type Backend, type BackendOptions } from './backend';
import { utilityPortalLauncher } from './services/portal-process';
import type { StartedUtilityPortal, UtilityFork } from './services/portal-utility-fork';
import { createOsVault } from './services/vault';
import { appVersion } from './version';

/**
 * The Electron shell's backend, loaded by electron-main.ts once the window is opening and the local test portal
 * starting: these modules are most of what the main process loads.
 */
export function createElectronBackend(options: {
  userDataDir: string;
  portalScript: string;
  fork: UtilityFork;
  /** The local test portal, started before this module loaded; taken over by the backend's launcher. */
  portal: StartedUtilityPortal | null;
  openWindow: NonNullable<BackendOptions['openWindow']>;
  fileDialogs: NonNullable<BackendOptions['fileDialogs']>;
}): Promise<Backend> {
  return createBackend({
    userDataDir: options.userDataDir,
    vault: createOsVault(),
    shell: 'electron',
    appVersion: appVersion(),
    embeddedPortal: utilityPortalLauncher(options.portalScript, options.fork, options.portal),
    openWindow: options.openWindow,
    fileDialogs: options.fileDialogs,
  });
}
