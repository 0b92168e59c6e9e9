import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'Portal Console';

/** The same folder Electron's app.getPath('userData') gives for this product name. */
export function defaultUserDataDir(): string {
  if (process.env.PORTAL_CONSOLE_USER_DATA) return process.env.PORTAL_CONSOLE_USER_DATA;
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}

/** The Electron shell's user-data folder: PORTAL_CONSOLE_USER_DATA (tests, a second profile) or Electron's own. */
export function electronUserDataDir(getPath: (name: 'userData') => string): string {
  return process.env.PORTAL_CONSOLE_USER_DATA ?? getPath('userData');
}
