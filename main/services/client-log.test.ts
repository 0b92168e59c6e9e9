import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClientLog, parseLogLine, sliceNotes } from './client-log';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'client-log-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const line = (at: string, message: string) => `${JSON.stringify({ at, level: 'info', message })}\n`;

describe('ClientLog.read', () => {
  it('skips a line half written at a crash (and other lines that are no entry) and counts them', async () => {
    const log = new ClientLog(dir);
    await writeFile(
      log.path,
      line('2026-03-02T09:00:00.000Z', 'console started') +
        '{"at":"2026-03-02T09:00:01.000Z","level":"info","mess\n' +
        'not json at all\n' +
        '{"at":"yesterday","level":"info","message":"bad time"}\n' +
        '{"at":"2026-03-02T09:00:02.000Z","level":"loud","message":"bad level"}\n' +
        line('2026-03-02T09:00:03.000Z', 'signed in'),
    );
    // The crash left the rotated file without its last line break.
    await writeFile(`${log.path}.1`, line('2026-03-02T08:59:00.000Z', 'older') + '{"at":"2026-03-02T08:59:30');
    const slice = await log.read();
    expect(slice.entries.map((entry) => entry.message)).toEqual(['older', 'console started', 'signed in']);
    expect(slice).toMatchObject({ matched: 3, unreadable: 5 });
  });

  it('keeps the newest entries of the range and says how many it matched', async () => {
    const log = new ClientLog(dir);
    for (let minute = 10; minute < 20; minute += 1) await appendFile(log.path, line(`2026-03-02T09:${minute}:00.000Z`, `entry ${minute}`));
    const slice = await log.read({ from: new Date('2026-03-02T09:12:00Z'), to: new Date('2026-03-02T09:17:00Z'), limit: 4 });
    expect(slice.entries.map((entry) => entry.message)).toEqual(['entry 14', 'entry 15', 'entry 16', 'entry 17']);
    expect(slice).toMatchObject({ matched: 6, unreadable: 0 });
  });

  it('reads what it wrote itself, secrets redacted', async () => {
    const log = new ClientLog(dir);
    log.info('signed in', { password: 'Sommer2026!' });
    const slice = await log.read();
    expect(slice.entries).toMatchObject([{ level: 'info', message: 'signed in' }]);
    expect(JSON.stringify(slice.entries)).not.toContain('Sommer2026!');
  });

  it('writes no password, hash or token to disk, wherever in an entry it stands', async () => {
    const secrets = {
      password: 'Sommer2026!',
      scrypt: 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g',
      bcrypt: '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW',
      argon2: '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG',
      bearer: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk',
    };
    const log = new ClientLog(dir);
    log.info(`portal answered for Authorization: Bearer ${secrets.bearer}`, { password: secrets.password });
    log.warn('user row', { user: { login: 'anna', passwordHash: secrets.scrypt }, note: `stored ${secrets.bcrypt} and ${secrets.argon2}` });
    const slice = await log.read();
    expect(slice.entries).toHaveLength(2);
    const { readFile, readdir } = await import('node:fs/promises');
    const onDisk = (await Promise.all((await readdir(dir)).map((name) => readFile(join(dir, name), 'utf8').catch(() => '')))).join('');
    expect(onDisk).toContain('user row');
    for (const secret of Object.values(secrets)) expect(onDisk).not.toContain(secret);
  });

  it('ends a line cut off by a crash before it writes, so the first entry of the next run is not lost', async () => {
    const log = new ClientLog(dir);
    await writeFile(log.path, line('2026-03-02T09:00:00.000Z', 'before the crash') + '{"at":"2026-03-02T09:00:01.000Z","lev');
    log.info('console started again');
    log.info('signed in');
    const slice = await log.read();
    expect(slice.entries.map((entry) => entry.message)).toEqual(['before the crash', 'console started again', 'signed in']);
    expect(slice.unreadable).toBe(1);
  });

  it('gives an empty slice when there is no log yet', async () => {
    expect(await new ClientLog(join(dir, 'missing')).read()).toEqual({ entries: [], matched: 0, unreadable: 0 });
  });

  it('fails with the read error, not an empty slice, when a log file exists but cannot be read', async () => {
    const log = new ClientLog(join(dir, 'unreadable'));
    // A folder where the rotated log should be: EISDIR, a read error like EACCES or EMFILE.
    await mkdir(`${log.path}.1`, { recursive: true });
    await expect(log.read()).rejects.toMatchObject({ code: 'INTERNAL', details: { reason: 'log_unreadable', errno: 'EISDIR', file: `${log.path}.1` } });
  });
});

describe('parseLogLine', () => {
  it.each([
    ['{"at":"2026-03-02T09:00:00.000Z","level":"warn","message":"x","context":{"a":1}}', true],
    ['{"at":"2026-03-02T09:00:00.000Z","level":"warn","message":"x","context":"text"}', false],
    ['{"at":"2026-03-02T09:00:00.000Z","level":"warn"}', false],
    ['[1,2,3]', false],
    ['null', false],
  ])('%s is an entry: %s', (text, valid) => {
    expect(parseLogLine(text) !== null).toBe(valid);
  });
});

describe('sliceNotes', () => {
  const entries = [{ at: '2026-03-02T09:00:00.000Z', level: 'info' as const, message: 'x' }];

  it('says nothing when the slice is complete', () => {
    expect(sliceNotes({ entries, matched: 1, unreadable: 0 })).toEqual([]);
  });

  it('says when entries were cut to the last N and when lines were skipped', () => {
    expect(sliceNotes({ entries, matched: 12_345, unreadable: 1 })).toEqual([
      '# Only the last 1 of 12345 entries in this time range are attached; the 12344 earlier ones were left out.',
      '# 1 unreadable line skipped (for example written only in part when the console crashed).',
    ]);
    expect(sliceNotes({ entries, matched: 1, unreadable: 2 })[0]).toMatch(/^# 2 unreadable lines skipped/);
  });
});
