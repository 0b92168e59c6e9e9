import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../common/portal-api/audit';
import type { AdminSessionPage, Backup, BackupPage, InstanceHealth } from '../../common/portal-api/instance';
import type { ServerLogEntry, ServerLogPage } from '../../common/portal-api/support';
import type { Backend } from '../backend';
import type { EmbeddedPortal } from '../services/embedded-portal';
import { EMBEDDED_PROFILE_ID } from '../services/profiles';
import { auditQuery, logsQuery } from './diagnostics';
import { heldGate } from '../../portal/test-support';
import { contractCaller, createTestBackend, DEMO_ADMIN, type TestBackend } from '../test-support/backend-harness';
import { inProcessPortalLauncher } from '../test-support/in-process-portal';

const ADMIN = DEMO_ADMIN;

let backend: Backend;
let embedded: EmbeddedPortal;

const { call, failure } = contractCaller(() => backend);

const signIn = () => call('session:signIn', { profileId: EMBEDDED_PROFILE_ID, ...ADMIN, remember: false });

/** A second admin session next to the console's, made straight against the portal. */
async function signInElsewhere(): Promise<void> {
  const agent = new Agent({ connect: { rejectUnauthorized: false } });
  try {
    const response = await request(new URL('/api/v1/sessions', embedded.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
      dispatcher: agent,
    });
    expect(response.statusCode).toBe(201);
    await response.body.dump();
  } finally {
    await agent.close();
  }
}

let harness: TestBackend;
/** While a test holds it, a backup of the embedded portal waits here after it is recorded as running. */
let backupGate: ReturnType<typeof heldGate> | undefined;

beforeAll(async () => {
  const embeddedPortal = inProcessPortalLauncher({ backupHooks: { beforeArchive: async () => backupGate?.hook() } });
  harness = await createTestBackend('diagnostics', { embeddedPortal });
  ({ backend } = harness);
  embedded = (await backend.embedded)!;
});

afterAll(() => harness?.close());

describe('auditQuery', () => {
  it.each([
    [{}, {}],
    [{ actor: '  ', action: '', targetType: ' ' }, {}],
    [{ actor: ' admin ', action: 'user.' }, { actor: 'admin', action: 'user.' }],
    [
      { cursor: 'c', limit: 50, targetType: 'session', targetId: 'x', from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' },
      { cursor: 'c', limit: 50, targetType: 'session', targetId: 'x', from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' },
    ],
  ])('%o -> %o', (input, expected) => {
    const defined = Object.fromEntries(Object.entries(auditQuery(input)).filter(([, value]) => value !== undefined));
    expect(defined).toEqual(expected);
  });
});

describe('logsQuery', () => {
  const range = { from: '2026-03-01T00:00:00Z', to: '2026-03-02T00:00:00Z' };
  it.each([
    [range, range],
    [{ ...range, contains: '   ' }, range],
    [{ ...range, contains: ' sessions ', level: 'warn' as const }, { ...range, contains: 'sessions', level: 'warn' }],
    [{ ...range, cursor: 'c', limit: 20 }, { ...range, cursor: 'c', limit: 20 }],
  ])('%o -> %o', (input, expected) => {
    const defined = Object.fromEntries(Object.entries(logsQuery(input)).filter(([, value]) => value !== undefined));
    expect(defined).toEqual(expected);
  });
});

describe('diagnostics handlers', () => {
  it('need a signed-in session', async () => {
    expect(await failure('instance:health')).toMatchObject({ code: 'NOT_SIGNED_IN' });
    await signIn();
  });

  it('read the instance health from the portal', async () => {
    const health = await call<InstanceHealth>('instance:health');
    expect(health.components.database).toMatchObject({ status: 'ok', engine: 'pglite' });
    expect(health.components.backups).toMatchObject({ managedBy: 'portal', status: 'ok' });
    expect(health.components.sessions.active).toBe(1);
  });

  it('read the server log: the sign-in request line is there, the password is not', async () => {
    const range = { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() };
    const pages: ServerLogPage[] = [];
    let cursor: string | undefined;
    do {
      const page = await call<ServerLogPage>('instance:logs', { ...range, limit: 2, ...(cursor === undefined ? {} : { cursor }) });
      pages.push(page);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    const entries = pages.flatMap((page) => page.items);
    expect(pages.length).toBeGreaterThan(1);
    expect(entries.map((entry) => entry.seq)).toEqual([...entries.map((entry) => entry.seq)].sort((a, b) => a - b));
    const signInLine = entries.find((entry) => entry.message === 'POST /api/v1/sessions 201');
    expect(signInLine).toMatchObject({ level: 'info', context: { method: 'POST', path: '/api/v1/sessions', status: 201 } });
    expect(entries.find((entry) => entry.message === 'sign-in succeeded')?.context).toMatchObject({ login: 'admin' });
    expect(JSON.stringify(entries)).not.toContain(ADMIN.password);

    const filtered = await call<ServerLogPage>('instance:logs', { ...range, contains: 'SIGN-IN', level: 'info' });
    expect(filtered.items.map((entry: ServerLogEntry) => entry.message)).toEqual(['sign-in succeeded']);
    expect(await failure('instance:logs', { from: range.to, to: range.from })).toMatchObject({ code: 'VALIDATION' });
  });

  it('list the audit trail with filters, ignore empty filter texts and refuse a reversed range', async () => {
    const logins = await call<AuditPage>('audit:list', { action: 'session.login', actor: '', targetType: ' ' });
    expect(logins.items[0]).toMatchObject({ action: 'session.login', actorLogin: 'admin', targetType: 'user' });
    const reversed = await failure('audit:list', { from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' });
    expect(reversed).toMatchObject({ code: 'VALIDATION' });
    const facets = await call<{ actions: string[] }>('audit:facets');
    expect(facets.actions).toContain('session.login');
  });

  it('start a backup, refuse a second while it runs, and follow it to the end', async () => {
    backupGate = heldGate();
    const started = await call<Backup>('instance:startBackup');
    expect(started.status).toBe('running');
    await backupGate.reached;
    expect(await failure('instance:startBackup')).toMatchObject({ code: 'CONFLICT', details: { problemCode: 'backup_running' } });
    backupGate.open();
    backupGate = undefined;
    let current = started;
    for (let attempt = 0; attempt < 200 && current.status === 'running'; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      current = await call<Backup>('instance:backup', { id: started.id });
    }
    expect(current).toMatchObject({ status: 'succeeded', requestedBy: 'admin', storage: 'memory' });
    const history = await call<BackupPage>('instance:backups', { limit: 5 });
    expect(history.items[0]?.id).toBe(started.id);
    expect(history.policy.managedBy).toBe('portal');
  });

  it('end another admin session without touching the console’s own', async () => {
    await signInElsewhere();
    const sessions = await call<AdminSessionPage>('instance:sessions', {});
    expect(sessions.items).toHaveLength(2);
    const other = sessions.items.find((s) => !s.current)!;
    expect(await call('instance:revokeSession', { id: other.id })).toEqual({ ok: true, endedOwnSession: false });
    expect(await failure('instance:revokeSession', { id: other.id })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await call('session:current')).not.toBeNull();
  });

  it('sign the console out when it ends its own session', async () => {
    const own = (await call<AdminSessionPage>('instance:sessions', {})).items.find((s) => s.current)!;
    expect(await call('instance:revokeSession', { id: own.id })).toEqual({ ok: true, endedOwnSession: true });
    expect(await call('session:current')).toBeNull();
    expect(await failure('instance:sessions', {})).toMatchObject({ code: 'NOT_SIGNED_IN' });
  });
});
