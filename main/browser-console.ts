import { createBackend } from './backend';
import { startBrowserHost } from './browser-host';
import { prestartedPortalLauncher } from './services/embedded-portal';
import type { ForkedPortal } from './services/embedded-portal-fork';
import { createOsVault } from './services/vault';
import { appVersion } from './version';

export interface BrowserConsoleOptions {
  userDataDir: string;
  rendererDir: string;
  port: number;
  json: boolean;
  /** The embedded portal, forked before this module loaded; null with --no-embedded. */
  portal: ForkedPortal | null;
  portalScript: string;
}

export interface RunningBrowserConsole {
  /** Closes the host, signs out and stops the embedded portal, also one still starting. */
  close(): Promise<void>;
}

/** Browser mode: the same backend and renderer as the Electron app, served on 127.0.0.1. */
export async function runBrowserConsole(options: BrowserConsoleOptions): Promise<RunningBrowserConsole> {
  const backend = await createBackend({
    userDataDir: options.userDataDir,
    vault: createOsVault(),
    shell: 'browser',
    appVersion: appVersion(),
    embeddedPortal: options.portal ? prestartedPortalLauncher(options.portal, options.portalScript) : null,
  });
  // The page is served at once; the local test portal comes up beside it and shows as "starting" until then.
  const host = await startBrowserHost({ backend, rendererDir: options.rendererDir, port: options.port });
  if (options.json) process.stdout.write(`${JSON.stringify({ url: host.url })}\n`);
  else process.stdout.write(`Portal Console (browser mode) is ready: open ${host.url}\n`);
  return {
    close: async () => {
      await host.close();
      await backend.close();
    },
  };
}
