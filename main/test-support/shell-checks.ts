import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { channels } from '../../common/contract';
import { CANCEL_CALL_CHANNEL } from '../../common/contract/cancel';
import { electronFake as fake, FakeWebContents } from './electron-fake';

const RENDERER = 'app://console/index.html';
const FOREIGN = ['https://evil.example/', 'file:///etc/passwd', 'app://console/other.html', 'app://evil/index.html', 'app://console/index.html?x=1'];

/**
 * What the Electron security checklist demands of the main process and the preload, checked against a main
 * process (source or built) whose `electron` module is the recording fake (vi.mock in the calling test file).
 */
export function shellChecks(entry: {
  name: string;
  loadMain: () => Promise<unknown>;
  loadPreload: () => Promise<void>;
  /** The built bundle: its preload, renderer and portal CLI are on disk where main looks for them. */
  built?: boolean;
}): void {
  describe(`Electron shell (${entry.name}) against a recording electron module`, () => {
    const userData = mkdtempSync(join(tmpdir(), 'pc-shell-'));
    const beforeReady: string[] = [];

    beforeAll(async () => {
      process.env.PORTAL_CONSOLE_USER_DATA = userData;
      await entry.loadMain();
      beforeReady.push(...fake.order);
      fake.ready();
      await vi.waitFor(() => expect(fake.loadedUrls).toHaveLength(1), { timeout: 20_000 });
    });

    afterAll(async () => {
      const quit = new Promise<void>((resolve) => {
        const quitting = { preventDefault: () => {} };
        fake.app.emit('before-quit', quitting);
        const timer = setInterval(() => {
          if (fake.order.includes('quit')) {
            clearInterval(timer);
            resolve();
          }
        }, 10);
      });
      await quit;
      rmSync(userData, { recursive: true, force: true });
    });

    const window = () => fake.windows[0]!;
    const consoleLog = () => {
      const path = join(userData, 'logs', 'console.log');
      return existsSync(path) ? readFileSync(path, 'utf8') : '';
    };

    it('turns the sandbox on for every renderer and registers app:// as standard and secure, before ready', () => {
      expect(beforeReady).toContain('enableSandbox');
      expect(beforeReady).toContain('registerSchemesAsPrivileged');
      expect(fake.privilegedSchemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
      expect(fake.privilegedSchemes[0]!.privileges).not.toHaveProperty('bypassCSP', true);
    });

    it('opens one window with isolated, sandboxed web preferences and no Node', () => {
      expect(fake.windows).toHaveLength(1);
      const prefs = window().options.webPreferences ?? {};
      expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false });
      expect(prefs.nodeIntegrationInSubFrames).not.toBe(true);
      expect(prefs.webSecurity).not.toBe(false);
      expect(prefs.allowRunningInsecureContent).not.toBe(true);
      expect(prefs.webviewTag).not.toBe(true);
      expect(prefs.experimentalFeatures).not.toBe(true);
      expect(String(prefs.preload)).toMatch(/preload[/\\]index\.cjs$/);
    });

    it('loads the renderer from app://, never from file://', () => {
      expect(fake.loadedUrls).toEqual([RENDERER]);
    });

    it('serves the bundled renderer over app:// with a CSP header, and nothing outside it', async () => {
      const handle = fake.protocolHandlers.get('app');
      expect(handle).toBeDefined();
      const index = await handle!(new Request(RENDERER));
      expect(index.status).toBe(200);
      expect(index.headers.get('content-type')).toMatch(/^text\/html/);
      const csp = index.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).toMatch(/object-src 'none'/);
      expect(csp).not.toMatch(/unsafe-eval/);
      // package.json is one folder above renderer/ (source) and two above out/renderer/ (built).
      const outside = ['app://console/..%2fpackage.json', 'app://console/..%2f..%2fpackage.json', 'app://console/%2e%2e/%2e%2e/package.json'];
      for (const url of [...outside, 'app://evil/index.html', 'app://console/missing.js']) {
        const refused = await handle!(new Request(url));
        expect(refused.status, url).toBe(404);
        expect(refused.headers.get('content-security-policy'), url).toBe(csp);
      }
      expect((await handle!(new Request(RENDERER, { method: 'POST', body: 'x' }))).status).toBe(405);
    });

    it('puts the CSP header on every response the session receives', () => {
      let answered: { responseHeaders?: Record<string, string[]> } | null = null;
      fake.session.headersReceived?.({ responseHeaders: { 'X-Other': ['1'] } }, (response) => (answered = response));
      expect(answered).toEqual({
        responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [expect.stringMatching(/default-src 'self'/)] },
      });
    });

    it('denies every permission request and check', () => {
      for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
        const granted = vi.fn();
        fake.session.permissionRequestHandler?.({}, permission, granted);
        expect(granted, permission).toHaveBeenCalledExactlyOnceWith(false);
        expect(fake.session.permissionCheckHandler?.({}, permission, 'app://console', {}), permission).toBe(false);
      }
      expect(fake.session.devicePermissionHandler?.({})).toBe(false);
    });

    it.each(['will-navigate', 'will-frame-navigate'] as const)('%s: a foreign URL is prevented, the console\'s own is not', (event) => {
      for (const contents of [window().webContents, lateContents()]) {
        for (const url of FOREIGN) expect(contents.attempt(event, url), url).toBe(true);
        expect(contents.attempt(event, RENDERER)).toBe(false);
        expect(contents.attempt(event, `${RENDERER}#/users`)).toBe(false);
      }
    });

    it('prevents every redirect and every webview', () => {
      expect(window().webContents.attempt('will-redirect', RENDERER)).toBe(true);
      expect(window().webContents.attempt('will-attach-webview', RENDERER)).toBe(true);
    });

    it('window.open is always denied; only an allowlisted https link reaches the OS, after a confirmation', async () => {
      const open = window().webContents.windowOpenHandler!;
      const decided = (outcome: string, count: number) =>
        vi.waitFor(() => expect(consoleLog().match(new RegExp(`"external link".*"outcome":"${outcome}"`, 'g')) ?? []).toHaveLength(count), { timeout: 10_000 });
      const refused = ['https://evil.example/', 'http://cheatsheetseries.owasp.org/', 'https://user:pw@cheatsheetseries.owasp.org/', 'file:///etc/passwd', 'javascript:alert(1)'];
      for (const url of refused) expect(open({ url }), url).toEqual({ action: 'deny' });
      await decided('refused', refused.length);
      expect(fake.messageBoxes).toEqual([]);
      expect(fake.openedExternally).toEqual([]);

      const allowed = 'https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html';
      fake.dialogResponse = 1;
      expect(open({ url: allowed })).toEqual({ action: 'deny' });
      await decided('cancelled', 1);
      expect(fake.messageBoxes.map((box) => box.options.detail)).toEqual([allowed]);
      expect(fake.openedExternally).toEqual([]);

      fake.dialogResponse = 0;
      expect(open({ url: allowed })).toEqual({ action: 'deny' });
      await decided('opened', 1);
      expect(fake.openedExternally).toEqual([allowed]);
      expect(fake.windows).toHaveLength(1);
    });

    it('runs the embedded portal in a utility process, never as a Node fork of itself', async () => {
      await vi.waitFor(() => expect(fake.forks).toHaveLength(1));
      const [fork] = fake.forks;
      expect(fork!.script).toMatch(/portal-cli\.js$/);
      expect(fork!.args).toEqual(expect.arrayContaining(['--port', '0', '--demo']));
      expect(JSON.stringify(fork!.options)).not.toMatch(/ELECTRON_RUN_AS_NODE/);
      if (entry.built) {
        // Main's code lies in chunks of its own: the paths must still come from the entry's folder.
        expect(existsSync(fork!.script), fork!.script).toBe(true);
        expect(existsSync(String(window().options.webPreferences?.preload)), 'preload').toBe(true);
      }
    });

    it('starts the local test portal and binds the contract\'s calls before the window opens, the backend\'s modules beside them', () => {
      const at = (step: string) => fake.order.indexOf(step);
      expect(at('utilityProcess.fork')).toBeGreaterThan(at('ready'));
      expect(at('first ipcMain.handle')).toBeGreaterThan(at('utilityProcess.fork'));
      expect(at('new BrowserWindow')).toBeGreaterThan(at('first ipcMain.handle'));
      // Recorded where the test can watch the backend's module load (vi.mock of main/backend.ts in the source test).
      if (fake.order.includes('backend module')) expect(at('backend module')).toBeGreaterThan(at('utilityProcess.fork'));
      expect(fake.forks).toHaveLength(1);
    });

    it('leaves automatic updates off by default: electron-updater is not even loaded', async () => {
      await vi.waitFor(() => expect(consoleLog()).toMatch(/automatic updates.*"state":"off"/), { timeout: 10_000 });
      expect(fake.updaterLoaded).toBe(false);
    });

    it('binds an ipc handler for exactly the contract\'s channels, and one listener for cancelling them', () => {
      expect([...fake.ipcHandlers.keys()].sort()).toEqual([...channels].sort());
      expect([...fake.ipcListeners.keys()]).toEqual([CANCEL_CALL_CHANNEL]);
    });

    it('refuses a call from a foreign frame and answers the console\'s own', async () => {
      const handler = fake.ipcHandlers.get('app:info')!;
      const sender = window().webContents;
      for (const senderFrame of [{ url: 'https://evil.example/' }, { url: 'app://evil/index.html' }, null]) {
        const refused = (await handler({ sender, senderFrame }, {})) as { ok: boolean; error?: { code: string } };
        expect(refused, JSON.stringify(senderFrame)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
      const answered = (await handler({ sender, senderFrame: { url: `${RENDERER}#/` } }, {})) as { ok: boolean; value?: { keychain?: unknown } };
      expect(answered.ok).toBe(true);
      // The keychain modules are mocked away: the console runs on, with the keychain reported unavailable.
      expect(answered.value?.keychain).toMatchObject({ available: false, reason: expect.stringMatching(/keytar: .*@napi-rs\/keyring: /) });
    });

    it('"Open another portal" opens another window with the same hardened web preferences, on that profile', async () => {
      const open = fake.ipcHandlers.get('session:openWorkspace')!;
      const sender = window().webContents;
      const unknown = (await open({ sender, senderFrame: { url: RENDERER } }, { profileId: 'no-such-profile' })) as { ok: boolean };
      expect(unknown.ok).toBe(false);
      const opened = (await open({ sender, senderFrame: { url: RENDERER } }, {})) as { ok: boolean; value?: { opened: boolean } };
      expect(opened).toEqual({ ok: true, value: { opened: true } });
      expect(fake.windows).toHaveLength(2);
      expect(fake.windows[1]!.options.webPreferences).toEqual(window().options.webPreferences);
      expect(fake.loadedUrls[1]).toBe(`${RENDERER}#/?open=`);
      // A new window is hardened like the first (web-contents-created), and it is a workspace of its own.
      expect(fake.windows[1]!.webContents.windowOpenHandler).not.toBeNull();
      expect(fake.windows[1]!.webContents.id).not.toBe(sender.id);
    });

    it('the preload exposes exactly the contract\'s channels as window.portalConsole, each a pass-through to ipc, and a cancel by call id', async () => {
      await entry.loadPreload();
      expect([...fake.exposed.keys()]).toEqual(['portalConsole', 'portalConsoleCancel']);
      (fake.exposed.get('portalConsoleCancel') as (callId: number) => void)(7);
      expect(fake.sent).toEqual([{ channel: CANCEL_CALL_CHANNEL, args: [7] }]);
      const bridge = fake.exposed.get('portalConsole') as Record<string, (request: unknown) => Promise<unknown>>;
      expect(Object.keys(bridge).sort()).toEqual([...channels].sort());
      for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
      await bridge['app:info']!({ x: 1 });
      expect(fake.invoked).toEqual([{ channel: 'app:info', request: { x: 1 } }]);
    });
  });
}

/** A web contents created after start (a devtools or a popup, say) is hardened too. */
function lateContents(): FakeWebContents {
  const contents = new FakeWebContents();
  fake.app.emit('web-contents-created', {}, contents);
  return contents;
}
