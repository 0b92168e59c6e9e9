import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { E2E_CLOCK } from './clock';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `portal-console-${prefix}-`));
}

interface Started<T> {
  info: T;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a built entry point and waits for its one JSON ready line on stdout. */
async function startJsonLineProcess<T>(script: string, args: string[], clock: string, timeoutMs = 90_000): Promise<Started<T>> {
  // PORTAL_CLOCK reaches a portal directly or through the console that forks its embedded portal.
  const env = { ...process.env, PORTAL_CLOCK: clock };
  const child = spawn(process.execPath, [join(root, script), ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const info = await new Promise<T>((resolveLine, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start in time. stderr: ${stderr}`)), timeoutMs);
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      try {
        resolveLine(JSON.parse(line) as T);
      } catch {
        reject(new Error(`${script} printed ${line}`));
      }
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}. stderr: ${stderr}`)));
  });
  // Settles when the process has ended, however it ended (an exit code, or a signal such as the SIGKILL below).
  const exited = new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
  });
  // Idempotent: a spec may stop a process itself and the cleanup stops it again.
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null && !child.killed) {
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      void exited.then(() => clearTimeout(timer));
      child.kill('SIGTERM');
    }
    return exited;
  };
  return { info, child, stop };
}

/** The console in browser mode, exactly as `npm start` runs it where Electron is missing; its portal's clock starts at `clock`. */
export function startConsole(userDataDir: string, clock: string = E2E_CLOCK) {
  return startJsonLineProcess<{ url: string }>('out/main/browser-main.js', ['--json', '--user-data', userDataDir], clock);
}

/** A separate reference portal, as `npm run portal` runs it (built). */
export function startPortalProcess(dataDir: string, options: { port?: number; env?: 'prod' | 'test' | 'dev'; clock?: string } = {}) {
  return startJsonLineProcess<{ url: string; spki: string }>('out/main/portal-cli.js', [
    '--port',
    String(options.port ?? 0),
    '--data',
    dataDir,
    '--demo',
    '--env',
    options.env ?? 'prod',
  ], options.clock ?? E2E_CLOCK);
}
