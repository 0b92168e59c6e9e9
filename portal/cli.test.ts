import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Agent, request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCli } from './cli-options';

const children: ChildProcessWithoutNullStreams[] = [];
afterAll(() => {
  for (const child of children) {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
});

function firstStdoutLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`portal exited with ${code}`)));
  });
}

describe('npm run portal', () => {
  it('prints exactly one JSON line with url and spki, serves, and closes cleanly on SIGTERM', async () => {
    // Its own process group, so the signal reaches npx, tsx and the portal alike, as from a terminal or service manager.
    const child = spawn('npx', ['tsx', 'portal/cli.ts', '--memory', '--demo', '--port', '0', '--env', 'dev'], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: '' },
      detached: true,
    });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const allOutputClosed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    const line = await firstStdoutLine(child);
    const printed = JSON.parse(line);
    expect(Object.keys(printed).sort()).toEqual(['spki', 'url']);
    expect(printed.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(Buffer.from(printed.spki, 'base64')).toHaveLength(32);

    const agent = new Agent({ connect: { rejectUnauthorized: false } });
    const health = await request(`${printed.url}/api/v1/health`, { dispatcher: agent });
    expect(health.statusCode).toBe(200);
    expect(await health.body.json()).toMatchObject({ status: 'ok' });
    await agent.close();

    process.kill(-(child.pid as number), 'SIGTERM');
    await allOutputClosed;
    expect(stderr).toContain('portal: stopped');
    expect(stderr).toMatch(/^portal: started in \d+ ms \(modules \d+, tls \d+, database \d+, migrations \d+, data \d+, app \d+, sweep \d+, listen \d+\) on /m);
    expect(stdout.trim().split('\n')).toEqual([line]);
    // Request logs went to stderr, not stdout.
    expect(stderr).toContain('"url":"/api/v1/health"');
  }, 60_000);
});

describe('parseCli', () => {
  it('reads the documented flags', () => {
    expect(parseCli(['--port', '8443', '--data', '/srv/portal', '--demo', '--env', 'test'], {})).toMatchObject({
      port: 8443,
      dataDir: '/srv/portal',
      demo: true,
      memory: false,
      environment: 'test',
      logger: true,
    });
  });

  it('takes --small-memory (the embedded portal) and leaves it off otherwise', () => {
    expect(parseCli(['--data', '/d', '--small-memory'], {})).toMatchObject({ smallMemory: true });
    expect(parseCli(['--data', '/d'], {})).toMatchObject({ smallMemory: false });
  });

  it('starts the clock at --clock or PORTAL_CLOCK and lets it run on', () => {
    const before = Date.now();
    const fromFlag = parseCli(['--memory', '--clock', '2028-02-29T12:00:00+01:00'], { PORTAL_CLOCK: '2030-01-01T00:00:00Z' });
    const fromEnv = parseCli(['--memory'], { PORTAL_CLOCK: '2027-01-04T12:00:00+01:00' });
    if (fromFlag === 'help' || fromEnv === 'help') throw new Error('not help');
    const elapsed = Date.now() - before;
    expect(fromFlag.now!().getTime() - Date.parse('2028-02-29T11:00:00Z')).toBeGreaterThanOrEqual(0);
    expect(fromFlag.now!().getTime() - Date.parse('2028-02-29T11:00:00Z')).toBeLessThan(elapsed + 1_000);
    expect(fromEnv.now!().toISOString().slice(0, 16)).toBe('2027-01-04T11:00');
    expect(parseCli(['--memory'], {})).toMatchObject({ now: undefined });
  });

  it('takes PostgreSQL from DATABASE_URL', () => {
    expect(parseCli([], { DATABASE_URL: 'postgres://p@db/portal' })).toMatchObject({ databaseUrl: 'postgres://p@db/portal' });
  });

  it.each([
    [['--port', '70000', '--memory'], /--port/],
    [['--port', 'abc', '--memory'], /--port/],
    [['--memory', '--env', 'staging'], /--env/],
    [['--memory', '--cert', 'c.pem'], /--cert and --key/],
    [[], /--data DIR, --memory, or DATABASE_URL/],
    [['--memory', '--unknown'], /Unknown option/],
    [['--memory', '--clock', 'tomorrow'], /--clock/],
    [['--memory', '--clock', '2027-01-04T12:00:00'], /ISO instant with offset/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCli(argv, {})).toThrow(message);
  });
});
