import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { forkEmbeddedPortal } from './services/embedded-portal-fork';
import { embeddedPortalFolders } from './services/embedded-portal-options';
import { defaultUserDataDir } from './user-data';
import type { RunningBrowserConsole } from './browser-console';

/**
 * Browser mode. The embedded portal's start takes longest, so it is forked first, with only Node built-ins
 * loaded; the console's own modules (browser-console.ts) load while it starts (issue 14).
 */
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
  const userDataDir = values['user-data'] ?? defaultUserDataDir();
  const portalScript = join(here, 'portal-cli.js');
  // The folders the backend gives its launcher too: it takes this portal over instead of starting another.
  const folders = embeddedPortalFolders(userDataDir);
  const portal = values['no-embedded'] ? null : forkEmbeddedPortal(portalScript, folders.dataDir, folders.logDir);
  const started = import('./browser-console').then(({ runBrowserConsole }) =>
    runBrowserConsole({
      userDataDir,
      rendererDir: join(resolve(here, '..'), 'renderer'),
      port: Number(values.port),
      json: values.json,
      portal,
      portalScript,
    }),
  );
  closeOnSignals(started);
  await started;
}

/**
 * From the first moment, not only once the console is up: a console stopped while it starts still closes in order
 * and stops its portal (which the backend does without waiting for the portal's own start to finish).
 */
function closeOnSignals(started: Promise<RunningBrowserConsole>): void {
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    const running = await started.catch(() => null);
    await running?.close();
    process.exit(0);
  };
  process.on('SIGINT', close);
  process.on('SIGTERM', close);
}

main().catch((error: unknown) => {
  process.stderr.write(`Portal Console failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
