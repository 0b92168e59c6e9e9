/**
 * Forks the embedded portal with nothing but Node built-ins loaded, so that browser mode can start it before it
 * loads its own modules (main/browser-main.ts); embedded-portal.ts waits for its ready line.
 */

import { fork, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EMBEDDED_PORTAL_EXEC_ARGV, embeddedPortalArgs, embeddedPortalEnv, runBelowConsole } from './embedded-portal-options';

export interface ForkedPortal {
  child: ChildProcess;
  dataDir: string;
  logDir: string;
  /** Settles with the failure as soon as the process cannot start or ends, whenever anyone looks. */
  ended: Promise<string>;
}

export function forkEmbeddedPortal(script: string, dataDir: string, logDir: string, execArgv: readonly string[] = []): ForkedPortal {
  mkdirSync(logDir, { recursive: true });
  const log = createWriteStream(join(logDir, 'local-portal.log'), { flags: 'a' });
  const child = fork(script, embeddedPortalArgs(dataDir), {
    execArgv: [...EMBEDDED_PORTAL_EXEC_ARGV, ...execArgv],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...embeddedPortalEnv(dataDir), ELECTRON_RUN_AS_NODE: '1' },
  });
  runBelowConsole(child.pid);
  child.stderr?.pipe(log);
  const ended = new Promise<string>((resolve) => {
    child.once('exit', (code) => resolve(`it exited with code ${code}`));
    child.once('error', (error) => resolve(error.message));
  });
  return { child, dataDir, logDir, ended };
}
