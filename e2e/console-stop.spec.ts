import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startConsole, tempDir } from './support/processes';

/** Processes whose command line names `folder` (the console's user-data folder is in its portal's --data). */
function processesNaming(folder: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(join('/proc', pid, 'cmdline'), 'utf8').includes(folder);
      } catch {
        return false; // ended while we looked
      }
    })
    .map(Number);
}

test.skip(process.platform !== 'linux', 'reads /proc');

test('a console stopped while its local test portal starts closes at once and leaves no portal running', async () => {
  const userDataDir = tempDir('stop-starting');
  const running = await startConsole(userDataDir);
  // A first run: the portal unpacks and seeds its database for seconds after the console serves its page.
  const started = Date.now();
  await running.stop();
  expect(Date.now() - started).toBeLessThan(2_500);
  expect(running.child.exitCode).toBe(0);
  expect(processesNaming(userDataDir)).toEqual([]);
  expect(readFileSync(join(userDataDir, 'logs', 'console.log'), 'utf8')).not.toContain('local test portal failed to start');
});

test('a console stopped before it has even loaded its modules stops its portal, too', async () => {
  const userDataDir = tempDir('stop-early');
  const child = spawn(process.execPath, ['out/main/browser-main.js', '--json', '--user-data', userDataDir], { stdio: 'ignore' });
  // Its portal is forked first thing; the console's own modules load after that, for a few hundred ms.
  await expect.poll(() => processesNaming(userDataDir).filter((pid) => pid !== child.pid).length, { intervals: [5] }).toBeGreaterThan(0);
  await new Promise((resolve) => setTimeout(resolve, 20));
  child.kill('SIGTERM');
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  expect({ code, signal }).toEqual({ code: 0, signal: null });
  expect(processesNaming(userDataDir)).toEqual([]);
});
