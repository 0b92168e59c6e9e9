import { parseCli, USAGE } from './cli-options';
import { startPortal, type PortalOptions, type RunningPortal } from './server';

function closeOnSignals(portal: RunningPortal): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    process.stderr.write(`portal: ${signal}, shutting down\n`);
    portal.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`portal: shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(): Promise<void> {
  let options: PortalOptions | 'help';
  try {
    options = parseCli(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`portal: ${(error as Error).message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (options === 'help') {
    process.stderr.write(`${USAGE}\n`);
    return;
  }
  if (options.databaseUrl !== undefined && options.dataDir === undefined && options.certFile === undefined) {
    process.stderr.write('portal: no --data DIR for the certificate; its pin changes at every start\n');
  }
  const portal = await startPortal(options);
  closeOnSignals(portal);
  process.stdout.write(`${JSON.stringify({ url: portal.url, spki: portal.spki })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`portal: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
