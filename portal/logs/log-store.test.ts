import { appendFile, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PortalLogStore } from './log-store';

let dir: string;
let clock: Date;
const now = () => clock;
const all = { from: new Date(0), to: new Date('2100-01-01T00:00:00Z'), minLevel: 'debug' as const, limit: 1000 };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portal-log-'));
  clock = new Date('2026-03-02T09:00:00.000Z');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('PortalLogStore', () => {
  it('redacts secrets in messages and context before keeping them', () => {
    const store = new PortalLogStore({ now });
    store.warn('login with password=hunter2 failed', { headers: { authorization: 'Bearer abc.def', cookie: 'sid=1' }, user: 'anna' });
    const [entry] = store.query(all).items;
    expect(entry?.message).toBe('login with password=[REDACTED] failed');
    expect(entry?.context).toEqual({ headers: { authorization: '[REDACTED]', cookie: '[REDACTED]' }, user: 'anna' });
  });

  it('keeps only the newest entries up to its capacity', () => {
    const store = new PortalLogStore({ capacity: 3, now });
    for (let n = 1; n <= 5; n += 1) store.info(`line ${n}`);
    expect(store.query(all).items.map((e) => [e.seq, e.message])).toEqual([
      [3, 'line 3'],
      [4, 'line 4'],
      [5, 'line 5'],
    ]);
  });

  it('selects by time range and minimum level, and pages after a sequence number', () => {
    const store = new PortalLogStore({ now });
    const levels = ['debug', 'info', 'warn', 'error', 'info'] as const;
    levels.forEach((level, index) => {
      clock = new Date(Date.UTC(2026, 2, 2, 9, index));
      store.write(level, `at minute ${index}`);
    });
    const range = { ...all, from: new Date('2026-03-02T09:01:00Z'), to: new Date('2026-03-02T09:03:00Z') };
    expect(store.query(range).items.map((e) => e.message)).toEqual(['at minute 1', 'at minute 2', 'at minute 3']);
    expect(store.query({ ...all, minLevel: 'warn' }).items.map((e) => e.level)).toEqual(['warn', 'error']);
    const first = store.query({ ...all, limit: 2 });
    expect(first.next).toBe(2);
    const second = store.query({ ...all, limit: 2, afterSeq: first.next! });
    expect(second.items.map((e) => e.seq)).toEqual([3, 4]);
    expect(store.query({ ...all, limit: 2, afterSeq: second.next! })).toEqual({ items: [expect.objectContaining({ seq: 5 })], next: null });
  });

  it('counts errors and warnings of the last hour', () => {
    const store = new PortalLogStore({ now });
    store.error('old failure');
    clock = new Date('2026-03-02T10:30:00.000Z');
    store.error('fresh failure');
    store.warn('fresh warning');
    expect(store.stats()).toMatchObject({ entries: 3, errorsLastHour: 1, warningsLastHour: 1, persistent: false, oldestAt: '2026-03-02T09:00:00.000Z' });
  });

  it('starts empty without a file, but refuses to start on a log file it cannot read', async () => {
    const file = join(dir, 'server.log');
    expect((await PortalLogStore.open({ file, now })).query(all).items).toEqual([]);
    // A folder where the file should be: EISDIR, a read error like EACCES or EMFILE.
    await mkdir(file);
    await expect(PortalLogStore.open({ file, now })).rejects.toThrow(`the server log ${file} could not be read`);
  });

  it('persists to JSON lines and continues after a restart, skipping a line cut off by a crash', async () => {
    const file = join(dir, 'logs', 'portal.log');
    const first = await PortalLogStore.open({ file, now });
    first.info('GET /api/v1/health 200', { status: 200 });
    first.error('request failed');
    await first.flush();
    await appendFile(file, '{"seq":3,"at":"2026-03-02T09:0');
    const second = await PortalLogStore.open({ file, now });
    expect(second.persistent).toBe(true);
    expect(second.query(all).items.map((e) => e.message)).toEqual(['GET /api/v1/health 200', 'request failed']);
    expect(second.info('after restart').seq).toBe(3);
  });

  it('rotates the file beyond its size limit (one generation) and loads both parts', async () => {
    const file = join(dir, 'portal.log');
    const store = await PortalLogStore.open({ file, maxFileBytes: 400, now });
    for (let n = 0; n < 6; n += 1) {
      store.info(`entry number ${n} with some padding to grow the file`);
      await store.flush();
    }
    expect((await stat(`${file}.1`)).size).toBeGreaterThan(400);
    expect(await readFile(file, 'utf8')).toContain('entry number 5');
    const reopened = await PortalLogStore.open({ file, now });
    expect(reopened.query(all).items.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
