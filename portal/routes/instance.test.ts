import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditPage } from '../../common/portal-api/audit';
import type { AdminSession, AdminSessionPage, Backup, BackupPage, InstanceHealth } from '../../common/portal-api/instance';
import { backups as backupRows } from '../db/schema';
import { startTestPortal, type TestPortal } from '../test-support';

const START = new Date('2026-03-10T09:00:00Z');
const HOUR = 60 * 60_000;

let clock = START;
let portal: TestPortal;
let token: string;

const get = (path: string, as = token) => portal.request('GET', path, { token: as });
const send = (method: string, path: string, as = token) => portal.request(method, path, { token: as });

async function auditEntries(query: string): Promise<AuditEntry[]> {
  const response = await get(`/api/v1/audit?${query}`);
  expect(response.status).toBe(200);
  return response.json<AuditPage>().items;
}

async function waitForBackup(test: TestPortal, id: string, as: string): Promise<Backup> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const backup = (await test.request('GET', `/api/v1/instance/backups/${id}`, { token: as })).json<Backup>();
    if (backup.status !== 'running') return backup;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`backup ${id} did not finish`);
}

beforeAll(async () => {
  // memory: true: on PGlite whatever the test engine (the health board's engine, the portal's own backups).
  portal = await startTestPortal({ memory: true, now: () => clock });
  token = await portal.signInAdmin();
});

afterAll(async () => {
  await portal?.close();
});

describe('GET /api/v1/instance/health', () => {
  it('needs an admin session', async () => {
    expect((await portal.request('GET', '/api/v1/instance/health')).status).toBe(401);
  });

  it('measures every component of the running instance', async () => {
    const response = await get('/api/v1/instance/health');
    expect(response.status).toBe(200);
    const health = response.json<InstanceHealth>();
    expect(health.checkedAt).toBe(START.toISOString());
    const { portalServer, database, backups, sessions } = health.components;
    expect(portalServer).toMatchObject({ status: 'ok', version: '12.0.3', node: process.version });
    expect(portalServer.memory.heapUsedBytes).toBeGreaterThan(0);
    expect(portalServer.memory.heapLimitBytes).toBeGreaterThan(portalServer.memory.heapUsedBytes);
    expect(database).toMatchObject({ status: 'ok', reason: 'reachable', engine: 'pglite' });
    expect(database.latencyMs).toBeGreaterThanOrEqual(0);
    expect(database.sizeBytes).toBeGreaterThan(1_000_000);
    expect(database.serverVersion).toMatch(/^PostgreSQL \d+/);
    // The demo history's last nightly backup was at 02:00 Berlin time, 8 hours before START.
    expect(backups).toMatchObject({ status: 'ok', reason: 'recent', managedBy: 'portal', intervalHours: 24, running: false, ageHours: 8 });
    expect(sessions).toMatchObject({ status: 'ok', active: 1 });
    expect(health.status).toBe('ok');
  });

  it.each([
    [30, 'warning', 'overdue'],
    [60, 'error', 'stale'],
  ])('after %i more hours without a backup the backups component says %s', async (hours, status, reason) => {
    clock = new Date(START.getTime() + hours * HOUR);
    try {
      const fresh = await portal.signInAdmin();
      const health = (await get('/api/v1/instance/health', fresh)).json<InstanceHealth>();
      expect(health.components.backups).toMatchObject({ status, reason, ageHours: hours + 8 });
      expect(health.status).toBe(status);
      // Sessions signed in at START have expired (8 h) by now: only the fresh one counts.
      expect(health.components.sessions.active).toBe(1);
      await portal.request('DELETE', '/api/v1/sessions/current', { token: fresh });
    } finally {
      clock = START;
      // Signing in at the later time purged the admin's expired sessions, the test's own one among them.
      token = await portal.signInAdmin();
    }
  });
});

describe('admin sessions', () => {
  it('lists unexpired sessions newest first, marks the caller’s own and never shows a token or its hash', async () => {
    clock = new Date(START.getTime() + 60_000);
    const other = await portal.signInAdmin();
    clock = START;
    const response = await get('/api/v1/instance/sessions');
    expect(response.status).toBe(200);
    const sessions = response.json<AdminSessionPage>().items;
    expect(sessions.map((s) => s.current)).toEqual([false, true]);
    expect(sessions[0]).toMatchObject({ user: { login: 'admin', displayName: 'Administrator' } });
    expect(response.text).not.toContain(other);
    expect(response.text).not.toContain(token);
    expect(response.text).not.toMatch(/token/i);
    await send('DELETE', `/api/v1/instance/sessions/${sessions[0]!.id}`);
  });

  it('pages with a cursor and rejects a forged one', async () => {
    const extra = [await portal.signInAdmin(), await portal.signInAdmin()];
    const first = (await get('/api/v1/instance/sessions?limit=2')).json<AdminSessionPage>();
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = (await get(`/api/v1/instance/sessions?limit=2&cursor=${first.nextCursor}`)).json<AdminSessionPage>();
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items].map((s) => s.id);
    expect(new Set(ids).size).toBe(3);
    expect((await get('/api/v1/instance/sessions?cursor=not-a-cursor')).status).toBe(400);
    for (const session of [...first.items, ...second.items].filter((s) => !s.current)) {
      await send('DELETE', `/api/v1/instance/sessions/${session.id}`);
    }
    expect(extra).toHaveLength(2);
  });

  it('revokes another session: its token stops working, the audit log names it, a second revoke is 404', async () => {
    const other = await portal.signInAdmin();
    const target = (await get('/api/v1/instance/sessions', other)).json<AdminSessionPage>().items.find((s) => s.current)!;
    const revoked = await send('DELETE', `/api/v1/instance/sessions/${target.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.json<AdminSession>()).toMatchObject({ id: target.id, current: false });
    expect((await get('/api/v1/instance/health', other)).status).toBe(401);
    const [entry] = await auditEntries('action=session.revoke&limit=1');
    expect(entry).toMatchObject({
      actorLogin: 'admin',
      targetType: 'session',
      targetId: target.id,
      before: { user: 'admin', createdAt: target.createdAt, expiresAt: target.expiresAt, ownSession: false },
      after: null,
    });
    const again = await send('DELETE', `/api/v1/instance/sessions/${target.id}`);
    expect(again.status).toBe(404);
    expect(again.json()).toMatchObject({ code: 'session_not_found' });
  });

  it('rejects ids that are not session ids (400)', async () => {
    expect((await send('DELETE', '/api/v1/instance/sessions/abc')).status).toBe(400);
  });

  it('ends the caller’s own session when asked to, and says so', async () => {
    const own = await portal.signInAdmin();
    const mine = (await get('/api/v1/instance/sessions', own)).json<AdminSessionPage>().items.find((s) => s.current)!;
    const response = await send('DELETE', `/api/v1/instance/sessions/${mine.id}`, own);
    expect(response.json<AdminSession>().current).toBe(true);
    expect((await get('/api/v1/instance/sessions', own)).status).toBe(401);
  });
});

describe('backups of an in-memory portal', () => {
  it('lists the demo history newest first with the policy', async () => {
    const page = (await get('/api/v1/instance/backups?limit=100')).json<BackupPage>();
    expect(page.policy).toEqual({ managedBy: 'portal', intervalHours: 24, keep: 3, storage: 'memory', folder: null });
    expect(page.items).toHaveLength(15);
    const starts = page.items.map((b) => Date.parse(b.startedAt));
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
    expect(page.items.filter((b) => b.status === 'failed')).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ trigger: 'scheduled', status: 'succeeded', startedAt: '2026-03-10T01:00:05.000Z' });
  });

  it('refuses a backup while another one is running (409) and audits nothing for it', async () => {
    // Held open without a race: a backup recorded as running (as by another portal process on this database).
    const [other] = await portal.portal.db.insert(backupRows).values({ trigger: 'scheduled', status: 'running', startedAt: clock }).returning();
    try {
      const refused = await send('POST', '/api/v1/instance/backups');
      expect(refused.status).toBe(409);
      expect(refused.json()).toMatchObject({ code: 'backup_running' });
      expect(await auditEntries('action=backup.start&limit=1')).toEqual([]);
    } finally {
      await portal.portal.db.delete(backupRows).where(eq(backupRows.id, other!.id));
    }
  });

  it('starts a real backup (202, audited) and records the outcome', async () => {
    const started = await send('POST', '/api/v1/instance/backups');
    expect(started.status).toBe(202);
    const backup = started.json<Backup>();
    expect(backup).toMatchObject({ trigger: 'manual', status: 'running', requestedBy: 'admin', finishedAt: null });
    expect(started.headers.location).toBe(`/api/v1/instance/backups/${backup.id}`);

    const done = await waitForBackup(portal, backup.id, token);
    expect(done).toMatchObject({ status: 'succeeded', storage: 'memory', error: null });
    expect(done.sizeBytes).toBeGreaterThan(10_000);
    expect(done.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(done.file).toMatch(/^backup-20260310T090000Z-[0-9a-f]{8}\.jsonl\.gz$/);
    const [entry] = await auditEntries('action=backup.start&limit=1');
    expect(entry).toMatchObject({ actorLogin: 'admin', targetType: 'backup', targetId: backup.id, after: { status: 'running' } });
  });

  it('keeps only the newest archives in memory; older rows are marked removed', async () => {
    for (let run = 0; run < 3; run += 1) {
      clock = new Date(START.getTime() + (run + 1) * 60_000);
      const started = (await send('POST', '/api/v1/instance/backups')).json<Backup>();
      await waitForBackup(portal, started.id, token);
    }
    clock = START;
    const real = (await get('/api/v1/instance/backups?limit=10')).json<BackupPage>().items.filter((b) => b.file !== null);
    expect(real).toHaveLength(4);
    expect(real.map((b) => b.removedAt === null)).toEqual([true, true, true, false]);
  });

  it('answers 404 for an unknown backup and 400 for a malformed id or cursor', async () => {
    expect((await get('/api/v1/instance/backups/0195f3a1-0000-7000-8000-000000000000')).status).toBe(404);
    expect((await get('/api/v1/instance/backups/nope')).status).toBe(400);
    expect((await get('/api/v1/instance/backups?cursor=nope')).status).toBe(400);
  });
});

describe('backups of a portal with a data folder', () => {
  let dataDir: string;
  let folderPortal: TestPortal;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'portal-backups-'));
    folderPortal = await startTestPortal({ memory: false, dataDir });
  });

  afterAll(async () => {
    await folderPortal?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('writes the archive under <data dir>/backups, with every user in it', async () => {
    const admin = await folderPortal.signInAdmin();
    const started = (await folderPortal.request('POST', '/api/v1/instance/backups', { token: admin })).json<Backup>();
    const done = await waitForBackup(folderPortal, started.id, admin);
    expect(done).toMatchObject({ status: 'succeeded', storage: 'folder' });
    const page = (await folderPortal.request('GET', '/api/v1/instance/backups', { token: admin })).json<BackupPage>();
    expect(page.policy).toMatchObject({ storage: 'folder', folder: join(dataDir, 'backups'), keep: 14 });

    const archive = await readFile(join(dataDir, 'backups', done.file!));
    expect(archive.byteLength).toBe(done.sizeBytes);
    const end = JSON.parse(gunzipSync(archive).toString('utf8').trimEnd().split('\n').at(-1)!.slice(1)) as { rows: Record<string, number> };
    expect(end.rows.users).toBe(50);
    expect(end.rows.backups).toBeUndefined();
  });
});

describe('GET /api/v1/audit filters', () => {
  it('filters by actor (case-insensitive), action prefix and target type', async () => {
    const byActor = await auditEntries('actor=ADMIN&limit=200');
    expect(byActor.length).toBeGreaterThan(0);
    expect(byActor.every((e) => e.actorLogin === 'admin')).toBe(true);
    const sessionActions = await auditEntries('action=session.&limit=200');
    expect(new Set(sessionActions.map((e) => e.action))).toEqual(new Set(['session.login', 'session.logout', 'session.revoke']));
    const backups = await auditEntries('targetType=backup&limit=200');
    expect(backups.map((e) => e.action)).toEqual(['backup.start', 'backup.start', 'backup.start', 'backup.start']);
    expect(await auditEntries('actor=nobody')).toEqual([]);
  });

  it('takes % and _ literally in the action prefix', async () => {
    expect(await auditEntries('action=%25')).toEqual([]);
    expect(await auditEntries('action=session_')).toEqual([]);
  });

  it('bounds the time inclusively with from/to and pages a filtered list with its cursor', async () => {
    const later = START.getTime() + 60_000;
    const window = await auditEntries(`from=${new Date(later).toISOString()}&to=${new Date(later + 2 * 60_000).toISOString()}`);
    expect(window.length).toBeGreaterThanOrEqual(3);
    expect(window.every((e) => Date.parse(e.at) >= later && Date.parse(e.at) <= later + 2 * 60_000)).toBe(true);

    const first = (await get('/api/v1/audit?targetType=backup&limit=3')).json<AuditPage>();
    expect(first.items).toHaveLength(3);
    const rest = (await get(`/api/v1/audit?targetType=backup&limit=3&cursor=${first.nextCursor}`)).json<AuditPage>();
    expect(rest.items.map((e) => e.targetType)).toEqual(['backup']);
    expect(rest.nextCursor).toBeNull();
  });

  it('rejects a range whose start lies after its end, and dates that are not ISO (400)', async () => {
    const reversed = await get('/api/v1/audit?from=2026-03-11T00:00:00Z&to=2026-03-10T00:00:00Z');
    expect(reversed.status).toBe(400);
    expect(reversed.json()).toMatchObject({ code: 'invalid_range' });
    expect((await get('/api/v1/audit?from=yesterday')).status).toBe(400);
  });

  it('offers the facets the log holds', async () => {
    const facets = (await get('/api/v1/instance/audit-facets')).json<{ actors: string[]; actions: string[]; targetTypes: string[] }>();
    expect(facets.actors).toContain('admin');
    expect(facets.actions).toEqual(expect.arrayContaining(['backup.start', 'session.login', 'session.revoke']));
    expect(facets.targetTypes).toEqual(expect.arrayContaining(['backup', 'session', 'user']));
  });
});
