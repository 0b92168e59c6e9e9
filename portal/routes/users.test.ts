import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserDetail, UserPage, UserSummary } from '../../common/portal-api/users';
import { auditLog, users } from '../db/schema';
import { startTestPortal, type TestPortal } from '../test-support';

let portal: TestPortal;
let token: string;

const get = (path: string) => portal.request('GET', path, { token });
const send = (method: string, path: string, body?: unknown, ifMatch?: string) =>
  portal.request(method, path, { token, body, headers: ifMatch === undefined ? {} : { 'if-match': ifMatch } });

async function userByLogin(login: string): Promise<{ summary: UserSummary; detail: UserDetail; etag: string }> {
  const page = (await get(`/api/v1/users?q=${encodeURIComponent(login)}&limit=500`)).json<UserPage>();
  const summary = page.items.find((item) => item.login === login);
  if (summary === undefined) throw new Error(`no user ${login}`);
  const response = await get(`/api/v1/users/${summary.id}`);
  return { summary, detail: response.json<UserDetail>(), etag: String(response.headers.etag) };
}

async function groupId(name: string): Promise<string> {
  const options = (await get('/api/v1/users/group-options')).json<{ id: string; name: string }[]>();
  const found = options.find((option) => option.name === name);
  if (found === undefined) throw new Error(`no group ${name}`);
  return found.id;
}

async function allPages(query: string, limit: number): Promise<UserSummary[]> {
  const items: UserSummary[] = [];
  let cursor: string | null = null;
  do {
    const suffix: string = cursor === null ? '' : `&cursor=${cursor}`;
    const response = await get(`/api/v1/users?${query}&limit=${limit}${suffix}`);
    expect(response.status).toBe(200);
    const page = response.json<UserPage>();
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return items;
}

const newUser = (login: string, extra: Record<string, unknown> = {}) => ({
  login,
  displayName: `Test ${login}`,
  email: `${login}@muster-gmbh.de`,
  language: 'de',
  enabled: true,
  isAdmin: false,
  groupIds: [],
  password: { mode: 'none' },
  ...extra,
});

beforeAll(async () => {
  portal = await startTestPortal();
  token = await portal.signInAdmin();
});

afterAll(async () => {
  await portal?.close();
});

describe('GET /users', () => {
  it('is described in the OpenAPI document', async () => {
    const paths = Object.keys((await portal.request('GET', '/api/v1/openapi.json')).json<{ paths: object }>().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/users', '/api/v1/users/{id}', '/api/v1/users/bulk', '/api/v1/users/import', '/api/v1/security-policy', '/api/v1/sessions/current/password', '/api/v1/registrations']));
  });

  it('needs a session', async () => {
    expect((await portal.request('GET', '/api/v1/users')).status).toBe(401);
  });

  it('answers the first page with the total and sorts names in German order', async () => {
    const page = (await get('/api/v1/users?limit=10')).json<UserPage>();
    expect(page.total).toBe(50);
    expect(page.items).toHaveLength(10);
    expect(page.nextCursor).not.toBeNull();
    const names = page.items.map((item) => item.displayName);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'de')));
    expect(page.items[0]?.etag).toMatch(/^"[0-9a-f-]{36}\.v\d+"$/);
  });

  it.each([
    ['displayName', 'asc'],
    ['displayName', 'desc'],
    ['login', 'asc'],
    ['email', 'asc'],
    ['email', 'desc'],
    ['lastLoginAt', 'desc'],
    ['status', 'asc'],
    ['status', 'desc'],
  ])('pages through sort=%s dir=%s without gaps or repeats', async (sort, dir) => {
    const whole = (await get(`/api/v1/users?sort=${sort}&dir=${dir}&limit=500`)).json<UserPage>().items;
    const paged = await allPages(`sort=${sort}&dir=${dir}`, 7);
    expect(paged.map((item) => item.id)).toEqual(whole.map((item) => item.id));
    expect(new Set(paged.map((item) => item.id)).size).toBe(50);
  });

  it('puts users without e-mail last and never-signed-in users last when newest first', async () => {
    // The demo gives everyone an e-mail address: two without one, named to sort first were e-mail ignored.
    const withoutEmail = [await portal.addUser({ login: 'aaa.ohne.mail', password: 'Ohne-Mail-2026' }), await portal.addUser({ login: 'aab.ohne.mail', password: 'Ohne-Mail-2026' })];
    let byEmail: UserSummary[];
    try {
      byEmail = (await get('/api/v1/users?sort=email&limit=500')).json<UserPage>().items;
    } finally {
      await portal.portal.db.delete(users).where(inArray(users.id, withoutEmail));
    }
    expect(byEmail.slice(-2).map((item) => [item.login, item.email]).sort()).toEqual([
      ['aaa.ohne.mail', null],
      ['aab.ohne.mail', null],
    ]);
    expect(byEmail.slice(0, -2).every((item) => item.email !== null)).toBe(true);
    const byLogin = (await get('/api/v1/users?sort=lastLoginAt&dir=desc&limit=500')).json<UserPage>().items;
    const firstNever = byLogin.findIndex((item) => item.lastLoginAt === null);
    expect(firstNever).toBeGreaterThan(0);
    expect(byLogin.slice(firstNever).every((item) => item.lastLoginAt === null)).toBe(true);
    const stamps = byLogin.slice(0, firstNever).map((item) => Date.parse(item.lastLoginAt as string));
    expect(stamps).toEqual([...stamps].sort((a, b) => b - a));
  });

  it('searches every word in name, login and e-mail, case-insensitively', async () => {
    const all = (await get('/api/v1/users?limit=500')).json<UserPage>().items;
    const someone = all.find((item) => item.login !== 'admin') as UserSummary;
    const [first, last] = someone.displayName.split(' ') as [string, string];
    const page = (await get(`/api/v1/users?q=${encodeURIComponent(`${last.toUpperCase()} ${first.slice(0, 3)}`)}`)).json<UserPage>();
    expect(page.items.map((item) => item.id)).toContain(someone.id);
    for (const item of page.items) {
      const haystack = `${item.displayName} ${item.login} ${item.email ?? ''}`.toLowerCase();
      expect(haystack).toContain(last.toLowerCase());
      expect(haystack).toContain(first.slice(0, 3).toLowerCase());
    }
    expect(page.total).toBe(page.items.length);
  });

  it('treats % and _ in the search as characters', async () => {
    expect((await get('/api/v1/users?q=%25')).json<UserPage>().total).toBe(0);
    expect((await get('/api/v1/users?q=_')).json<UserPage>().total).toBe(0);
  });

  it.each([
    ['disabled', 4],
    ['locked', 1],
    ['never_signed_in', 5],
    ['active', 45],
    // Only the administrator has a password, and it is neither expired nor flagged.
    ['password_expired', 0],
  ])('filters status=%s', async (status, expected) => {
    const page = (await get(`/api/v1/users?status=${status}&limit=500`)).json<UserPage>();
    expect(page.total).toBe(expected);
    expect(page.items).toHaveLength(expected);
    if (status === 'disabled') expect(page.items.every((item) => item.status === 'disabled')).toBe(true);
    if (status === 'locked') expect(page.items.every((item) => item.status === 'locked' && item.lockedUntil !== null)).toBe(true);
    if (status === 'never_signed_in') expect(page.items.every((item) => item.lastLoginAt === null)).toBe(true);
  });

  it('filters status=password_expired to accounts with a password that must be replaced, never those without one', async () => {
    const flagged = (await send('POST', '/api/v1/users', newUser('expired.flagged', { password: { mode: 'generate' } }))).json<{ user: UserDetail }>().user;
    const none = (await send('POST', '/api/v1/users', newUser('expired.none'))).json<{ user: UserDetail }>().user;
    const page = (await get('/api/v1/users?status=password_expired&limit=500')).json<UserPage>();
    expect(page.items.map((item) => item.login)).toEqual(['expired.flagged']);
    expect(page.items.every((item) => item.hasPassword && (item.mustChangePassword || item.passwordExpired))).toBe(true);
    for (const user of [flagged, none]) expect((await send('DELETE', `/api/v1/users/${user.id}`, undefined, `"${user.id}.v1"`)).status).toBe(204);
  });

  it('filters by group, including nested groups', async () => {
    const sales = (await get(`/api/v1/users?groupId=${await groupId('Vertrieb')}&limit=500`)).json<UserPage>();
    expect(sales.total).toBe(15);
    const everyone = (await get(`/api/v1/users?groupId=${await groupId('Alle Mitarbeiter')}&limit=500`)).json<UserPage>();
    expect(everyone.total).toBe(49);
    expect((await get(`/api/v1/users?groupId=${randomUUID()}`)).json<UserPage>()).toMatchObject({ items: [], total: 0 });
  });

  it.each([
    ['limit=0', 'validation_failed'],
    ['limit=501', 'validation_failed'],
    ['sort=age', 'validation_failed'],
    ['status=sleeping', 'validation_failed'],
    ['groupId=sales', 'validation_failed'],
    ['cursor=not-a-cursor', 'invalid_cursor'],
  ])('answers 400 for %s', async (query, code) => {
    const response = await get(`/api/v1/users?${query}`);
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ code });
  });

  it('refuses a cursor of another sort order', async () => {
    const page = (await get('/api/v1/users?sort=login&limit=5')).json<UserPage>();
    const response = await get(`/api/v1/users?sort=displayName&limit=5&cursor=${page.nextCursor}`);
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_cursor' });
  });
});

describe('creating, reading, editing and deleting a user', () => {
  it('creates a user with a one-time password that must be changed at first sign-in', async () => {
    const sales = await groupId('Vertrieb');
    const response = await send('POST', '/api/v1/users', newUser('tina.test', { isAdmin: true, groupIds: [sales], password: { mode: 'generate' } }));
    expect(response.status).toBe(201);
    const body = response.json<{ user: UserDetail; oneTimePassword: string }>();
    expect(body.oneTimePassword.length).toBeGreaterThanOrEqual(16);
    expect(body.user).toMatchObject({ login: 'tina.test', hasPassword: true, mustChangePassword: true, groups: [{ id: sales, name: 'Vertrieb' }] });
    expect(response.headers.etag).toBe(`"${body.user.id}.v1"`);
    expect(response.headers.location).toBe(`/api/v1/users/${body.user.id}`);
    const [entry] = await portal.portal.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.create'), eq(auditLog.targetId, body.user.id)));
    expect(entry?.after).toMatchObject({ login: 'tina.test', passwordMode: 'generate' });
    expect(JSON.stringify(entry?.after)).not.toContain(body.oneTimePassword);

    const tinaToken = await portal.signInAdmin('tina.test', body.oneTimePassword);
    const blocked = await portal.request('GET', '/api/v1/users', { token: tinaToken });
    expect(blocked.status).toBe(403);
    expect(blocked.json()).toMatchObject({ code: 'password_change_required' });
  });

  it.each([
    ['a login taken in another case', newUser('TINA.TEST'), 409, 'login_taken'],
    ['a bad e-mail', newUser('erika.bad', { email: 'erika@' }), 400, 'validation_failed'],
    ['a login with a space', newUser('erika bad'), 400, 'validation_failed'],
    ['an unknown group', newUser('erika.group', { groupIds: [randomUUID()] }), 400, 'unknown_group'],
    ['a common password', newUser('erika.weak', { password: { mode: 'set', password: 'Passwort123', mustChange: false } }), 400, 'password_policy'],
    ['a password with the login', newUser('erika.self', { password: { mode: 'set', password: 'erika.self-is-long', mustChange: false } }), 400, 'password_policy'],
  ])('refuses %s', async (_case, body, status, code) => {
    const response = await send('POST', '/api/v1/users', body);
    expect(response.status).toBe(status);
    expect(response.json()).toMatchObject({ code });
  });

  it('reads a user with its ETag; unknown ids are 404, malformed ids 400', async () => {
    const { detail, etag } = await userByLogin('tina.test');
    expect(etag).toBe(`"${detail.id}.v1"`);
    expect((await get(`/api/v1/users/${randomUUID()}`)).status).toBe(404);
    expect((await get('/api/v1/users/not-a-uuid')).status).toBe(400);
  });

  it('needs If-Match to change (428), refuses a stale one with both versions (412), applies a current one', async () => {
    const { detail, etag } = await userByLogin('tina.test');
    const edit = { login: 'tina.test', displayName: 'Tina Tester', email: null, language: 'en', enabled: true, isAdmin: true, groupIds: [] };
    expect((await send('PUT', `/api/v1/users/${detail.id}`, edit)).status).toBe(428);

    const applied = await send('PUT', `/api/v1/users/${detail.id}`, edit, etag);
    expect(applied.status).toBe(200);
    expect(applied.json()).toMatchObject({ displayName: 'Tina Tester', email: null, language: 'en', groups: [] });
    expect(applied.headers.etag).toBe(`"${detail.id}.v2"`);

    const stale = await send('PUT', `/api/v1/users/${detail.id}`, { ...edit, displayName: 'Tina Old' }, etag);
    expect(stale.status).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'etag_mismatch', currentEtag: `"${detail.id}.v2"`, current: { displayName: 'Tina Tester' } });

    const [entry] = await portal.portal.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.update'), eq(auditLog.targetId, detail.id)));
    expect(entry).toMatchObject({ actorLogin: 'admin', before: { displayName: 'Test tina.test' }, after: { displayName: 'Tina Tester' } });
  });

  it('keeps the ETag when nothing changes', async () => {
    const { detail, etag } = await userByLogin('tina.test');
    const same = { login: detail.login, displayName: detail.displayName, email: detail.email, language: detail.language, enabled: true, isAdmin: true, groupIds: [] };
    const response = await send('PUT', `/api/v1/users/${detail.id}`, same, etag);
    expect(response.headers.etag).toBe(etag);
  });

  it('refuses a login that someone else has (409) and disabling or demoting oneself', async () => {
    const { detail, etag } = await userByLogin('tina.test');
    const taken = await send('PUT', `/api/v1/users/${detail.id}`, { login: 'Admin', displayName: 'x', email: null, language: 'de', enabled: true, isAdmin: true, groupIds: [] }, etag);
    expect(taken.status).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'login_taken' });

    const me = await userByLogin('admin');
    const selfDisable = { login: 'admin', displayName: me.detail.displayName, email: me.detail.email, language: 'de', enabled: false, isAdmin: true, groupIds: [] };
    const refused = await send('PUT', `/api/v1/users/${me.detail.id}`, selfDisable, me.etag);
    expect(refused.status).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'self_lockout' });
    const selfDelete = await send('DELETE', `/api/v1/users/${me.detail.id}`, undefined, me.etag);
    expect(selfDelete.json()).toMatchObject({ code: 'self_lockout' });
  });

  it('answers 404 for changes to a user that does not exist', async () => {
    const edit = { login: 'ghost.user', displayName: 'Ghost', email: null, language: 'de', enabled: true, isAdmin: false, groupIds: [] };
    const ghost = randomUUID();
    const put = await send('PUT', `/api/v1/users/${ghost}`, edit, `"${ghost}.v1"`);
    expect(put.status).toBe(404);
    expect(put.json()).toMatchObject({ code: 'user_not_found' });
    const unlock = await send('POST', `/api/v1/users/${ghost}/unlock`, undefined, `"${ghost}.v1"`);
    expect(unlock.status).toBe(404);
    expect(unlock.json()).toMatchObject({ code: 'user_not_found' });
  });

  it('refuses to unlock with a stale If-Match (412) and leaves the lock', async () => {
    const locked = (await get('/api/v1/users?status=locked')).json<UserPage>().items[0] as UserSummary;
    const stale = await send('POST', `/api/v1/users/${locked.id}/unlock`, undefined, `"${locked.id}.v999"`);
    expect(stale.status).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'etag_mismatch', currentEtag: locked.etag, current: { status: 'locked' } });
    expect((await get(`/api/v1/users/${locked.id}`)).json<UserDetail>()).toMatchObject({ status: 'locked' });
  });

  it('unlocks a locked user', async () => {
    const locked = (await get('/api/v1/users?status=locked')).json<UserPage>().items[0] as UserSummary;
    expect((await send('POST', `/api/v1/users/${locked.id}/unlock`)).status).toBe(428);
    const response = await send('POST', `/api/v1/users/${locked.id}/unlock`, undefined, locked.etag);
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ status: 'active', lockedUntil: null, failedAttempts: 0 });
    expect((await get('/api/v1/users?status=locked')).json<UserPage>().total).toBe(0);
  });

  it('deletes with If-Match; the user is gone afterwards', async () => {
    const created = (await send('POST', '/api/v1/users', newUser('delete.me'))).json<{ user: UserDetail }>().user;
    const etag = `"${created.id}.v1"`;
    expect((await send('DELETE', `/api/v1/users/${created.id}`)).status).toBe(428);
    expect((await send('DELETE', `/api/v1/users/${created.id}`, undefined, `"${created.id}.v9"`)).status).toBe(412);
    expect((await send('DELETE', `/api/v1/users/${created.id}`, undefined, etag)).status).toBe(204);
    expect((await get(`/api/v1/users/${created.id}`)).status).toBe(404);
    expect((await send('DELETE', `/api/v1/users/${created.id}`, undefined, etag)).status).toBe(404);
  });
});

describe('POST /users/:id/password', () => {
  it('needs If-Match (428), refuses a stale one (412) and answers 404 for an unknown user; nothing changes', async () => {
    const { detail, etag } = await userByLogin('tina.test');
    const missing = await send('POST', `/api/v1/users/${detail.id}/password`, { mode: 'generate' });
    expect(missing.status).toBe(428);
    expect(missing.json()).toMatchObject({ code: 'if_match_required' });
    const stale = await send('POST', `/api/v1/users/${detail.id}/password`, { mode: 'generate' }, `"${detail.id}.v999"`);
    expect(stale.status).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'etag_mismatch', currentEtag: etag, current: { login: 'tina.test' } });
    expect(stale.json()).not.toHaveProperty('oneTimePassword');
    const ghost = randomUUID();
    const unknown = await send('POST', `/api/v1/users/${ghost}/password`, { mode: 'generate' }, `"${ghost}.v1"`);
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'user_not_found' });
    expect((await userByLogin('tina.test')).etag).toBe(etag);
  });

  it('generates a one-time password that signs in and must be changed', async () => {
    const { detail, etag } = await userByLogin('tina.test');
    const response = await send('POST', `/api/v1/users/${detail.id}/password`, { mode: 'generate' }, etag);
    expect(response.status).toBe(200);
    const { oneTimePassword, user } = response.json<{ oneTimePassword: string; user: UserDetail }>();
    expect(user.mustChangePassword).toBe(true);
    const session = await portal.signInAdmin('tina.test', oneTimePassword);
    const change = await portal.request('POST', '/api/v1/sessions/current/password', {
      token: session,
      body: { currentPassword: oneTimePassword, newPassword: 'Lange-Reise-nach-Ulm-2026' },
    });
    expect(change.status).toBe(200);
    expect(change.json()).toMatchObject({ user: { login: 'tina.test', mustChangePassword: false } });
    expect((await portal.request('GET', '/api/v1/users?limit=1', { token: session })).status).toBe(200);
  });

  it('sets a typed password after checking the policy, with or without "must change"', async () => {
    const { detail, etag } = await userByLogin('tina.test');
    const weak = await send('POST', `/api/v1/users/${detail.id}/password`, { mode: 'set', password: 'kurz', mustChange: false }, etag);
    expect(weak.status).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'password_policy', errors: [{ path: 'password', message: 'Use at least 8 characters.' }] });
    const set = await send('POST', `/api/v1/users/${detail.id}/password`, { mode: 'set', password: 'Wolkenkratzer-am-Main', mustChange: false }, etag);
    expect(set.json()).toMatchObject({ oneTimePassword: null, user: { mustChangePassword: false } });
    expect(await portal.signInAdmin('tina.test', 'Wolkenkratzer-am-Main')).toBeTruthy();
  });

  it('flags "must change" and refuses it for an account without a password', async () => {
    const { detail, etag } = await userByLogin('tina.test');
    const flagged = await send('POST', `/api/v1/users/${detail.id}/password`, { mode: 'require_change' }, etag);
    expect(flagged.json()).toMatchObject({ user: { mustChangePassword: true } });
    const imported = (await send('POST', '/api/v1/users', newUser('no.password'))).json<{ user: UserDetail }>().user;
    const refused = await send('POST', `/api/v1/users/${imported.id}/password`, { mode: 'require_change' }, `"${imported.id}.v1"`);
    expect(refused.status).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'no_password' });
    expect((await send('POST', `/api/v1/users/${imported.id}/password`, { mode: 'shout' }, `"${imported.id}.v1"`)).status).toBe(400);
  });
});

describe('POST /users/bulk', () => {
  it('reports a result per row: done, unchanged, changed meanwhile, gone, refused', async () => {
    const page = (await get('/api/v1/users?status=active&sort=login&limit=6')).json<UserPage>();
    const [a, b, c] = page.items.filter((item) => item.login !== 'admin') as [UserSummary, UserSummary, UserSummary];
    const me = (await userByLogin('admin')).summary;
    const items = [
      { id: a.id, etag: a.etag },
      { id: b.id, etag: `"${b.id}.v99"` },
      { id: randomUUID(), etag: '"x.v1"' },
      { id: me.id, etag: me.etag },
      { id: c.id, etag: c.etag },
    ];
    const response = await send('POST', '/api/v1/users/bulk', { action: 'disable', items });
    expect(response.status).toBe(200);
    const { results } = response.json<{ results: { id: string; outcome: string; code?: string; etag?: string }[] }>();
    expect(results.map((result) => [result.outcome, result.code])).toEqual([
      ['ok', undefined],
      ['conflict', 'etag_mismatch'],
      ['not_found', 'user_not_found'],
      ['refused', 'self_lockout'],
      ['ok', undefined],
    ]);
    expect(results[0]?.etag).toBe(`"${a.id}.v${Number(/v(\d+)"$/.exec(a.etag)?.[1]) + 1}"`);

    const again = await send('POST', '/api/v1/users/bulk', { action: 'disable', items: [{ id: a.id, etag: results[0]?.etag }] });
    expect(again.json()).toMatchObject({ results: [{ outcome: 'unchanged' }] });
    const enabled = await send('POST', '/api/v1/users/bulk', { action: 'enable', items: [{ id: a.id, etag: results[0]?.etag }] });
    expect(enabled.json()).toMatchObject({ results: [{ outcome: 'ok' }] });
  });

  it('adds to a group and deletes', async () => {
    const ideas = await groupId('IT');
    const created = (await send('POST', '/api/v1/users', newUser('bulk.one'))).json<{ user: UserDetail }>().user;
    const added = await send('POST', '/api/v1/users/bulk', { action: 'add_to_group', groupId: ideas, items: [{ id: created.id, etag: `"${created.id}.v1"` }] });
    expect(added.json()).toMatchObject({ results: [{ outcome: 'ok', etag: `"${created.id}.v2"` }] });
    expect((await get(`/api/v1/users/${created.id}`)).json<UserDetail>().groups.map((group) => group.name)).toEqual(['IT']);
    const deleted = await send('POST', '/api/v1/users/bulk', { action: 'delete', items: [{ id: created.id, etag: `"${created.id}.v2"` }] });
    expect(deleted.json()).toMatchObject({ results: [{ outcome: 'ok' }] });
    expect((await get(`/api/v1/users/${created.id}`)).status).toBe(404);
  });

  it.each([
    ['no items', { action: 'disable', items: [] }, 'validation_failed'],
    ['add_to_group without a group', { action: 'add_to_group', items: [{ id: randomUUID(), etag: '"a"' }] }, 'validation_failed'],
    ['an unknown group', { action: 'add_to_group', groupId: randomUUID(), items: [{ id: randomUUID(), etag: '"a"' }] }, 'unknown_group'],
    ['too many items', { action: 'enable', items: Array.from({ length: 201 }, () => ({ id: randomUUID(), etag: '"a"' })) }, 'validation_failed'],
  ])('answers 400 for %s', async (_case, body, code) => {
    const response = await send('POST', '/api/v1/users/bulk', body);
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ code });
  });
});

describe('CSV export', () => {
  it('streams the filtered list as CSV, neutralising formulas', async () => {
    await send('POST', '/api/v1/users', newUser('formula.user', { displayName: '=HYPERLINK("http://evil.example")' }));
    const response = await get('/api/v1/users/export?status=disabled');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="users-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = response.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('login,displayName,email,language,enabled,groups,isAdmin,status,lastLoginAt,createdAt');
    const disabledTotal = (await get('/api/v1/users?status=disabled')).json<UserPage>().total;
    expect(lines).toHaveLength((disabledTotal ?? 0) + 1);
    expect(lines.slice(1).every((line) => line.includes(',false,') && line.includes(',disabled,'))).toBe(true);

    const formula = (await get('/api/v1/users/export?q=formula.user')).text;
    expect(formula).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
  });
});

describe('CSV import', () => {
  const rows = [
    { login: 'imp.anna', displayName: 'Anna Import', email: 'anna@import.de', language: 'en', enabled: 'ja', groups: 'Vertrieb; IT' },
    { login: 'imp.bernd', displayName: 'Bernd Import', email: '', language: '', enabled: '', groups: '' },
    { login: 'imp.anna', displayName: 'Anna Twice', email: '', language: '', enabled: '', groups: '' },
    { login: 'admin', displayName: 'Taken', email: '', language: '', enabled: '', groups: '' },
    { login: 'imp.bad', displayName: '', email: 'nope', language: 'fr', enabled: 'vielleicht', groups: 'Marketing' },
    { login: 'imp.group', displayName: 'Unknown Group', email: '', language: '', enabled: 'nein', groups: 'Marketing' },
  ];

  it('validates without writing anything', async () => {
    const before = (await get('/api/v1/users?limit=1')).json<UserPage>().total;
    const response = await send('POST', '/api/v1/users/import/validate', { rows });
    expect(response.status).toBe(200);
    const validation = response.json<{ total: number; valid: number; issues: { row: number; field: string; code: string }[] }>();
    expect(validation).toMatchObject({ total: 6, valid: 2 });
    expect(validation.issues.map((issue) => [issue.row, issue.field, issue.code])).toEqual([
      [3, 'login', 'duplicate_in_file'],
      [4, 'login', 'login_taken'],
      [5, 'displayName', 'required'],
      [5, 'email', 'invalid_email'],
      [5, 'language', 'invalid_language'],
      [5, 'enabled', 'invalid_boolean'],
      [5, 'groups', 'unknown_group'],
      [6, 'groups', 'unknown_group'],
    ]);
    expect((await get('/api/v1/users?limit=1')).json<UserPage>().total).toBe(before);
  });

  it('imports the valid rows as a job, skips and reports the others', async () => {
    const started = await send('POST', '/api/v1/users/import', { rows });
    expect(started.status).toBe(202);
    const job = started.json<{ id: string; total: number }>();
    expect(started.headers.location).toBe(`/api/v1/users/import/${job.id}`);
    let status = job as { state?: string; created?: number; skipped?: number; processed?: number; issues?: unknown[] };
    for (let i = 0; i < 100 && status.state === 'running'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = (await get(`/api/v1/users/import/${job.id}`)).json();
    }
    expect(status).toMatchObject({ state: 'done', total: 6, processed: 6, created: 2, skipped: 4 });
    expect(status.issues).toHaveLength(8);

    const anna = await userByLogin('imp.anna');
    expect(anna.detail).toMatchObject({ language: 'en', enabled: true, hasPassword: false, mustChangePassword: true });
    expect(anna.detail.groups.map((group) => group.name)).toEqual(['IT', 'Vertrieb']);
    const [created] = await portal.portal.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.create'), eq(auditLog.targetId, anna.detail.id)));
    expect(created?.after).toMatchObject({ login: 'imp.anna', importJob: job.id, row: 1 });
    const [summary] = await portal.portal.db.select().from(auditLog).where(and(eq(auditLog.targetId, job.id), eq(auditLog.action, 'user.import')));
    expect(summary).toMatchObject({ action: 'user.import', after: { created: 2, skipped: 4 } });
    const [stored] = await portal.portal.db.select().from(users).where(eq(users.login, 'imp.bernd'));
    expect(stored).toMatchObject({ passwordHash: null, language: 'de', enabled: true });
  });

  it('answers 404 for an unknown job and 400 for an empty import', async () => {
    expect((await get(`/api/v1/users/import/${randomUUID()}`)).status).toBe(404);
    expect((await send('POST', '/api/v1/users/import', { rows: [] })).status).toBe(400);
  });
});
