import { fork, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { ConsoleError } from '../../common/errors';
import { EMBEDDED_PORTAL_EXEC_ARGV, embeddedPortalArgs, embeddedPortalEnv, runBelowConsole } from './embedded-portal-options';

export interface EmbeddedPortal {
  url: string;
  spki: string;
  stop(): Promise<void>;
}

export type EmbeddedPortalLauncher = (dataDir: string, logDir: string) => Promise<EmbeddedPortal>;

export { EMBEDDED_PORTAL_EXEC_ARGV, embeddedPortalArgs, embeddedPortalEnv, PORTAL_LOG_ENV } from './embedded-portal-options';

const ReadyLine = z.object({ url: z.string().url(), spki: z.string() });
const START_TIMEOUT_MS = 120_000;

/**
 * Runs the reference portal as a child process (a crash or a slow query there never blocks the console),
 * the way `npm run portal` does, and waits for its one JSON ready line.
 */
export function forkedPortalLauncher(script: string, execArgv: readonly string[] = []): EmbeddedPortalLauncher {
  return async (dataDir, logDir) => {
    mkdirSync(logDir, { recursive: true });
    const log = createWriteStream(join(logDir, 'local-portal.log'), { flags: 'a' });
    const child = fork(script, embeddedPortalArgs(dataDir), {
      execArgv: [...EMBEDDED_PORTAL_EXEC_ARGV, ...execArgv],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...embeddedPortalEnv(dataDir), ELECTRON_RUN_AS_NODE: '1' },
    });
    runBelowConsole(child.pid);
    child.stderr?.pipe(log);
    const ready = await waitForReadyLine(child);
    return {
      ...ready,
      stop: () => stopChild(child),
    };
  };
}

function waitForReadyLine(child: ChildProcess): Promise<z.infer<typeof ReadyLine>> {
  return new Promise((resolve, reject) => {
    const fail = (message: string) => {
      clearTimeout(timer);
      child.kill();
      reject(new ConsoleError('INTERNAL', `The local test portal did not start: ${message}`));
    };
    const timer = setTimeout(() => fail(`no ready line within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      const parsed = ReadyLine.safeParse(safeJson(line));
      if (parsed.success) resolve(parsed.data);
      else fail(`unexpected output ${line.slice(0, 200)}`);
    });
    child.once('exit', (code) => fail(`it exited with code ${code}`));
    child.once('error', (error) => fail(error.message));
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
