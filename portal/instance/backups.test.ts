import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { DateTime } from 'luxon';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortalDb } from '../db/client';
import { backups } from '../db/schema';
import { buildBackupHistory } from '../demo/backups';
import { isProblemError } from '../http/problem';
import { heldGate, startTestPortal, type TestPortal } from '../test-support';
import { archiveName, BackupService } from './backups';

const HOUR = 60 * 60_000;

const START = new Date('2026-03-10T09:00:00Z');

describe('archiveName', () => {
  it.each([
    ['2026-03-04T02:00:05.123Z', '0195f3a1-1111-7000-8000-000000000000', 'backup-20260304T020005Z-0195f3a1.jsonl.gz'],
    ['2026-12-31T23:59:59.000Z', 'abcdef01-0000-4000-8000-000000000000', 'backup-20261231T235959Z-abcdef01.jsonl.gz'],
  ])('%s, %s -> %s', (startedAt, id, expected) => {
    expect(archiveName(new Date(startedAt), id)).toBe(expected);
  });
});

describe('buildBackupHistory (demo)', () => {
  it.each([
    ['after 02:00 Berlin (winter)', '2026-03-10T09:00:00Z', '2026-03-10T01:00:05.000Z'],
    ['before 02:00 Berlin: last night', '2026-03-10T00:30:00Z', '2026-03-09T01:00:05.000Z'],
    ['summer time', '2026-07-01T12:00:00Z', '2026-07-01T00:00:05.000Z'],
  ])('%s: the newest is the last 02:00 in the portal’s zone', (_why, now, newest) => {
    const rows = buildBackupHistory(new Date(now), 'Europe/Berlin');
    expect(rows[0]?.startedAt?.toISOString()).toBe(newest);
    expect(rows.every((row) => row.startedAt!.getTime() <= Date.parse(now))).toBe(true);
  });

  it('holds two weeks of nightly backups with one failure that the scheduler retried an hour later', () => {
    const rows = buildBackupHistory(START, 'Europe/Berlin');
    expect(rows).toHaveLength(15);
    const failed = rows.filter((row) => row.status === 'failed');
    expect(failed).toHaveLength(1);
    const retry = rows[rows.indexOf(failed[0]!) - 1]!;
    expect(retry.startedAt!.getTime() - failed[0]!.startedAt!.getTime()).toBe(HOUR);
    expect(retry.status).toBe('succeeded');
    for (const row of rows.filter((r) => r.status === 'succeeded')) {
      expect(row.sizeBytes).toBeGreaterThan(4_000_000);
      expect(row.finishedAt!.getTime() - row.startedAt!.getTime()).toBeLessThan(1_000);
      expect(row.file ?? null).toBeNull();
    }
    const hours = new Set(rows.map((row) => DateTime.fromJSDate(row.startedAt!, { zone: 'Europe/Berlin' }).hour));
    expect(hours).toEqual(new Set([2, 3]));
  });
});

describe('BackupService on PostgreSQL', () => {
  it('leaves the nightly backups to the hosting provider but keeps archives made on demand in memory', async () => {
    const pool = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none' });
    try {
      const service = BackupService.for({ $client: pool } as unknown as PortalDb, () => START);
      expect(service.policy).toEqual({ managedBy: 'provider', intervalHours: 24, keep: 3, storage: 'memory', folder: null });
      expect(service.schedulable).toBe(false);
      expect(await service.runIfDue()).toBeNull();
    } finally {
      await pool.end();
    }
  });
});

describe('BackupService on an in-memory PGlite', () => {
  let clock = START;
  let portal: TestPortal;
  let service: BackupService;
  const logged: string[] = [];

  beforeAll(async () => {
    // memory: true: on PGlite whatever the test engine, these tests are about PGlite's own backups.
    portal = await startTestPortal({ memory: true, now: () => clock });
    service = BackupService.for(portal.portal.db, () => clock, (level, message) => logged.push(`${level} ${message}`));
  });

  afterAll(async () => {
    await service?.settle();
    await portal?.close();
  });

  it('is not scheduled for an in-memory portal, but a tick still follows the 24-hour rule', async () => {
    expect(service.schedulable).toBe(false);
    expect(await service.runIfDue()).toBeNull();
    clock = new Date(START.getTime() + 17 * HOUR);
    const scheduled = await service.runIfDue();
    expect(scheduled).toMatchObject({ trigger: 'scheduled', status: 'running', requestedBy: null });
    expect(await service.runIfDue()).toBeNull();
    await service.settle();
    expect(await service.runIfDue()).toBeNull();
    expect(logged).toEqual(['info backup succeeded']);
    expect(await service.lastSuccessAt()).toEqual(clock);
  });

  it('keeps an archive of the data as checked lines: header, tables with their rows, an end line with the checksum', async () => {
    const [latest] = (await service.list({ limit: 1 })).items;
    const archive = service.memoryArchive(latest!.file!);
    expect(archive?.byteLength).toBe(latest!.sizeBytes);
    expect(createHash('sha256').update(archive!).digest('hex')).toBe(latest!.sha256);
    const lines = gunzipSync(archive!).toString('utf8').trimEnd().split('\n');
    expect(JSON.parse(lines[0]!.slice(1))).toMatchObject({ format: 'portal-backup', version: 1, engine: 'pglite', tables: expect.arrayContaining(['users']) });
    expect(lines[0]!.startsWith('H')).toBe(true);
    const users = lines.indexOf('T"users"');
    const admin = lines.slice(users + 1).find((line) => line.startsWith('R') && JSON.parse(line.slice(1)).login === 'admin');
    expect(admin).toBeDefined();
    expect(lines).not.toContain('T"sessions"');
    const end = JSON.parse(lines.at(-1)!.slice(1)) as { rows: Record<string, number>; sha256: string };
    expect(end.sha256).toBe(createHash('sha256').update(`${lines.slice(0, -1).join('\n')}\n`).digest('hex'));
  });

  it('marks a backup left running by a stopped portal as failed', async () => {
    await portal.portal.db.insert(backups).values({ trigger: 'scheduled', status: 'running', startedAt: clock });
    expect(await service.isRunning()).toBe(true);
    await service.markInterrupted();
    expect(await service.isRunning()).toBe(false);
    const [interrupted] = (await service.list({ limit: 1 })).items;
    expect(interrupted).toMatchObject({ status: 'failed', error: expect.stringContaining('Interrupted') });
  });

  it('refuses a second backup while the first runs (409), in this portal and from another service on the same database', async () => {
    const gate = heldGate();
    const gated = BackupService.for(portal.portal.db, () => clock, () => undefined, { beforeArchive: gate.hook });
    const first = await gated.start('manual', null);
    await gate.reached;
    const refusals = [await gated.start('manual', null).catch((e: unknown) => e), await service.start('manual', null).catch((e: unknown) => e)];
    for (const refusal of refusals) expect(isProblemError(refusal) && refusal.statusCode === 409 && refusal.body.code).toBe('backup_running');
    expect(await gated.runIfDue()).toBeNull();
    expect(await gated.isRunning()).toBe(true);

    gate.open();
    await gated.settle();
    expect(await gated.get(first.id)).toMatchObject({ status: 'succeeded', storage: 'memory' });
    expect(await gated.isRunning()).toBe(false);
    const next = await gated.start('manual', null);
    await gated.settle();
    expect(await gated.get(next.id)).toMatchObject({ status: 'succeeded' });
  });
});
