import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createBackend } from './backend';
import { startBrowserHost } from './browser-host';
import { forkedPortalLauncher } from './services/embedded-portal';
import { createOsVault } from './services/vault';
import { defaultUserDataDir } from './user-data';
import { appVersion } from './version';

/** Browser mode: the same backend and renderer as the Electron app, served on 127.0.0.1. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'user-data': { type: 'string' },
      'no-embedded': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const here = dirname(fileURLToPath(import.meta.url));
  const outDir = resolve(here, '..');
  const backend = await createBackend({
    userDataDir: values['user-data'] ?? defaultUserDataDir(),
    vault: createOsVault(),
    shell: 'browser',
    appVersion: appVersion(),
    embeddedPortal: values['no-embedded'] ? null : forkedPortalLauncher(join(here, 'portal-cli.js')),
  });
  // The page is served at once; the local test portal comes up beside it and shows as "starting" until then.
  const host = await startBrowserHost({ backend, rendererDir: join(outDir, 'renderer'), port: Number(values.port) });
  if (values.json) process.stdout.write(`${JSON.stringify({ url: host.url })}\n`);
  else process.stdout.write(`Portal Console (browser mode) is ready: open ${host.url}\n`);

  const shutdown = async () => {
    await host.close();
    await backend.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`Portal Console failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
