import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { ConsoleError } from '../../common/errors';
import type { EmbeddedPortalLauncher } from './embedded-portal';
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

const ReadyLine = z.object({ url: z.string().url(), spki: z.string() });
const START_TIMEOUT_MS = 120_000;
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
    const ready = await waitForReadyLine(child, exited, stopping).catch(async (error: unknown) => {
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

/** Rejects when the portal fails, takes too long or the console closes (`stopping`); the caller then stops it. */
function waitForReadyLine(child: PortalUtilityProcess, exited: Promise<number>, stopping: AbortSignal): Promise<z.infer<typeof ReadyLine>> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stopping.removeEventListener('abort', onStopping);
      reject(new ConsoleError('INTERNAL', `The local test portal did not start: ${message}`));
    };
    const onStopping = () => fail('the console closed while it started');
    const timer = setTimeout(() => fail(`no ready line within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    if (stopping.aborted) return onStopping();
    stopping.addEventListener('abort', onStopping, { once: true });
    if (!child.stdout) return fail('its output is not piped');
    createInterface({ input: child.stdout }).once('line', (line) => {
      const parsed = ReadyLine.safeParse(safeJson(line));
      if (!parsed.success) return fail(`unexpected output ${line.slice(0, 200)}`);
      settled = true;
      clearTimeout(timer);
      stopping.removeEventListener('abort', onStopping);
      resolve(parsed.data);
    });
    void exited.then((code) => fail(`it exited with code ${code}`));
  });
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

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}
