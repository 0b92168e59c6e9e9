import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prestartedPortalLauncher } from './embedded-portal';
import { forkEmbeddedPortal } from './embedded-portal-fork';

let dir: string;
let readyScript: string;
let failingScript: string;
let silentScript: string;
const notClosing = new AbortController().signal;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portal-console-fork-'));
  // Stands in for portal-cli.js: its ready line names its data folder (the argument after --data).
  readyScript = join(dir, 'ready.mjs');
  await writeFile(
    readyScript,
    [
      "const data = process.argv[process.argv.indexOf('--data') + 1];",
      "process.stderr.write('portal: started\\n');",
      "process.stdout.write(JSON.stringify({ url: 'https://127.0.0.1:1', spki: data }) + '\\n');",
      "process.on('disconnect', () => process.exit(0));",
      "process.on('SIGTERM', () => process.exit(0));",
    ].join('\n'),
  );
  failingScript = join(dir, 'failing.mjs');
  await writeFile(failingScript, 'process.exit(3);\n');
  // A portal still starting: no ready line, and (like portal-cli before its start is done) no SIGTERM handler.
  silentScript = join(dir, 'silent.mjs');
  await writeFile(silentScript, "setInterval(() => {}, 1000);\nprocess.on('disconnect', () => process.exit(0));\n");
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a portal forked before the console loads', () => {
  it('is the one the launcher answers for its own folders, with its log', async () => {
    const forked = forkEmbeddedPortal(readyScript, join(dir, 'a', 'local-portal'), join(dir, 'a', 'logs'));
    const portal = await prestartedPortalLauncher(forked, readyScript)(join(dir, 'a', 'local-portal'), join(dir, 'a', 'logs'), notClosing);
    expect(portal.spki).toBe(join(dir, 'a', 'local-portal'));
    await portal.stop();
    expect(forked.child.exitCode !== null || forked.child.signalCode !== null).toBe(true);
    expect(await readFile(join(dir, 'a', 'logs', 'local-portal.log'), 'utf8')).toContain('portal: started');
  });

  it('is stopped, and another one started, when the launcher is asked for other folders', async () => {
    const forked = forkEmbeddedPortal(readyScript, join(dir, 'b', 'local-portal'), join(dir, 'b', 'logs'));
    const portal = await prestartedPortalLauncher(forked, readyScript)(join(dir, 'c', 'local-portal'), join(dir, 'c', 'logs'), notClosing);
    expect(portal.spki).toBe(join(dir, 'c', 'local-portal'));
    expect(forked.child.exitCode !== null || forked.child.signalCode !== null).toBe(true);
    await portal.stop();
  });

  it('fails at once when it ended before anyone waited for it', async () => {
    const forked = forkEmbeddedPortal(failingScript, join(dir, 'd', 'local-portal'), join(dir, 'd', 'logs'));
    await once(forked.child, 'exit');
    const started = Date.now();
    await expect(prestartedPortalLauncher(forked, failingScript)(forked.dataDir, forked.logDir, notClosing)).rejects.toThrow(/exited with code 3/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('is stopped while it still starts when the console closes, without waiting for its start', async () => {
    const forked = forkEmbeddedPortal(silentScript, join(dir, 'e', 'local-portal'), join(dir, 'e', 'logs'));
    const closing = new AbortController();
    const starting = prestartedPortalLauncher(forked, silentScript)(forked.dataDir, forked.logDir, closing.signal);
    setTimeout(() => closing.abort(), 200);
    const started = Date.now();
    await expect(starting).rejects.toThrow(/the console closed while it started/);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(forked.child.signalCode).toBe('SIGTERM');
  });

  it('is not started at all for a console that is already closing', async () => {
    const forked = forkEmbeddedPortal(silentScript, join(dir, 'f', 'local-portal'), join(dir, 'f', 'logs'));
    await expect(prestartedPortalLauncher(forked, silentScript)(forked.dataDir, forked.logDir, AbortSignal.abort())).rejects.toThrow(/closed/);
    expect(forked.child.signalCode).toBe('SIGTERM');
  });
});
