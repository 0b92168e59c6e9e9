import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyPreset } from '../../common/domain/password-policy';
import { defaultSecurityPolicy, type SecurityPolicy } from '../../common/portal-api/security-policy';
import { auditLog, securityPolicy, users } from '../db/schema';
import { DEMO_ADMIN } from '../demo/seed';
import { startTestPortal, type TestPortal } from '../test-support';

let portal: TestPortal;
let token: string;
let clock = new Date('2026-03-02T09:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;

async function currentPolicy(): Promise<{ policy: SecurityPolicy; etag: string }> {
  const response = await portal.request('GET', '/api/v1/security-policy', { token });
  return { policy: response.json<SecurityPolicy>(), etag: String(response.headers.etag) };
}

async function putPolicy(policy: SecurityPolicy, ifMatch?: string) {
  return portal.request('PUT', '/api/v1/security-policy', { token, body: policy, headers: ifMatch === undefined ? {} : { 'if-match': ifMatch } });
}

async function setPolicy(change: (policy: SecurityPolicy) => SecurityPolicy): Promise<void> {
  const { policy, etag } = await currentPolicy();
  const response = await putPolicy(change(policy), etag);
  if (response.status !== 200) throw new Error(`policy update failed: ${response.status} ${response.text}`);
}

async function signIn(login: string, password: string) {
  return portal.request('POST', '/api/v1/sessions', { body: { login, password } });
}

/** An administrator with a known password, created through the API; returns the password. */
async function addAdmin(login: string, password: string): Promise<void> {
  const response = await portal.request('POST', '/api/v1/users', {
    token,
    body: {
      login,
      displayName: `Admin ${login}`,
      email: null,
      language: 'de',
      enabled: true,
      isAdmin: true,
      groupIds: [],
      password: { mode: 'set', password, mustChange: false },
    },
  });
  if (response.status !== 201) throw new Error(`could not add ${login}: ${response.text}`);
}

beforeAll(async () => {
  portal = await startTestPortal({ now: () => clock });
  token = await portal.signInAdmin();
});

afterAll(async () => {
  await portal?.close();
});

beforeEach(async () => {
  clock = new Date('2026-03-02T09:00:00Z');
  await setPolicy(() => defaultSecurityPolicy);
});

describe('GET/PUT /security-policy', () => {
  it('reads the policy with an ETag and needs If-Match to change it', async () => {
    const { policy, etag } = await currentPolicy();
    expect(policy).toEqual(defaultSecurityPolicy);
    expect(etag).toMatch(/^"v\d+"$/);
    const missing = await putPolicy(applyPreset(policy, 'higher'));
    expect(missing.status).toBe(428);
    expect(missing.json()).toMatchObject({ code: 'if_match_required' });
  });

  it('answers 412 with the current policy when someone else saved first, and audits every change', async () => {
    const { policy, etag } = await currentPolicy();
    const first = await putPolicy(applyPreset(policy, 'higher'), etag);
    expect(first.status).toBe(200);
    expect(first.headers.etag).not.toBe(etag);
    const second = await putPolicy({ ...policy, disableRememberMe: true, preset: 'custom' }, etag);
    expect(second.status).toBe(412);
    expect(second.json()).toMatchObject({ code: 'etag_mismatch', currentEtag: first.headers.etag, current: { preset: 'higher', password: { minLength: 12 } } });
    const entries = await portal.portal.db.select().from(auditLog).where(eq(auditLog.action, 'security_policy.update'));
    const entry = entries.find((e) => (e.after as SecurityPolicy).preset === 'higher');
    expect(entry).toMatchObject({ actorLogin: 'admin', before: { preset: 'standard', passwordRules: { minLength: 8 } }, after: { passwordRules: { minLength: 12 } } });
  });

  it.each<[string, (p: SecurityPolicy) => unknown, string, string]>([
    ['a preset whose settings were changed', (p) => ({ ...p, preset: 'high' }), 'invalid_policy', 'preset'],
    ['a registration code shorter than 6', (p) => ({ ...p, membership: { mode: 'invitation', inviters: 'admins', registrationCode: 'abc' } }), 'validation_failed', 'membership.registrationCode'],
    // Security sheet: "Mitglieder können nur auf Einladung beitreten (Registrierungscode ist erforderlich)".
    ['invitation mode without a registration code', (p) => ({ ...p, membership: { mode: 'invitation', inviters: 'admins', registrationCode: null } }), 'invalid_policy', 'membership.registrationCode'],
    // Security sheet: "Kennwörter müssen aus mindestens Zeichen bestehen (Ansonsten sind mindestens 6 Zeichen erforderlich.)"
    ['a minimum length of 5', (p) => ({ ...p, preset: 'custom', password: { ...p.password, minLength: 5 } }), 'validation_failed', 'password.minLength'],
    ['duplicate guest areas', (p) => ({ ...p, guests: { enabled: true, allowedAreas: ['crm', 'crm'] } }), 'invalid_policy', 'guests.allowedAreas'],
    ['an unknown membership mode', (p) => ({ ...p, membership: { ...p.membership, mode: 'everyone' } }), 'validation_failed', 'membership.mode'],
  ])('refuses %s with 400 naming the field', async (_case, change, code, path) => {
    const { policy, etag } = await currentPolicy();
    const response = await portal.request('PUT', '/api/v1/security-policy', { token, body: change(policy), headers: { 'if-match': etag } });
    expect(response.status).toBe(400);
    const body = response.json<{ code: string; errors: { path: string }[] }>();
    expect(body.code).toBe(code);
    expect(body.errors.map((error) => error.path)).toContain(path);
  });
});

describe('enforcement at sign-in', () => {
  it('lets a password the tightened policy rejects sign in only to change it', async () => {
    await setPolicy((policy) => ({ ...policy, preset: 'custom', password: { ...policy.password, minLength: 20 } }));
    const response = await signIn(DEMO_ADMIN.login, DEMO_ADMIN.password);
    expect(response.status).toBe(201);
    const session = response.json<{ token: string; user: { mustChangePassword: boolean } }>();
    expect(session.user.mustChangePassword).toBe(true);

    const restricted = (path: string, method = 'GET') => portal.request(method, path, { token: session.token });
    expect((await restricted('/api/v1/users')).json()).toMatchObject({ status: 403, code: 'password_change_required' });
    expect((await restricted('/api/v1/audit')).status).toBe(403);
    expect((await restricted('/api/v1/portal')).status).toBe(200);
    expect((await restricted('/api/v1/sessions/current')).json()).toMatchObject({ user: { mustChangePassword: true } });
    expect((await restricted('/api/v1/security-policy')).json()).toMatchObject({ password: { minLength: 20 } });

    const change = (newPassword: string, currentPassword: string = DEMO_ADMIN.password) =>
      portal.request('POST', '/api/v1/sessions/current/password', { token: session.token, body: { currentPassword, newPassword } });
    const weak = await change('Portal-Zugang-2027');
    expect(weak.status).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'password_policy', errors: [{ path: 'newPassword', message: 'Use at least 20 characters.' }] });
    const wrongCurrent = await change('Zwanzig-Zeichen-und-mehr', 'not-my-password');
    expect(wrongCurrent.json()).toMatchObject({ code: 'wrong_current_password' });
    const same = await change(DEMO_ADMIN.password);
    expect(same.json()).toMatchObject({ code: 'password_unchanged' });
    const containsLogin = await change('admin-mit-zwanzig-zeichen');
    expect(containsLogin.json()).toMatchObject({ code: 'password_policy', errors: [{ message: 'The password must not contain your login.' }] });

    const changed = await change('Zwanzig-Zeichen-und-mehr');
    expect(changed.status).toBe(200);
    expect((await restricted('/api/v1/users?limit=1')).status).toBe(200);
    // The other sessions of the account ended with the change.
    expect((await portal.request('GET', '/api/v1/users?limit=1', { token })).status).toBe(401);

    const again = await signIn(DEMO_ADMIN.login, 'Zwanzig-Zeichen-und-mehr');
    expect(again.json()).toMatchObject({ user: { mustChangePassword: false } });
    token = again.json<{ token: string }>().token;
    const [flag] = await portal.portal.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.password_change_required'), eq(auditLog.actorLogin, 'system')));
    expect(flag?.after).toEqual({ reason: 'policy' });
  });

  it('asks for a new password once the expiry days have passed', async () => {
    await addAdmin('expiring.admin', 'Sonnenblumen-Feld-42');
    await setPolicy((policy) => ({ ...policy, preset: 'custom', password: { ...policy.password, expiryDays: 30 } }));
    expect((await signIn('expiring.admin', 'Sonnenblumen-Feld-42')).json()).toMatchObject({ user: { mustChangePassword: false } });
    clock = new Date(clock.getTime() + 31 * DAY_MS);
    const expired = await signIn('expiring.admin', 'Sonnenblumen-Feld-42');
    expect(expired.json()).toMatchObject({ user: { mustChangePassword: true } });
    const [row] = await portal.portal.db.select().from(users).where(eq(users.login, 'expiring.admin'));
    expect(row?.mustChangePassword).toBe(true);
  });

  it('locks after the policy number of failures for the policy minutes', async () => {
    await addAdmin('lockout.admin', 'Regenbogen-Brücke-7');
    await setPolicy((policy) => ({ ...policy, preset: 'custom', lockout: { maxFailures: 2, minutes: 5 } }));
    expect((await signIn('lockout.admin', 'wrong-1')).status).toBe(401);
    const locked = await signIn('lockout.admin', 'wrong-2');
    expect(locked.status).toBe(423);
    expect(Date.parse(locked.json<{ lockedUntil: string }>().lockedUntil)).toBe(clock.getTime() + 5 * 60_000);
    expect((await signIn('lockout.admin', 'Regenbogen-Brücke-7')).status).toBe(423);
    clock = new Date(clock.getTime() + 6 * 60_000);
    expect((await signIn('lockout.admin', 'Regenbogen-Brücke-7')).status).toBe(201);
  });

  it('checks passwords set by administrators against the policy in force', async () => {
    await setPolicy((policy) => applyPreset(policy, 'high'));
    const response = await portal.request('POST', '/api/v1/users', {
      token,
      body: { login: 'too.short', displayName: 'Too Short', email: null, language: 'de', enabled: true, isAdmin: false, groupIds: [], password: { mode: 'set', password: 'Vierzehn-Zeich', mustChange: false } },
    });
    expect(response.json()).toMatchObject({ code: 'password_policy', errors: [{ message: 'Use at least 15 characters.' }] });
  });
});

describe('POST /registrations', () => {
  const registration = { login: 'neu.kunde', displayName: 'Neu Kunde', email: 'neu@kunde.de', password: 'Sternwarte-Zugang-99' };

  it('is closed unless the membership mode is open', async () => {
    const response = await portal.request('POST', '/api/v1/registrations', { body: registration });
    expect(response.status).toBe(403);
    expect(response.json()).toMatchObject({ code: 'registration_closed' });
  });

  // Security sheet: "Für jeden offen": open to all, no registration code is asked (a left-over one is not checked).
  it('open to all: no registration code, a password that meets the policy, then creates a member', async () => {
    await setPolicy((policy) => ({ ...policy, membership: { mode: 'open', inviters: 'admins', registrationCode: 'Sommer-Code' } }));
    const weak = await portal.request('POST', '/api/v1/registrations', { body: { ...registration, password: 'qwertz123' } });
    expect(weak.json()).toMatchObject({ status: 400, code: 'password_policy' });
    const created = await portal.request('POST', '/api/v1/registrations', { body: registration });
    expect(created.status).toBe(201);
    expect(created.json()).toMatchObject({ login: 'neu.kunde' });
    const duplicate = await portal.request('POST', '/api/v1/registrations', { body: { ...registration, login: 'NEU.KUNDE', registrationCode: 'Winter-Code' } });
    expect(duplicate.json()).toMatchObject({ status: 409, code: 'login_taken' });
    // A member, not an administrator: the admin API stays closed.
    expect((await signIn('neu.kunde', registration.password)).json()).toMatchObject({ status: 403, code: 'not_admin' });
  });
});

describe('stored policies from before the floor of 6', () => {
  // Security sheet: "Kennwörter müssen aus mindestens Zeichen bestehen (Ansonsten sind mindestens 6 Zeichen erforderlich.)"
  it('reads a stored minimum length of 4 as 6, keeps the other settings, and enforces 6', async () => {
    const { policy } = await currentPolicy();
    const legacy = { ...policy, preset: 'custom', membership: { mode: 'open', inviters: 'admins', registrationCode: null }, password: { ...policy.password, minLength: 4, rejectCommonPasswords: false } };
    // The column is typed as today's policy; a stored document from before is not one.
    await portal.portal.db.update(securityPolicy).set({ document: legacy as unknown as SecurityPolicy }).where(eq(securityPolicy.id, 1));
    const read = await currentPolicy();
    expect(read.policy.password.minLength).toBe(6);
    expect(read.policy.membership.mode).toBe('open');
    const body = { login: 'kurz.pass', displayName: 'Kurz Pass', email: 'kurz@kunde.de' };
    const five = await portal.request('POST', '/api/v1/registrations', { body: { ...body, password: 'kx9vm' } });
    expect(five.json()).toMatchObject({ status: 400, code: 'password_policy', errors: [{ message: 'Use at least 6 characters.' }] });
    expect((await portal.request('POST', '/api/v1/registrations', { body: { ...body, password: 'kx9vmq' } })).status).toBe(201);
  });
});
