/**
 * Starts the embedded portal in Electron's utility process with nothing but Node built-ins loaded, so that the
 * Electron shell can start it the moment the app is ready, before it loads the backend (main/index.ts);
 * portal-process.ts waits for its ready line. The twin of embedded-portal-fork.ts (browser mode).
 */

import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EMBEDDED_PORTAL_EXEC_ARGV, embeddedPortalArgs, embeddedPortalEnv, runBelowConsole } from './embedded-portal-options';

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

export interface StartedUtilityPortal {
  child: PortalUtilityProcess;
  dataDir: string;
  logDir: string;
  /** Settles with the exit code whenever the process ends. */
  exited: Promise<number>;
  /** Settles once its log (logs/local-portal.log) is written and closed, after the process ended. */
  logClosed: Promise<void>;
}

export function forkUtilityPortal(script: string, fork: UtilityFork, dataDir: string, logDir: string): StartedUtilityPortal {
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
  return { child, dataDir, logDir, exited, logClosed };
}

const STOP_TIMEOUT_MS = 5_000;

/** kill() sends SIGTERM (the portal drains and exits); a portal still there after 5 s is killed hard. */
export async function stopUtilityPortal(portal: StartedUtilityPortal): Promise<void> {
  const { child, exited } = portal;
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
  await portal.logClosed;
}
