import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { ConsoleError } from '../../common/errors';
import { forkEmbeddedPortal, type ForkedPortal } from './embedded-portal-fork';

export interface EmbeddedPortal {
  url: string;
  spki: string;
  stop(): Promise<void>;
}

/**
 * Starts the embedded portal in those folders. `stopping` aborts a start still under way: the console is closing,
 * and it must not wait for a portal it is about to stop (the portal is stopped and the promise rejects).
 */
export type EmbeddedPortalLauncher = (dataDir: string, logDir: string, stopping: AbortSignal) => Promise<EmbeddedPortal>;

export { EMBEDDED_PORTAL_EXEC_ARGV, embeddedPortalArgs, embeddedPortalEnv, PORTAL_LOG_ENV } from './embedded-portal-options';

const ReadyLine = z.object({ url: z.string().url(), spki: z.string() });
const START_TIMEOUT_MS = 120_000;

/**
 * Runs the reference portal as a child process (a crash or a slow query there never blocks the console),
 * the way `npm run portal` does, and waits for its one JSON ready line.
 */
export function forkedPortalLauncher(script: string, execArgv: readonly string[] = []): EmbeddedPortalLauncher {
  return (dataDir, logDir, stopping) => readyPortal(forkEmbeddedPortal(script, dataDir, logDir, execArgv), stopping);
}

/**
 * A launcher for a portal forked already (browser mode forks it before loading its own modules, issue 14).
 * Asked for other folders than the forked portal's, it stops that one and starts one there.
 */
export function prestartedPortalLauncher(forked: ForkedPortal, script: string): EmbeddedPortalLauncher {
  return async (dataDir, logDir, stopping) => {
    if (dataDir === forked.dataDir && logDir === forked.logDir) return readyPortal(forked, stopping);
    await stopChild(forked.child);
    return forkedPortalLauncher(script)(dataDir, logDir, stopping);
  };
}

async function readyPortal(forked: ForkedPortal, stopping: AbortSignal): Promise<EmbeddedPortal> {
  const ready = await waitForReadyLine(forked.child, forked.ended, stopping);
  return { ...ready, stop: () => stopChild(forked.child) };
}

function waitForReadyLine(child: ChildProcess, ended: Promise<string>, stopping: AbortSignal): Promise<z.infer<typeof ReadyLine>> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stopping.removeEventListener('abort', onStopping);
      void stopChild(child).then(() => reject(new ConsoleError('INTERNAL', `The local test portal did not start: ${message}`)));
    };
    const onStopping = () => fail('the console closed while it started');
    const timer = setTimeout(() => fail(`no ready line within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    if (stopping.aborted) return onStopping();
    stopping.addEventListener('abort', onStopping, { once: true });
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      if (settled) return;
      const parsed = ReadyLine.safeParse(safeJson(line));
      if (!parsed.success) return fail(`unexpected output ${line.slice(0, 200)}`);
      settled = true;
      clearTimeout(timer);
      stopping.removeEventListener('abort', onStopping);
      resolve(parsed.data);
    });
    void ended.then(fail);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}
