import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile } from '../services/json-file';

/**
 * Automatic updates are off unless the admin (or the deployment) sets {"autoUpdate": true} in
 * shell-settings.json in the user-data folder. Managed machines often forbid self-updating software.
 */
export const SHELL_SETTINGS_FILE = 'shell-settings.json';
const ShellSettings = z.object({ autoUpdate: z.boolean().default(false) }).strict();
export type ShellSettings = z.infer<typeof ShellSettings>;

export interface UpdateLog {
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
}

export async function readShellSettings(userDataDir: string, log: UpdateLog): Promise<ShellSettings> {
  try {
    return await readJsonFile(join(userDataDir, SHELL_SETTINGS_FILE), ShellSettings, { autoUpdate: false });
  } catch (error) {
    log.warn('shell settings unreadable; automatic updates stay off', { message: error instanceof Error ? error.message : String(error) });
    return { autoUpdate: false };
  }
}

/** The part of electron-updater's AppUpdater this module sets. */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  allowPrerelease: boolean;
  forceDevUpdateConfig: boolean;
  checkForUpdatesAndNotify(): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export type UpdateOutcome = 'off' | 'not packaged' | 'no signature check on this platform' | 'started';

/**
 * Only where the update's signature is verified before it is installed: Windows (NSIS; electron-updater checks
 * the Authenticode signature against the publisher names in app-update.yml, verifyUpdateCodeSignature) and
 * macOS (Squirrel.Mac accepts only an update signed like the running app). An AppImage update is checked by
 * its SHA-512 from the same feed only, so Linux installs are updated by the package manager instead.
 */
export async function startAutoUpdate(options: {
  settings: ShellSettings;
  isPackaged: boolean;
  platform: NodeJS.Platform;
  loadUpdater: () => Promise<Updater>;
  log: UpdateLog;
}): Promise<UpdateOutcome> {
  const { settings, isPackaged, platform, log } = options;
  if (!settings.autoUpdate) return 'off';
  if (!isPackaged) return 'not packaged';
  if (platform !== 'win32' && platform !== 'darwin') {
    log.warn('automatic updates are not offered on this platform: no signature check before install', { platform });
    return 'no signature check on this platform';
  }
  const updater = await options.loadUpdater();
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.allowDowngrade = false;
  updater.allowPrerelease = false;
  updater.forceDevUpdateConfig = false;
  updater.on('error', (error) => log.warn('update failed', { message: error.message }));
  void updater.checkForUpdatesAndNotify().catch((error: unknown) => {
    log.warn('update check failed', { message: error instanceof Error ? error.message : String(error) });
  });
  log.info('automatic updates on');
  return 'started';
}
