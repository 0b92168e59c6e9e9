import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { utilityPortalLauncher, type PortalUtilityProcess, type UtilityFork } from './portal-process';
import { forkUtilityPortal } from './portal-utility-fork';

class FakeUtility extends EventEmitter implements PortalUtilityProcess {
  readonly pid = undefined;
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  kills = 0;
  constructor(private readonly exitOnKill = true) {
    super();
  }
  kill(): boolean {
    this.kills += 1;
    if (this.exitOnKill) setImmediate(() => this.emit('exit', 0));
    return true;
  }
}

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'pc-portal-process-'));
  dirs.push(dir);
  const child = new FakeUtility();
  const calls: Array<Parameters<UtilityFork>> = [];
  const launch = utilityPortalLauncher('/app/out/main/portal-cli.js', (...args) => {
    calls.push(args);
    return child;
  });
  return { dir, child, calls, launch };
}

describe('utilityPortalLauncher', () => {
  it('forks the portal CLI as a utility process with piped output and answers its ready line', async () => {
    const { dir, child, calls, launch } = setup();
    const started = launch(join(dir, 'data'), join(dir, 'logs'), new AbortController().signal);
    child.stderr.write('portal: listening\n');
    child.stdout.write('{"url":"https://127.0.0.1:4443","spki":"abc="}\n');
    const portal = await started;
    expect(portal).toMatchObject({ url: 'https://127.0.0.1:4443', spki: 'abc=' });
    expect(calls).toEqual([
      [
        '/app/out/main/portal-cli.js',
        ['--port', '0', '--data', join(dir, 'data'), '--demo', '--env', 'dev', '--small-memory', '--quiet'],
        { stdio: 'pipe', serviceName: 'Portal Console local test portal', execArgv: ['--expose-gc', '--max-semi-space-size=4', '--liftoff-only'], env: expect.objectContaining({ MALLOC_MMAP_THRESHOLD_: '32768', NODE_COMPILE_CACHE: join(dir, 'data', 'compile-cache') }) },
      ],
    ]);
    await portal.stop();
    expect(child.kills).toBe(1);
    expect(readFileSync(join(dir, 'logs', 'local-portal.log'), 'utf8')).toContain('portal: listening');
  });

  it('fails with the exit code when the portal exits before its ready line', async () => {
    const { dir, child, launch } = setup();
    const started = launch(join(dir, 'data'), join(dir, 'logs'), new AbortController().signal);
    child.emit('exit', 3);
    await expect(started).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/exited with code 3/) });
  });

  it('fails and stops the process on a line that is not the ready line', async () => {
    const { dir, child, launch } = setup();
    const started = launch(join(dir, 'data'), join(dir, 'logs'), new AbortController().signal);
    child.stdout.write('hello\n');
    await expect(started).rejects.toMatchObject({ message: expect.stringMatching(/unexpected output hello/) });
    expect(child.kills).toBe(1);
  });

  it('stops a portal still starting when the console closes, without waiting for its ready line', async () => {
    const { dir, child, launch } = setup();
    const closing = new AbortController();
    const started = launch(join(dir, 'data'), join(dir, 'logs'), closing.signal);
    closing.abort();
    await expect(started).rejects.toMatchObject({ message: expect.stringMatching(/the console closed while it started/) });
    expect(child.kills).toBe(1);
  });

  it('takes over the portal the shell started before it loaded the backend, when it serves the same folders', async () => {
    const { dir, child } = setup();
    const forks: string[] = [];
    const fork: UtilityFork = (script) => {
      forks.push(script);
      return child;
    };
    const prestarted = forkUtilityPortal('/app/out/main/portal-cli.js', fork, join(dir, 'data'), join(dir, 'logs'));
    const launch = utilityPortalLauncher('/app/out/main/portal-cli.js', fork, prestarted);
    // Its ready line may come before the backend asks: the stream keeps it.
    child.stdout.write('{"url":"https://127.0.0.1:4443","spki":"abc="}\n');
    const portal = await launch(join(dir, 'data'), join(dir, 'logs'), new AbortController().signal);
    expect(portal).toMatchObject({ url: 'https://127.0.0.1:4443', spki: 'abc=' });
    expect(forks).toHaveLength(1);
    await portal.stop();
    expect(child.kills).toBe(1);
  });

  it('stops a portal started for other folders and starts its own', async () => {
    const { dir } = setup();
    const first = new FakeUtility();
    const second = new FakeUtility();
    const children = [first, second];
    const forked: string[][] = [];
    const fork: UtilityFork = (_script, args) => {
      forked.push(args);
      return children.shift()!;
    };
    const prestarted = forkUtilityPortal('/app/out/main/portal-cli.js', fork, join(dir, 'other'), join(dir, 'logs'));
    const launch = utilityPortalLauncher('/app/out/main/portal-cli.js', fork, prestarted);
    const started = launch(join(dir, 'data'), join(dir, 'logs'), new AbortController().signal);
    await vi.waitFor(() => expect(forked).toHaveLength(2));
    second.stdout.write('{"url":"https://127.0.0.1:4444","spki":"def="}\n');
    await expect(started).resolves.toMatchObject({ url: 'https://127.0.0.1:4444' });
    expect(first.kills).toBe(1);
    expect(forked[1]).toEqual(expect.arrayContaining(['--data', join(dir, 'data')]));
  });
});
