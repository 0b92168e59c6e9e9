import type { ChildProcess } from 'node:child_process';
import { forkEmbeddedPortal, type ForkedPortal } from './embedded-portal-fork';
import { waitForReadyLine } from './portal-ready-line';

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
  const ready = await waitForReadyLine(forked.child.stdout, forked.ended, stopping).catch(async (error: unknown) => {
    await stopChild(forked.child);
    throw error;
  });
  return { ...ready, stop: () => stopChild(forked.child) };
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
