import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { channels } from '../common/contract';
import { tempDir } from './support/processes';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RENDERER_URL = 'app://console/index.html';
// Where an Electron runtime is expected (a release pipeline, a developer machine), a missing one is a failure.
const runtimeRequired = process.env.PORTAL_CONSOLE_REQUIRE_ELECTRON === '1';

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
if (!runtime.path) console.log(`Electron specs ${runtimeRequired ? 'FAIL' : 'skipped'}: ${runtime.reason}.`);

test.describe('Electron shell', () => {
  test.skip(!runtime.path && !runtimeRequired, `Electron runtime not available: ${runtime.reason}`);

  let app: ElectronApplication;
  let window: Page;

  test.beforeAll(async () => {
    if (!runtime.path) throw new Error(`PORTAL_CONSOLE_REQUIRE_ELECTRON=1 but no Electron runtime: ${runtime.reason}`);
    app = await electron.launch({
      executablePath: runtime.path,
      args: [root],
      env: { ...process.env, PORTAL_CONSOLE_USER_DATA: tempDir('electron') },
    });
    window = await app.firstWindow();
    await expect(window.getByTestId('profile-Local test portal')).toBeVisible();
  });

  test.afterAll(async () => {
    await app?.close();
  });

  test('the page has no Node and a bridge of exactly the contract\'s channels', async () => {
    expect(window.url()).toMatch(/^app:\/\/console\/index\.html(#.*)?$/);
    const exposed = await window.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: Object.keys((globalThis as { portalConsole?: object }).portalConsole ?? {}),
    }));
    expect(exposed.require).toBe('undefined');
    expect(exposed.process).toBe('undefined');
    expect(exposed.bridge.sort()).toEqual([...channels].sort());
  });

  test('the renderer is answered with the CSP header', async () => {
    const csp = await window.evaluate(async (url) => (await fetch(url)).headers.get('content-security-policy'), RENDERER_URL);
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
  });

  test('navigation away from the renderer is prevented by main', async () => {
    const before = window.url();
    // Main's will-navigate listener was added first, so by the time this one runs it has decided.
    const decided = app.evaluate(
      ({ BrowserWindow }) =>
        new Promise<{ url: string; prevented: boolean }>((done) => {
          BrowserWindow.getAllWindows()[0]!.webContents.once('will-navigate', (event) => done({ url: event.url, prevented: event.defaultPrevented }));
        }),
    );
    await window.evaluate(() => globalThis.location.assign('https://example.invalid/'));
    expect(await decided).toEqual({ url: 'https://example.invalid/', prevented: true });
    expect(window.url()).toBe(before);
    expect(await window.evaluate(() => Boolean((globalThis as { portalConsole?: object }).portalConsole))).toBe(true);
  });

  test('window.open is refused and opens nothing', async () => {
    const opened = await window.evaluate(() => globalThis.open('https://example.invalid/') === null);
    expect(opened).toBe(true);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });

  test('a call from a frame that is not the console\'s renderer is refused', async () => {
    // A second window with the same preload on a foreign document: the bridge exists there, main refuses it.
    const answer = await app.evaluate(async ({ BrowserWindow }, preload) => {
      const foreign = new BrowserWindow({ show: false, webPreferences: { preload, sandbox: true, contextIsolation: true } });
      try {
        await foreign.loadURL('data:text/html,<p>foreign</p>');
        return (await foreign.webContents.executeJavaScript("window.portalConsole['app:info']({})")) as unknown;
      } finally {
        foreign.destroy();
      }
    }, join(root, 'out/preload/index.cjs'));
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('signs in to the local test portal from the window', async () => {
    await window.getByTestId('profile-Local test portal').getByRole('button', { name: /Connect|Verbinden/ }).click();
    await expect(window.getByTestId('sign-in-panel')).toBeVisible();
  });
});
