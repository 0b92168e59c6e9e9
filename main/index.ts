import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, session, shell, type WebContents } from 'electron';
import { createBackend, type Backend } from './backend';
import { bindContract } from './ipc';
import { forkedPortalLauncher } from './services/embedded-portal';
import { trustedFrameCheck } from './trusted-frame';
import { createOsVault } from './services/vault';
import { PRODUCT_NAME } from './user-data';
import { appVersion } from './version';

const here = dirname(fileURLToPath(import.meta.url));
const rendererIndex = join(here, '../renderer/index.html');
const rendererUrl = pathToFileURL(rendererIndex).href;

const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

let backend: Backend | null = null;

app.setName(PRODUCT_NAME);
app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();

const isTrustedFrameUrl = trustedFrameCheck(rendererUrl);

function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedFrameUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

async function createWindow(): Promise<void> {
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
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  await window.loadURL(rendererUrl);
}

app.on('web-contents-created', (_event, contents) => hardenContents(contents));

app.whenReady().then(async () => {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  backend = await createBackend({
    userDataDir: process.env.PORTAL_CONSOLE_USER_DATA ?? app.getPath('userData'),
    vault: createOsVault(),
    shell: 'electron',
    appVersion: appVersion(),
    embeddedPortal: forkedPortalLauncher(join(here, 'portal-cli.js')),
  });
  bindContract(backend, isTrustedFrameUrl);
  await createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow();
  });
});

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
