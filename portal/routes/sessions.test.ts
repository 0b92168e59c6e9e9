import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultSecurityPolicy, type SecurityPolicy } from '../../common/portal-api/security-policy';
import type { LoginResponse } from '../../common/portal-api/session';
import { auditLog } from '../db/schema';
import { DEMO_ADMIN } from '../demo/seed';
import { startTestPortal, type TestPortal } from '../test-support';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

let portal: TestPortal;
let adminToken: string;
let clock = new Date('2026-03-02T09:00:00Z');

const signIn = (body: Record<string, unknown>) => portal.request('POST', '/api/v1/sessions', { body: { ...DEMO_ADMIN, ...body } });
const current = (token: string) => portal.request('GET', '/api/v1/sessions/current', { token });

async function setRememberMe(disableRememberMe: boolean): Promise<void> {
  const read = await portal.request('GET', '/api/v1/security-policy', { token: adminToken });
  const policy: SecurityPolicy = { ...read.json<SecurityPolicy>(), preset: 'custom', disableRememberMe };
  const saved = await portal.request('PUT', '/api/v1/security-policy', { token: adminToken, body: policy, headers: { 'if-match': String(read.headers.etag) } });
  if (saved.status !== 200) throw new Error(`policy update failed: ${saved.status} ${saved.text}`);
}

beforeAll(async () => {
  portal = await startTestPortal({ now: () => clock });
});

afterAll(async () => {
  await portal?.close();
});

beforeEach(async () => {
  clock = new Date('2026-03-02T09:00:00Z');
  adminToken = await portal.signInAdmin();
  const read = await portal.request('GET', '/api/v1/security-policy', { token: adminToken });
  await portal.request('PUT', '/api/v1/security-policy', { token: adminToken, body: defaultSecurityPolicy, headers: { 'if-match': String(read.headers.etag) } });
});

describe('the sign-in answer', () => {
  it('carries the portal’s identity as GET /portal gives it, so a client needs no second request', async () => {
    const body = (await signIn({})).json<LoginResponse>();
    const info = (await portal.request('GET', '/api/v1/portal', { token: body.token })).json();
    expect(body.portal).toEqual(info);
    expect(body.portal?.name).toEqual(expect.any(String));
  });

  it('leaves the portal’s identity out of a refused sign-in', async () => {
    const response = await signIn({ password: 'wrong-password-123' });
    expect(response.status).toBe(401);
    expect(response.json()).not.toHaveProperty('portal');
  });
});

describe('remember me at sign-in', () => {
  it('gives the normal 8 hours without the flag and says remember-me is allowed', async () => {
    const response = await signIn({});
    expect(response.status).toBe(201);
    const body = response.json<LoginResponse>();
    expect(body).toMatchObject({ remembered: false, rememberMeAllowed: true });
    expect(Date.parse(body.expiresAt) - clock.getTime()).toBe(8 * HOUR_MS);
  });

  it('gives a remembered session of 30 days when asked and allowed; it outlives 8 hours', async () => {
    const response = await signIn({ remember: true });
    const body = response.json<LoginResponse>();
    expect(body).toMatchObject({ remembered: true, rememberMeAllowed: true });
    expect(Date.parse(body.expiresAt) - clock.getTime()).toBe(30 * DAY_MS);
    expect((await current(body.token)).json()).toMatchObject({ expiresAt: body.expiresAt });

    clock = new Date(clock.getTime() + 9 * HOUR_MS);
    expect((await current(body.token)).status).toBe(200);
    clock = new Date(Date.parse(body.expiresAt));
    expect((await current(body.token)).json()).toMatchObject({ status: 401, code: 'session_expired' });

    const [entry] = await portal.portal.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'session.login'), eq(auditLog.after, { remembered: true })));
    expect(entry).toMatchObject({ actorLogin: 'admin' });
  });

  it('ignores the flag while the policy disables remember-me: 8 hours, and the answer says so', async () => {
    await setRememberMe(true);
    const response = await signIn({ remember: true });
    expect(response.status).toBe(201);
    const body = response.json<LoginResponse>();
    expect(body).toMatchObject({ remembered: false, rememberMeAllowed: false });
    expect(Date.parse(body.expiresAt) - clock.getTime()).toBe(8 * HOUR_MS);
    clock = new Date(clock.getTime() + 8 * HOUR_MS);
    expect((await current(body.token)).json()).toMatchObject({ status: 401, code: 'session_expired' });
  });

  it('refuses a remember flag that is not a boolean', async () => {
    const response = await signIn({ remember: 'yes' });
    expect(response.status).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed' });
  });
});
