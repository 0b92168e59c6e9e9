import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, protocol, session, shell, utilityProcess, type WebContents } from 'electron';
import { createBackend, type Backend } from './backend';
import { bindContract } from './ipc';
import { utilityPortalLauncher } from './services/portal-process';
import { trustedFrameCheck } from './trusted-frame';
import { createOsVault } from './services/vault';
import { APP_SCHEME, registerAppScheme, rendererFileHandler, RENDERER_URL } from './shell/app-protocol';
import { readShellSettings, startAutoUpdate, type Updater } from './shell/auto-update';
import { confirmText, DOCUMENTATION_ORIGINS, externalLinkOpener, profileOrigins } from './shell/external-links';
import { hardenContents } from './shell/harden-contents';
import { hardenSession } from './shell/harden-session';
import { PRODUCT_NAME } from './user-data';
import { appVersion } from './version';

const here = dirname(fileURLToPath(import.meta.url));

let backend: Backend | null = null;

app.setName(PRODUCT_NAME);
app.enableSandbox();
registerAppScheme(protocol);
if (!app.requestSingleInstanceLock()) app.quit();

const isTrustedFrameUrl = trustedFrameCheck(RENDERER_URL);

const openExternalLink = externalLinkOpener({
  allowedOrigins: () => [...DOCUMENTATION_ORIGINS, ...profileOrigins(backend?.context.profiles.list().map((p) => p.url) ?? [])],
  confirm: async (url) => {
    const text = confirmText(app.getLocale());
    const parent = BrowserWindow.getFocusedWindow();
    const options = { type: 'question' as const, buttons: [text.open, text.cancel], defaultId: 1, cancelId: 1, message: text.message, detail: url };
    const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
    return response === 0;
  },
  openExternal: (url) => shell.openExternal(url),
});

/** Every decision is logged (origin only: a link may carry a token in its path or query). */
function openLink(url: string, _contents: WebContents): void {
  const origin = URL.canParse(url) ? new URL(url).origin : 'unparsable';
  openExternalLink(url).then(
    (outcome) => backend?.context.log.info('external link', { outcome, origin }),
    (error: unknown) => backend?.context.log.warn('external link failed', { origin, message: error instanceof Error ? error.message : String(error) }),
  );
}

/**
 * Every console window, the first and each "Open another portal": the same hardened web preferences. Each
 * window is its own workspace (ipc.ts), so it holds its own portal session; `profileId` opens on its sign-in.
 */
async function createWindow(profileId?: string): Promise<void> {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 1024,
    minHeight: 680,
    title: PRODUCT_NAME,
    show: false,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  await window.loadURL(profileId === undefined ? RENDERER_URL : `${RENDERER_URL}#/?open=${encodeURIComponent(profileId)}`);
}

app.on('web-contents-created', (_event, contents) => hardenContents(contents, { isTrustedFrameUrl, openLink }));

app.whenReady().then(async () => {
  protocol.handle(APP_SCHEME, rendererFileHandler(join(here, '../renderer')));
  hardenSession(session.defaultSession);
  const userDataDir = process.env.PORTAL_CONSOLE_USER_DATA ?? app.getPath('userData');
  backend = await createBackend({
    userDataDir,
    vault: createOsVault(),
    shell: 'electron',
    appVersion: appVersion(),
    embeddedPortal: utilityPortalLauncher(join(here, 'portal-cli.js'), (script, args, options) => utilityProcess.fork(script, args, options)),
    openWindow: (profileId) => createWindow(profileId ?? ''),
    fileDialogs: {
      saveFile: async (defaultPath) => {
        const chosen = await dialog.showSaveDialog({ defaultPath });
        return chosen.canceled || chosen.filePath === undefined || chosen.filePath === '' ? null : chosen.filePath;
      },
      openFile: async () => {
        const chosen = await dialog.showOpenDialog({ properties: ['openFile'], filters: [{ name: 'Backup archive', extensions: ['gz'] }] });
        return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
      },
    },
  });
  bindContract(backend, isTrustedFrameUrl);
  await createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow();
  });
  const { log } = backend.context;
  const updates = await startAutoUpdate({
    settings: await readShellSettings(userDataDir, log),
    isPackaged: app.isPackaged,
    platform: process.platform,
    loadUpdater: loadElectronUpdater,
    log,
  });
  log.info('automatic updates', { state: updates });
});

/** Loaded only when updates are on: electron-updater reads app-update.yml and starts its own machinery. */
async function loadElectronUpdater(): Promise<Updater> {
  const imported = (await import('electron-updater')) as typeof import('electron-updater') & { default?: typeof import('electron-updater') };
  return (imported.default ?? imported).autoUpdater;
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('before-quit', (event) => {
  if (!backend) return;
  event.preventDefault();
  const closing = backend;
  backend = null;
  void closing.close().finally(() => app.quit());
});
