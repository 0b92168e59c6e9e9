import { fork, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { ConsoleError } from '../../common/errors';

export interface EmbeddedPortal {
  url: string;
  spki: string;
  stop(): Promise<void>;
}

export type EmbeddedPortalLauncher = (dataDir: string, logDir: string) => Promise<EmbeddedPortal>;

/** PORTAL_CONSOLE_PORTAL_LOG=1 writes every request of the local test portal to logs/local-portal.log. */
export const PORTAL_LOG_ENV = 'PORTAL_CONSOLE_PORTAL_LOG';

/** The portal CLI's arguments for the embedded portal, whatever process runs it. */
export function embeddedPortalArgs(dataDir: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const args = ['--port', '0', '--data', dataDir, '--demo', '--env', 'dev'];
  if (env[PORTAL_LOG_ENV] !== '1') args.push('--quiet');
  return args;
}

const ReadyLine = z.object({ url: z.string().url(), spki: z.string() });
const START_TIMEOUT_MS = 120_000;

/**
 * Runs the reference portal as a child process (a crash or a slow query there never blocks the console),
 * the way `npm run portal` does, and waits for its one JSON ready line.
 */
export function forkedPortalLauncher(script: string, execArgv: string[] = []): EmbeddedPortalLauncher {
  return async (dataDir, logDir) => {
    mkdirSync(logDir, { recursive: true });
    const log = createWriteStream(join(logDir, 'local-portal.log'), { flags: 'a' });
    const child = fork(script, embeddedPortalArgs(dataDir), {
      execArgv,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
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
