import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problem } from '../common/portal-api/problem';
import { auditLog, principalMembers, principals, users, applications } from './db/schema';
import { DEMO_ADMIN, DEMO_PORTAL } from './demo/seed';
import { startTestPortal, type TestPortal, type TestResponse } from './test-support';

let clock = new Date('2026-03-02T09:00:00Z');
let portal: TestPortal;
let adminToken: string;

beforeAll(async () => {
  portal = await startTestPortal({ now: () => clock });
  adminToken = await portal.signInAdmin();
});
afterAll(async () => {
  await portal?.close();
});

function expectProblem(response: TestResponse, status: number, code?: string) {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = Problem.parse(response.json());
  expect(body.status).toBe(status);
  if (code !== undefined) expect(body.code).toBe(code);
  expect(response.text).not.toMatch(/\bat .+:\d+:\d+|node_modules|stack/i);
  return body;
}

const login = (name: string, password: string) => portal.request('POST', '/api/v1/sessions', { body: { login: name, password } });

describe('health and portal info', () => {
  it('GET /health is public and reports the release and the portal clock', async () => {
    const response = await portal.request('GET', '/api/v1/health');
    expect(response.status).toBe(200);
    // The environment and the release track too: the console's profile dashboard shows them without signing in.
    expect(response.json()).toEqual({
      status: 'ok',
      version: '12.0.3',
      time: clock.toISOString(),
      environment: expect.stringMatching(/^(prod|test|dev)$/),
      track: expect.stringMatching(/^(silent|steady)$/),
    });
  });

  it('GET /portal needs a session', async () => {
    expectProblem(await portal.request('GET', '/api/v1/portal'), 401, 'not_signed_in');
    expectProblem(await portal.request('GET', '/api/v1/portal', { token: 'x'.repeat(43) }), 401, 'not_signed_in');
  });

  it('GET /portal shows the demo portal with an ETag', async () => {
    const response = await portal.request('GET', '/api/v1/portal', { token: adminToken });
    expect(response.status).toBe(200);
    expect(response.headers.etag).toMatch(/^"v\d+"$/);
    expect(response.json()).toEqual({
      name: DEMO_PORTAL.name,
      version: '12.0.3',
      track: 'silent',
      environment: 'test',
      timeZone: 'Europe/Berlin',
      supportPackage: 'professional',
    });
  });
});

describe('sign-in', () => {
  it('answers 201 with token, expiry in 8 h and the user; the token works', async () => {
    const response = await login('ADMIN', DEMO_ADMIN.password);
    expect(response.status).toBe(201);
    const body = response.json();
    expect(body.user).toMatchObject({ login: 'admin', displayName: 'Administrator', isAdmin: true, mustChangePassword: false });
    expect(new Date(body.expiresAt).getTime() - clock.getTime()).toBe(8 * 60 * 60 * 1000);
    const current = await portal.request('GET', '/api/v1/sessions/current', { token: body.token });
    expect(current.status).toBe(200);
    expect(current.json()).toEqual({ user: body.user, expiresAt: body.expiresAt });
  });

  it.each([
    ['wrong password', 'admin', 'falsch'],
    ['unknown login', 'niemand', DEMO_ADMIN.password],
    ['demo user without password', 'anna.mueller', 'irgendwas'],
  ])('%s -> 401 invalid_credentials', async (_name, name, password) => {
    expectProblem(await login(name, password), 401, 'invalid_credentials');
  });

  it('a disabled user gets 401 even with the right password', async () => {
    await portal.addUser({ login: 'gesperrt.admin', password: 'Richtig-123', isAdmin: true, enabled: false });
    expectProblem(await login('gesperrt.admin', 'Richtig-123'), 401, 'invalid_credentials');
  });

  it('a non-admin with the right password gets 403 not_admin and no token', async () => {
    await portal.addUser({ login: 'erika.mitarbeiter', password: 'Richtig-123' });
    const body = expectProblem(await login('erika.mitarbeiter', 'Richtig-123'), 403, 'not_admin');
    expect(body).not.toHaveProperty('token');
  });

  it('locks after 3 failures, refuses even the right password, and opens after lockedUntil', async () => {
    await portal.addUser({ login: 'lena.lockout', password: 'Richtig-123', isAdmin: true });
    expectProblem(await login('lena.lockout', 'falsch-1'), 401, 'invalid_credentials');
    expectProblem(await login('lena.lockout', 'falsch-2'), 401, 'invalid_credentials');
    const locked = expectProblem(await login('lena.lockout', 'falsch-3'), 423, 'account_locked');
    expect(locked.lockedUntil).toBe(new Date(clock.getTime() + 30 * 60_000).toISOString());

    expectProblem(await login('lena.lockout', 'Richtig-123'), 423, 'account_locked');

    clock = new Date(new Date(locked.lockedUntil as string).getTime() + 1000);
    expect((await login('lena.lockout', 'Richtig-123')).status).toBe(201);
    const [row] = await portal.portal.db.select().from(users).where(eq(users.login, 'lena.lockout'));
    expect(row).toMatchObject({ failedAttempts: 0, lockedUntil: null, lastLoginAt: clock });
  });

  it('a success resets the failure count', async () => {
    await portal.addUser({ login: 'max.reset', password: 'Richtig-123', isAdmin: true });
    await login('max.reset', 'falsch');
    await login('max.reset', 'falsch');
    expect((await login('max.reset', 'Richtig-123')).status).toBe(201);
    expectProblem(await login('max.reset', 'falsch'), 401, 'invalid_credentials');
    expectProblem(await login('max.reset', 'falsch'), 401, 'invalid_credentials');
  });

  it('sessions expire after 8 hours', async () => {
    const { token } = (await login('admin', DEMO_ADMIN.password)).json();
    clock = new Date(clock.getTime() + 8 * 60 * 60 * 1000);
    expectProblem(await portal.request('GET', '/api/v1/portal', { token }), 401, 'session_expired');
    adminToken = await portal.signInAdmin();
  });

  it('DELETE /sessions/current signs out', async () => {
    const { token } = (await login('admin', DEMO_ADMIN.password)).json();
    const response = await portal.request('DELETE', '/api/v1/sessions/current', { token });
    expect(response.status).toBe(204);
    expectProblem(await portal.request('GET', '/api/v1/sessions/current', { token }), 401, 'not_signed_in');
  });
});

describe('errors are problem+json', () => {
  it('malformed JSON -> 400 with errors[]', async () => {
    const response = await portal.request('POST', '/api/v1/sessions', {
      rawBody: '{"login": "admin", ',
      headers: { 'content-type': 'application/json' },
    });
    const body = expectProblem(response, 400, 'malformed_json');
    expect(body.errors?.length).toBeGreaterThan(0);
  });

  it('schema violations -> 400 with one entry per field', async () => {
    const body = expectProblem(await portal.request('POST', '/api/v1/sessions', { body: { login: '' } }), 400, 'validation_failed');
    expect(body.errors?.map((e) => e.path).sort()).toEqual(['login', 'password']);
  });

  it('invalid query -> 400', async () => {
    const body = expectProblem(await portal.request('GET', '/api/v1/audit?limit=0', { token: adminToken }), 400, 'validation_failed');
    expect(body.errors?.[0]?.path).toBe('limit');
  });

  it('oversize body -> 413', async () => {
    const rawBody = JSON.stringify({ login: 'admin', password: 'x'.repeat(1024 * 1024 + 10) });
    expectProblem(
      await portal.request('POST', '/api/v1/sessions', { rawBody, headers: { 'content-type': 'application/json' } }),
      413,
      'payload_too_large',
    );
  });

  it('unsupported content type -> 415', async () => {
    for (const type of ['text/plain', 'application/xml']) {
      const response = await portal.request('POST', '/api/v1/sessions', { rawBody: 'login=admin', headers: { 'content-type': type } });
      expectProblem(response, 415, 'unsupported_media_type');
    }
  });

  it('unknown route -> 404, wrong method -> 405 with Allow', async () => {
    expectProblem(await portal.request('GET', '/api/v1/gibt-es-nicht'), 404, 'not_found');
    expectProblem(await portal.request('GET', '/'), 404, 'not_found');
    const wrongMethod = expectProblem(await portal.request('PUT', '/api/v1/health'), 405, 'method_not_allowed');
    expect(wrongMethod.title).toBe('Method Not Allowed');
    expect((await portal.request('PUT', '/api/v1/health')).headers.allow).toBe('GET');
  });

  it('malformed URL encoding -> 400, not 500', async () => {
    expectProblem(await portal.request('GET', '/api/v1/health%E0%A4%A'), 400);
  });
});

describe('OpenAPI', () => {
  it('lists the routes and marks protected ones with bearer security', async () => {
    const response = await portal.request('GET', '/api/v1/openapi.json');
    expect(response.status).toBe(200);
    const doc = response.json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/health', '/api/v1/sessions', '/api/v1/sessions/current', '/api/v1/portal', '/api/v1/audit']),
    );
    expect(doc.paths['/api/v1/openapi.json']).toBeUndefined();
    expect(doc.paths['/api/v1/portal'].get.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/api/v1/health'].get.security).toEqual([]);
    expect(doc.paths['/api/v1/sessions'].post.requestBody).toBeDefined();
  });
});

describe('audit log', () => {
  it('records sign-in success and failure with actor, target and time', async () => {
    await portal.addUser({ login: 'audit.anna', password: 'Richtig-123', isAdmin: true });
    await login('audit.anna', 'falsch');
    await login('audit.anna', 'Richtig-123');
    const response = await portal.request('GET', '/api/v1/audit?limit=10', { token: adminToken });
    expect(response.status).toBe(200);
    const items: Array<Record<string, unknown>> = response.json().items;
    const anna = items.filter((i) => i.actorLogin === 'audit.anna');
    expect(anna.map((i) => i.action).slice(0, 2)).toEqual(['session.login', 'session.login_failed']);
    expect(anna[0]).toMatchObject({ actorId: anna[0]?.targetId, targetType: 'user', at: clock.toISOString() });
    expect(anna[1]).toMatchObject({ actorId: null, after: { reason: 'wrong_password', failedAttempts: 1 } });
    expect(JSON.stringify(items)).not.toMatch(/Richtig-123|falsch|scrypt\$/);
  });

  it('pages newest first with an opaque cursor, without gaps or repeats', async () => {
    const [total] = await portal.portal.db.select({ n: count() }).from(auditLog);
    const seen: string[] = [];
    const times: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? 'limit=3' : `limit=3&cursor=${encodeURIComponent(cursor)}`;
      const page = (await portal.request('GET', `/api/v1/audit?${query}`, { token: adminToken })).json();
      seen.push(...page.items.map((i: { id: string }) => i.id));
      times.push(...page.items.map((i: { at: string }) => i.at));
      cursor = page.nextCursor;
    } while (cursor !== null);
    // Reading pages signs nobody in, so the log did not grow meanwhile.
    expect(seen.length).toBe(total?.n);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('rejects a forged cursor with 400', async () => {
    expectProblem(await portal.request('GET', '/api/v1/audit?cursor=bm9wZQ', { token: adminToken }), 400, 'invalid_cursor');
  });
});

describe('demo seed', () => {
  it('fills the database with the Muster GmbH company', async () => {
    const db = portal.portal.db;
    const [seeded] = await db.select({ n: count() }).from(users).where(eq(users.email, 'admin@muster-gmbh.de'));
    expect(seeded?.n).toBe(1);
    const [demoUsers] = await db.select({ n: count() }).from(users).where(eq(users.mustChangePassword, true));
    // 49 employees, less the three demo members (member side) and the two demo role administrators, who can sign in.
    expect(demoUsers?.n).toBe(44);
    const [disabled] = await db.select({ n: count() }).from(users).where(eq(users.enabled, false));
    expect(disabled?.n).toBe(5); // four demo users plus the disabled test admin above
    const kinds = await db.select({ kind: principals.kind, n: count() }).from(principals).groupBy(principals.kind);
    expect(Object.fromEntries(kinds.map((k) => [k.kind, k.n]))).toEqual({ group: 6, role: 3, distribution_list: 2 });
    const [apps] = await db.select({ n: count() }).from(applications);
    expect(apps?.n).toBe(5);
    const [members] = await db.select({ n: count() }).from(principalMembers);
    expect(members?.n).toBeGreaterThan(49);
  });
});
