import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EmbeddedPortalLauncher } from './embedded-portal';
import { EMBEDDED_PORTAL_EXEC_ARGV, embeddedPortalArgs, embeddedPortalEnv, runBelowConsole } from './embedded-portal-options';
import { waitForReadyLine } from './portal-ready-line';

/** What this module uses of Electron's UtilityProcess (utilityProcess.fork's result). */
export interface PortalUtilityProcess {
  readonly pid: number | undefined;
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  kill(): boolean;
  once(event: 'exit', listener: (code: number) => void): unknown;
}

export type UtilityFork = (
  modulePath: string,
  args: string[],
  options: { stdio: 'pipe'; serviceName: string; execArgv: string[]; env: Record<string, string> },
) => PortalUtilityProcess;

const STOP_TIMEOUT_MS = 5_000;

/**
 * The Electron shell runs the embedded reference portal in a utility process (Electron's own Node child) rather
 * than fork() with ELECTRON_RUN_AS_NODE: the packaged app ships with the RunAsNode fuse off, so the binary
 * cannot be turned into a plain Node by anyone who sets that variable.
 */
export function utilityPortalLauncher(script: string, fork: UtilityFork): EmbeddedPortalLauncher {
  return async (dataDir, logDir, stopping) => {
    mkdirSync(logDir, { recursive: true });
    const log = createWriteStream(join(logDir, 'local-portal.log'), { flags: 'a' });
    const child = fork(script, embeddedPortalArgs(dataDir), {
      stdio: 'pipe',
      serviceName: 'Portal Console local test portal',
      execArgv: [...EMBEDDED_PORTAL_EXEC_ARGV],
      env: embeddedPortalEnv(dataDir),
    });
    runBelowConsole(child.pid);
    // A log that cannot be written must not take the console down with it.
    log.on('error', (error) => process.stderr.write(`local test portal log: ${error.message}\n`));
    const logClosed = new Promise<void>((resolve) => log.once('close', resolve));
    child.stderr?.pipe(log);
    const exited = new Promise<number>((resolve) => child.once('exit', resolve));
    void exited.then(() => log.end());
    const ended = exited.then((code) => `it exited with code ${code}`);
    const ready = await waitForReadyLine(child.stdout, ended, stopping).catch(async (error: unknown) => {
      await stopUtility(child, exited);
      log.end();
      await logClosed;
      throw error;
    });
    return {
      ...ready,
      stop: async () => {
        await stopUtility(child, exited);
        await logClosed;
      },
    };
  };
}

/** kill() sends SIGTERM (the portal drains and exits); a portal still there after 5 s is killed hard. */
async function stopUtility(child: PortalUtilityProcess, exited: Promise<number>): Promise<void> {
  let done = false;
  void exited.then(() => (done = true));
  child.kill();
  const timer = setTimeout(() => {
    if (done || child.pid === undefined) return;
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch {
      // gone in the meantime
    }
  }, STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
