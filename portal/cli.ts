import { parseCli, USAGE } from './cli-options';
import { startPortal, type PortalOptions, type RunningPortal } from './server';
import { startLine } from './start-timings';

const FORCED_EXIT_MS = 10_000;

/**
 * Closes once on SIGINT/SIGTERM. Repeats are ignored: a terminal's Ctrl+C reaches npm, tsx and this
 * process at once and tsx relays it again, so a second signal is not a request to hurry.
 */
function closeOnSignals(portal: RunningPortal): void {
  let stopping = false;
  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`portal: ${reason}, shutting down\n`);
    setTimeout(() => {
      process.stderr.write('portal: shutdown timed out\n');
      process.exit(1);
    }, FORCED_EXIT_MS).unref();
    portal.close().then(
      () => {
        process.stderr.write('portal: stopped\n');
        process.exit(0);
      },
      (error: unknown) => {
        process.stderr.write(`portal: shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Started by the console as its embedded portal (IPC channel): stop when the console goes away, even if killed,
  // and also when it went away while this portal was still starting (the disconnect came before this listener).
  const consoleGone = () => stop('the console went away');
  if (process.send) process.on('disconnect', consoleGone);
  if (process.send && !process.connected) consoleGone();
}

/** A full collection, when the process runs with --expose-gc (the console's embedded portal does). */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function main(): Promise<void> {
  // performance.now() counts from the process start: until here Node started and loaded the bundle.
  const modulesMs = performance.now();
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
  // The prepared database's tarball, unpacked (~90 MiB), is garbage now; V8 would keep it for minutes.
  if (portal.databaseOrigin === 'prepared') collectGarbage();
  process.stdout.write(`${JSON.stringify({ url: portal.url, spki: portal.spki })}\n`);
  const timings = [['modules', Math.round(modulesMs)] as [string, number], ...portal.startTimings];
  process.stderr.write(`${startLine(timings, performance.now(), portal.databaseOrigin)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`portal: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
