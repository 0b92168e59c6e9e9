import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';

/**
 * A recording stand-in for the `electron` module: enough of app, BrowserWindow, session, protocol, ipcMain,
 * shell, dialog, utilityProcess, contextBridge and ipcRenderer for main/index.ts and preload/index.ts to run,
 * with everything they register kept for the test to call. Used with vi.mock('electron') where the Electron
 * runtime itself cannot be had.
 */
export interface FakeNavigationEvent {
  url: string;
  isMainFrame: boolean;
  defaultPrevented: boolean;
  preventDefault(): void;
}

function navigationEvent(url: string, isMainFrame = true): FakeNavigationEvent {
  return {
    url,
    isMainFrame,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  /** Emits the event the way Electron does and tells whether a listener prevented it. */
  attempt(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect' | 'will-attach-webview', url: string): boolean {
    const details = navigationEvent(url, event !== 'will-frame-navigate');
    if (event === 'will-frame-navigate') this.emit(event, details);
    else this.emit(event, details, url);
    return details.defaultPrevented;
  }
}

export interface MessageBoxCall {
  parent: unknown;
  options: { buttons?: string[]; message?: string; detail?: string };
}

export class ElectronFake {
  readonly order: string[] = [];
  readonly windows: FakeBrowserWindow[] = [];
  readonly loadedUrls: string[] = [];
  readonly privilegedSchemes: Array<{ scheme: string; privileges?: Record<string, boolean> }> = [];
  readonly protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  readonly ipcHandlers = new Map<string, (event: unknown, request: unknown) => Promise<unknown>>();
  /** ipcMain.on listeners (the cancel channel), by channel. */
  readonly ipcListeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  /** What the preload sent with ipcRenderer.send (a cancel). */
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  readonly openedExternally: string[] = [];
  readonly messageBoxes: MessageBoxCall[] = [];
  readonly forks: Array<{ script: string; args: string[]; options: unknown }> = [];
  readonly exposed = new Map<string, unknown>();
  readonly invoked: Array<{ channel: string; request: unknown }> = [];
  readonly session = {
    permissionRequestHandler: null as null | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void),
    permissionCheckHandler: null as null | ((...args: unknown[]) => boolean),
    devicePermissionHandler: null as null | ((...args: unknown[]) => boolean),
    headersReceived: null as
      | null
      | ((details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders?: Record<string, string[]> }) => void) => void),
  };
  /** Set by the test's vi.mock('electron-updater') factory: the updater was imported at all. */
  updaterLoaded = false;
  dialogResponse = 1;
  sandboxEnabled = false;
  private markReady: () => void = () => {};
  private readonly readyPromise = new Promise<void>((resolve) => (this.markReady = resolve));

  /** Lets app.whenReady() resolve, as Electron does once it has started. */
  ready(): void {
    this.order.push('ready');
    this.markReady();
  }

  readonly app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    setName: (name: string) => this.order.push(`setName ${name}`),
    enableSandbox: () => {
      this.sandboxEnabled = true;
      this.order.push('enableSandbox');
    },
    requestSingleInstanceLock: () => true,
    quit: () => this.order.push('quit'),
    whenReady: () => this.readyPromise,
    getPath: (name: string) => `/nonexistent/${name}`,
    getLocale: () => 'en-US',
    getVersion: () => '0.0.0-test',
  });

  readonly module = (() => {
    const fake = this as ElectronFake;
    class BrowserWindow extends EventEmitter {
      readonly webContents = new FakeWebContents();
      constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
        super();
        fake.order.push('new BrowserWindow');
        fake.windows.push(this);
        fake.app.emit('web-contents-created', {}, this.webContents);
      }
      static getAllWindows = () => fake.windows;
      static getFocusedWindow = () => fake.windows[0] ?? null;
      async loadURL(url: string): Promise<void> {
        fake.loadedUrls.push(url);
      }
      show(): void {}
    }
    const module = {
      app: this.app,
      BrowserWindow,
      session: {
        defaultSession: {
          setPermissionRequestHandler: (handler: never) => (this.session.permissionRequestHandler = handler),
          setPermissionCheckHandler: (handler: never) => (this.session.permissionCheckHandler = handler),
          setDevicePermissionHandler: (handler: never) => (this.session.devicePermissionHandler = handler),
          webRequest: { onHeadersReceived: (listener: never) => (this.session.headersReceived = listener) },
        },
      },
      protocol: {
        registerSchemesAsPrivileged: (schemes: ElectronFake['privilegedSchemes']) => {
          this.order.push('registerSchemesAsPrivileged');
          this.privilegedSchemes.push(...schemes);
        },
        handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
          this.order.push(`protocol.handle ${scheme}`);
          this.protocolHandlers.set(scheme, handler);
        },
      },
      ipcMain: {
        handle: (channel: string, handler: (event: unknown, request: unknown) => Promise<unknown>) => {
          if (this.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
          if (this.ipcHandlers.size === 0) this.order.push('first ipcMain.handle');
          this.ipcHandlers.set(channel, handler);
        },
        removeHandler: (channel: string) => this.ipcHandlers.delete(channel),
        on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
          this.ipcListeners.set(channel, listener);
        },
        removeListener: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
          if (this.ipcListeners.get(channel) === listener) this.ipcListeners.delete(channel);
        },
      },
      shell: {
        openExternal: async (url: string) => {
          this.openedExternally.push(url);
        },
      },
      dialog: {
        showMessageBox: async (parentOrOptions: unknown, maybeOptions?: MessageBoxCall['options']) => {
          const options = (maybeOptions ?? parentOrOptions) as MessageBoxCall['options'];
          this.messageBoxes.push({ parent: maybeOptions ? parentOrOptions : null, options });
          return { response: this.dialogResponse, checkboxChecked: false };
        },
      },
      utilityProcess: {
        fork: (script: string, args: string[], options: unknown) => {
          this.order.push('utilityProcess.fork');
          this.forks.push({ script, args, options });
          return fakeUtilityProcess();
        },
      },
      contextBridge: {
        exposeInMainWorld: (key: string, api: unknown) => this.exposed.set(key, api),
      },
      ipcRenderer: {
        invoke: async (channel: string, request: unknown) => {
          this.invoked.push({ channel, request });
          return { ok: true, value: null };
        },
        send: (channel: string, ...args: unknown[]) => {
          this.sent.push({ channel, args });
        },
      },
    };
    return { ...module, default: module };
  })();
}

export type FakeBrowserWindow = EventEmitter & {
  options: { webPreferences?: Record<string, unknown> };
  webContents: FakeWebContents;
};

/** A utility process whose portal never starts: it exits with code 1 right away. */
function fakeUtilityProcess() {
  const child = Object.assign(new EventEmitter(), {
    pid: undefined,
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    kill: () => true,
  });
  setImmediate(() => child.emit('exit', 1));
  return child;
}

export const electronFake = new ElectronFake();

/** For vi.mock('electron', ...): the one shared fake's module. */
export function electronModule(): ElectronFake['module'] {
  return electronFake.module;
}
