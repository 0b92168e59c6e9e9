import { _electron as electron, expect, test } from '@playwright/test';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './support/processes';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function electronExecutable(): { path: string | null; reason: string } {
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return { path: null, reason: 'the Electron runtime was never downloaded (no network for it here)' };
    const executable = join(dir, 'dist', readFileSync(pathFile, 'utf8'));
    return existsSync(executable) ? { path: executable, reason: '' } : { path: null, reason: `${executable} is missing` };
  } catch {
    return { path: null, reason: 'the electron package is not installed' };
  }
}

const runtime = electronExecutable();
if (!runtime.path) console.log(`Electron specs skipped: ${runtime.reason}.`);

test.describe('Electron shell', () => {
  test.skip(!runtime.path, `Electron runtime not available: ${runtime.reason}`);

  test('opens a sandboxed window with the contract bridge only and signs in to the local test portal', async () => {
    const app = await electron.launch({
      executablePath: runtime.path!,
      args: [root],
      env: { ...process.env, PORTAL_CONSOLE_USER_DATA: tempDir('electron') },
    });
    try {
      const window = await app.firstWindow();
      const exposed = await window.evaluate(() => ({
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        bridge: Object.keys((globalThis as { portalConsole?: object }).portalConsole ?? {}).length,
      }));
      expect(exposed.require).toBe('undefined');
      expect(exposed.process).toBe('undefined');
      expect(exposed.bridge).toBeGreaterThan(5);
      // Navigation away from the bundled renderer is refused by main.
      await window.evaluate(() => globalThis.location.assign('https://example.invalid/'));
      await expect(window).toHaveURL(/index\.html/);
      await window.getByTestId('profile-Local test portal').getByRole('button', { name: /Connect|Verbinden/ }).click();
      await expect(window.getByTestId('sign-in-panel')).toBeVisible();
    } finally {
      await app.close();
    }
  });
});
