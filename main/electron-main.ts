import { join } from 'node:path';
import { app, BrowserWindow, dialog, protocol, session, shell, utilityProcess, type WebContents } from 'electron';
import type { Backend } from './backend';
import { embeddedPortalFolders } from './services/embedded-portal-options';
import { forkUtilityPortal, stopUtilityPortal, type StartedUtilityPortal, type UtilityFork } from './services/portal-utility-fork';
import { APP_SCHEME, registerAppScheme, rendererFileHandler, RENDERER_URL } from './shell/app-protocol';
import type { Updater } from './shell/auto-update';
import { confirmText, DOCUMENTATION_ORIGINS, externalLinkOpener, profileOrigins } from './shell/external-links';
import { hardenContents } from './shell/harden-contents';
import { hardenSession } from './shell/harden-session';
import { trustedFrameCheck } from './trusted-frame';
import { electronUserDataDir, PRODUCT_NAME } from './user-data';

/*
 * The Electron shell. Its static imports are light (Electron, Node built-ins, the shell's own hardening): once the
 * app is ready it starts the local test portal and opens the window first, and loads the backend (contract,
 * services, keychain, most of what main loads) beside them. Browser mode does the same (browser-main.ts).
 */

/** The entry's folder (out/main when built): the preload, the renderer and the portal CLI lie relative to it. */
let here = '';

let backend: Backend | null = null;
/** Settles once the backend is there or failed to start; null before the app is ready. */
let starting: Promise<Backend | null> | null = null;
/** The local test portal while no backend has taken it over (it did not start, or has not yet). */
let portalWithoutBackend: StartedUtilityPortal | null = null;

const forkUtility: UtilityFork = (script, args, options) => utilityProcess.fork(script, args, options);

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
    (outcome) => withLog((log) => log.info('external link', { outcome, origin })),
    (error: unknown) => withLog((log) => log.warn('external link failed', { origin, message: error instanceof Error ? error.message : String(error) })),
  );
}

/** The console's log, once the backend that keeps it is there (a window can open before it). */
function withLog(write: (log: Backend['context']['log']) => void): void {
  void (starting ?? Promise.resolve(backend)).then((ready) => ready && write(ready.context.log));
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

/** Electron's save and open dialogs, for archives streamed to and from files. */
const fileDialogs = {
  saveFile: async (defaultPath: string) => {
    const chosen = await dialog.showSaveDialog({ defaultPath });
    return chosen.canceled || chosen.filePath === undefined || chosen.filePath === '' ? null : chosen.filePath;
  },
  openFile: async () => {
    const chosen = await dialog.showOpenDialog({ properties: ['openFile'], filters: [{ name: 'Backup archive', extensions: ['gz'] }] });
    return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
  },
};

async function whenReady(): Promise<void> {
  protocol.handle(APP_SCHEME, rendererFileHandler(join(here, '../renderer')));
  hardenSession(session.defaultSession);
  const userDataDir = electronUserDataDir(app.getPath.bind(app));
  const portalScript = join(here, 'portal-cli.js');
  const { dataDir, logDir } = embeddedPortalFolders(userDataDir);
  portalWithoutBackend = forkUtilityPortal(portalScript, forkUtility, dataDir, logDir);
  const created = import('./electron-backend').then(({ createElectronBackend }) =>
    createElectronBackend({ userDataDir, portalScript, fork: forkUtility, portal: portalWithoutBackend, openWindow: (profileId) => createWindow(profileId ?? ''), fileDialogs }),
  );
  starting = created.then(
    (ready) => {
      backend = ready;
      portalWithoutBackend = null;
      return ready;
    },
    () => null,
  );
  // Bound before the window loads, so no call of the page finds no handler; calls wait for the backend.
  const [{ bindContract }, { backendWhenReady }] = await Promise.all([import('./ipc'), import('./services/backend-when-ready')]);
  bindContract(backendWhenReady(created), isTrustedFrameUrl);
  const [ready] = await Promise.all([starting, createWindow()]);
  if (!ready) return failedStart(await created.catch((error: unknown) => error));
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow();
  });
  await startUpdates(ready, userDataDir);
}

/** The backend could not start (a broken installation, an unreadable user-data folder): say why, then quit. */
function failedStart(error: unknown): void {
  dialog.showErrorBox(PRODUCT_NAME, `The console could not start: ${error instanceof Error ? error.message : String(error)}`);
  app.quit();
}

async function startUpdates(ready: Backend, userDataDir: string): Promise<void> {
  const { log } = ready.context;
  const { readShellSettings, startAutoUpdate } = await import('./shell/auto-update');
  const updates = await startAutoUpdate({
    settings: await readShellSettings(userDataDir, log),
    isPackaged: app.isPackaged,
    platform: process.platform,
    loadUpdater: loadElectronUpdater,
    log,
  });
  log.info('automatic updates', { state: updates });
}

/** Loaded only when updates are on: electron-updater reads app-update.yml and starts its own machinery. */
async function loadElectronUpdater(): Promise<Updater> {
  const imported = (await import('electron-updater')) as typeof import('electron-updater') & { default?: typeof import('electron-updater') };
  return (imported.default ?? imported).autoUpdater;
}

/** Closes the backend (signs out, stops the local test portal) before the app quits, also one still starting. */
function closeBeforeQuit(event: { preventDefault(): void }): void {
  if (!starting) return;
  event.preventDefault();
  const closing = starting;
  starting = null;
  void closing
    .then(async (ready) => {
      backend = null;
      if (ready) await ready.close();
      // A backend that never started never took the portal over: stop it here.
      else if (portalWithoutBackend) await stopUtilityPortal(portalWithoutBackend);
    })
    .finally(() => app.quit());
}

/**
 * Called by the entry (index.ts) before `ready`, with its own folder: this module is a chunk of its own when built,
 * so its import.meta.url does not say where the app's files are.
 */
export function startElectronShell(entryDir: string): void {
  here = entryDir;
  app.enableSandbox();
  registerAppScheme(protocol);
  if (!app.requestSingleInstanceLock()) app.quit();
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, { isTrustedFrameUrl, openLink }));
  app.whenReady().then(whenReady).catch(failedStart);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', closeBeforeQuit);
}
