import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { isActivationCodeShaped } from '../../common/domain/activation-code';
import type { LoginResponse } from '../../common/portal-api/session';
import type { ImportJob, UserDetail, UserPage } from '../../common/portal-api/users';
import { auditLog, users } from '../db/schema';
import { sharedSignedInPortal } from '../test-support';

// The real scrypt, counted: the import's hot path must not hash slowly.
const scrypt = vi.hoisted(() => ({ calls: 0 }));
vi.mock('../auth/passwords', async (importOriginal) => {
  const original = await importOriginal<typeof import('../auth/passwords')>();
  const counted =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    (...args: A) => {
      scrypt.calls += 1;
      return fn(...args);
    };
  return {
    ...original,
    hashPassword: counted(original.hashPassword),
    verifyPassword: counted(original.verifyPassword),
    burnPasswordCheck: counted(original.burnPasswordCheck),
  };
});

const shared = sharedSignedInPortal();

const get = (path: string) => shared.portal.request('GET', path, { token: shared.token });
const send = (method: string, path: string, body?: unknown) => shared.portal.request(method, path, { token: shared.token, body });
const signIn = (login: string, password: string, remember?: boolean) =>
  shared.portal.request('POST', '/api/v1/sessions', { body: { login, password, ...(remember === undefined ? {} : { remember }) } });
const setPassword = (sessionToken: string, body: Record<string, string>) =>
  shared.portal.request('POST', '/api/v1/sessions/current/password', { token: sessionToken, body });

async function finished(job: ImportJob): Promise<ImportJob> {
  let current = job;
  for (let i = 0; i < 1200 && current.state === 'running'; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    current = (await get(`/api/v1/users/import/${job.id}`)).json<ImportJob>();
  }
  return current;
}

async function importRows(rows: { login: string; displayName: string }[]): Promise<ImportJob> {
  const started = await send('POST', '/api/v1/users/import', { rows });
  expect(started.status).toBe(202);
  return finished(started.json<ImportJob>());
}

/** The downloaded CSV as login -> code; each code valid for 14 days from about now. */
function codesOf(csv: string): Map<string, string> {
  const [header, ...lines] = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  expect(header).toBe('login,displayName,email,activationCode,validUntil');
  const rows = lines.map((line) => line.split(','));
  for (const row of rows) expectFourteenDaysFromNow(row[4]);
  return new Map(rows.map((row) => [row[0] as string, row[3] as string]));
}

function expectFourteenDaysFromNow(iso: string | undefined): void {
  const days = (Date.parse(iso ?? '') - Date.now()) / (24 * 60 * 60 * 1000);
  expect(days).toBeGreaterThan(13.99);
  expect(days).toBeLessThanOrEqual(14);
}

async function userId(login: string): Promise<{ id: string; etag: string }> {
  const item = (await get(`/api/v1/users?q=${encodeURIComponent(login)}`)).json<UserPage>().items.find((user) => user.login === login);
  if (item === undefined) throw new Error(`no user ${login}`);
  return { id: item.id, etag: item.etag };
}

beforeEach(() => {
  scrypt.calls = 0;
});

describe('activation codes of an import', () => {
  let codes: Map<string, string>;
  let jobId: string;

  it('are offered once, as CSV, after the job', async () => {
    const job = await importRows([
      { login: 'act.anna', displayName: 'Anna Aktiv' },
      { login: 'act.bernd', displayName: 'Bernd Aktiv' },
    ]);
    jobId = job.id;
    expect(job).toMatchObject({ state: 'done', created: 2, activationCodes: 2 });
    const download = await get(`/api/v1/users/import/${job.id}/activation-codes`);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="activation-codes-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(download.headers['cache-control']).toBe('no-store');
    codes = codesOf(download.text);
    expect([...codes.keys()]).toEqual(['act.anna', 'act.bernd']);
    expect([...codes.values()].every(isActivationCodeShaped)).toBe(true);
    expect(new Set(codes.values()).size).toBe(2);

    const again = await get(`/api/v1/users/import/${job.id}/activation-codes`);
    expect(again.status).toBe(409);
    expect(again.json()).toMatchObject({ code: 'activation_codes_gone' });
    expect((await get(`/api/v1/users/import/${job.id}`)).json()).toMatchObject({ activationCodes: 0 });

    const [stored] = await shared.portal.portal.db.select().from(users).where(eq(users.login, 'act.anna'));
    expect(stored?.activationCodeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(codes.get('act.anna'));
    const entries = await shared.portal.portal.db.select().from(auditLog).where(eq(auditLog.targetId, job.id));
    expect(entries.map((entry) => entry.action)).toContain('user.activation_codes_download');
    expect(JSON.stringify(entries)).not.toContain(codes.get('act.anna'));
  });

  it('sign in once, to a session that may only set the password; then the password signs in', async () => {
    const code = codes.get('act.anna') as string;
    const first = await signIn('act.anna', code.toLowerCase(), true);
    expect(first.status).toBe(201);
    const session = first.json<LoginResponse>();
    expect(session).toMatchObject({ remembered: false, user: { login: 'act.anna', isAdmin: false, mustChangePassword: true } });

    // A member: only who they are, the portal, the password and signing out.
    const as = (method: string, path: string) => shared.portal.request(method, path, { token: session.token });
    expect((await as('GET', '/api/v1/sessions/current')).status).toBe(200);
    expect((await as('GET', '/api/v1/portal')).status).toBe(200);
    expect((await as('GET', '/api/v1/users')).json()).toMatchObject({ status: 403, code: 'not_admin' });
    expect((await as('GET', '/api/v1/security-policy')).json()).toMatchObject({ status: 403, code: 'not_admin' });

    expect((await signIn('act.anna', code)).json()).toMatchObject({ status: 401, code: 'invalid_credentials' });

    const weak = await setPassword(session.token, { newPassword: 'kurz' });
    expect(weak.json()).toMatchObject({ code: 'password_policy' });
    const set = await setPassword(session.token, { newPassword: 'Sonnige-Wiese-am-Rhein-7' });
    expect(set.status).toBe(200);
    expect(set.json()).toMatchObject({ user: { mustChangePassword: false } });
    // The admin API has nothing more for a member: the activation session ends with it.
    expect((await as('GET', '/api/v1/sessions/current')).status).toBe(401);

    expect((await signIn('act.anna', 'Sonnige-Wiese-am-Rhein-7')).json()).toMatchObject({ status: 403, code: 'not_admin' });
    const anna = (await get(`/api/v1/users/${(await userId('act.anna')).id}`)).json<UserDetail>();
    expect(anna).toMatchObject({ hasPassword: true, mustChangePassword: false });
    expect(anna.lastLoginAt).not.toBeNull();
    const [login] = await shared.portal.portal.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'session.login'), eq(auditLog.actorLogin, 'act.anna')));
    expect(login?.after).toEqual({ method: 'activation_code', remembered: false });
  });

  it('count wrong codes towards the lockout', async () => {
    for (const attempt of [1, 2]) expect((await signIn('act.bernd', `WRONG-${attempt}`)).status).toBe(401);
    const locked = await signIn('act.bernd', 'WRONG-3');
    expect(locked.status).toBe(423);
    expect((await signIn('act.bernd', codes.get('act.bernd') as string)).status).toBe(423);
    const bernd = await userId('act.bernd');
    expect((await shared.portal.request('POST', `/api/v1/users/${bernd.id}/unlock`, { token: shared.token, headers: { 'if-match': bernd.etag } })).status).toBe(200);
    expect((await signIn('act.bernd', codes.get('act.bernd') as string)).status).toBe(201);
  });

  it('an expired code is refused as expired, names no lockout and leaves the attempts alone', async () => {
    const job = await importRows([{ login: 'act.clara', displayName: 'Clara Abgelaufen' }]);
    const code = codesOf((await get(`/api/v1/users/import/${job.id}/activation-codes`)).text).get('act.clara') as string;
    const expiredAt = new Date(Date.now() - 1000);
    await shared.portal.portal.db.update(users).set({ activationCodeExpiresAt: expiredAt }).where(eq(users.login, 'act.clara'));

    const refused = await signIn('act.clara', code);
    expect(refused.status).toBe(401);
    expect(refused.json()).toMatchObject({ code: 'activation_code_expired', expiredAt: expiredAt.toISOString() });
    // A wrong code stays a plain wrong sign-in: only the code's holder learns that it expired.
    expect((await signIn('act.clara', 'WRONG-CODE')).json()).toMatchObject({ status: 401, code: 'invalid_credentials' });
    const [stored] = await shared.portal.portal.db.select().from(users).where(eq(users.login, 'act.clara'));
    expect(stored?.failedAttempts).toBe(1);
    const [entry] = await shared.portal.portal.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'session.login_activation_expired'), eq(auditLog.targetId, stored?.id ?? '')));
    expect(entry?.after).toEqual({ expiredAt: expiredAt.toISOString() });
  });

  it('no codes for a job that is unknown (404)', async () => {
    expect((await get(`/api/v1/users/import/${jobId.replace(/^.{8}/, '00000000')}/activation-codes`)).status).toBe(404);
  });
});

describe('issuing activation codes for selected users', () => {
  it('gives each account without a password a new code once, refuses those with one', async () => {
    const created = await send('POST', '/api/v1/users', {
      login: 'act.admin',
      displayName: 'Admin ohne Passwort',
      email: null,
      language: 'de',
      enabled: true,
      isAdmin: true,
      groupIds: [],
      password: { mode: 'none' },
    });
    const newcomer = created.json<{ user: UserDetail }>().user;
    const admin = await userId('admin');
    const items = [
      { id: newcomer.id, etag: `"${newcomer.id}.v1"` },
      { id: admin.id, etag: admin.etag },
    ];
    const response = await send('POST', '/api/v1/users/bulk', { action: 'issue_activation_code', items });
    const { results } = response.json<{ results: { outcome: string; code?: string; activationCode?: string; activationCodeValidUntil?: string; etag?: string }[] }>();
    expect(results.map((result) => [result.outcome, result.code])).toEqual([
      ['ok', undefined],
      ['refused', 'has_password'],
    ]);
    expect(results[0]?.etag).toBe(`"${newcomer.id}.v2"`);
    const code = results[0]?.activationCode as string;
    expect(isActivationCodeShaped(code)).toBe(true);
    expectFourteenDaysFromNow(results[0]?.activationCodeValidUntil);
    expect(results[1]?.activationCode).toBeUndefined();
    const [entry] = await shared.portal.portal.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.activation_code_issue'), eq(auditLog.targetId, newcomer.id)));
    expect(JSON.stringify(entry)).not.toContain(code);

    // An administrator's activation session is the usual "change your password first" session.
    const session = (await signIn('act.admin', code)).json<LoginResponse>();
    expect((await shared.portal.request('GET', '/api/v1/users', { token: session.token })).json()).toMatchObject({ code: 'password_change_required' });
    expect((await shared.portal.request('GET', '/api/v1/security-policy', { token: session.token })).status).toBe(200);
    expect((await setPassword(session.token, { currentPassword: code, newPassword: 'Verwalter-Zugang-2026' })).status).toBe(200);
    expect((await shared.portal.request('GET', '/api/v1/users?limit=1', { token: session.token })).status).toBe(200);
    expect((await signIn('act.admin', code)).status).toBe(401);
  });

  it('a new code replaces an unspent one', async () => {
    const target = await userId('act.bernd');
    const [stored] = await shared.portal.portal.db.select().from(users).where(eq(users.id, target.id));
    // Bernd spent his code above but has no password yet: he gets a fresh one, twice.
    expect(stored?.passwordHash).toBeNull();
    const issue = async (etag: string) =>
      (await send('POST', '/api/v1/users/bulk', { action: 'issue_activation_code', items: [{ id: target.id, etag }] })).json<{
        results: { activationCode: string; etag: string }[];
      }>().results[0] as { activationCode: string; etag: string };
    const first = await issue(target.etag);
    const second = await issue(first.etag);
    expect((await signIn('act.bernd', first.activationCode)).status).toBe(401);
    expect((await signIn('act.bernd', second.activationCode)).status).toBe(201);
  });
});

describe('a large import', () => {
  it('imports 10,000 users with codes without any scrypt, in seconds', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ login: `bulk.${i}`, displayName: `Bulk ${i}` }));
    const started = Date.now();
    const job = await importRows(rows);
    const seconds = (Date.now() - started) / 1000;
    expect(job).toMatchObject({ state: 'done', created: 10_000, activationCodes: 10_000 });
    expect(scrypt.calls).toBe(0);
    expect(seconds).toBeLessThan(60);
    const csv = (await get(`/api/v1/users/import/${job.id}/activation-codes`)).text;
    expect(codesOf(csv).size).toBe(10_000);
  }, 120_000);
});
