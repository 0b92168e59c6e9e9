import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBER_API_PREFIX, type MemberSignedIn } from '../../common/portal-api/member';
import { startTestPortal, type TestPortal } from '../test-support';
import { MEMBER, memberHarness } from './member-test-support';

/**
 * Member sessions: their own table, never valid on the admin API (nor an admin session on the member API), checked on
 * every call, audited like the admin sign-in, rate limited and locked out like it. Quotes: the security sheet.
 */
let clock = new Date('2026-03-02T09:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;
const h = memberHarness({ now: () => clock });

beforeAll(async () => {
  await h.resetPolicy();
});

async function auditActions(targetId: string): Promise<string[]> {
  const response = await h.shared.api('GET', `/audit?targetId=${targetId}&limit=50`);
  return response.json<{ items: Array<{ action: string }> }>().items.map((entry) => entry.action);
}

describe('member sessions are not admin sessions', () => {
  it('a member token is refused by the admin API; an admin token is an outsider on the member API', async () => {
    const onAdmin = await h.shared.portal.request('GET', '/api/v1/sessions/current', { token: h.tokens.adminMember });
    expect(onAdmin.status).toBe(401);
    const access = await h.as('admin_session', 'GET', '/access');
    expect(access.json()).toMatchObject({ caller: 'outsider', member: null });
    const garbage = await h.shared.portal.request('GET', `${MEMBER_API_PREFIX}/access`, { token: 'x'.repeat(43) });
    expect(garbage.status).toBe(401);
    expect(garbage.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('sign-in, sign-out and failures are audited; a signed-out token is refused', async () => {
    const id = await h.shared.portal.addUser({ login: 'audit.mitglied', password: 'Audit-Mitglied-2026!' });
    expect((await h.as('anonymous', 'POST', '/sessions', { login: 'audit.mitglied', password: 'falsch-falsch' })).status).toBe(401);
    const token = await h.signInMember('audit.mitglied', 'Audit-Mitglied-2026!');
    expect((await h.memberApi('DELETE', '/sessions/current', { token })).status).toBe(204);
    expect((await h.memberApi('GET', '/access', { token })).status).toBe(401);
    expect(await auditActions(id)).toEqual(expect.arrayContaining(['member_session.login_failed', 'member_session.login', 'member_session.logout']));
  });

  it('registrations are audited', async () => {
    await h.setPolicy((p) => ({ ...p, membership: { mode: 'open', inviters: 'admins', registrationCode: null } }));
    const created = await h.as('anonymous', 'POST', '/registrations', { login: 'registriert', displayName: 'Registriert', email: 'r@example.com', password: 'Sonnenblume-Tisch-77!' });
    expect(created.status).toBe(201);
    expect(await auditActions(created.json<{ id: string }>().id)).toContain('user.register');
    await h.resetPolicy();
  });
});

describe('every call is checked again', () => {
  // "Alle weiteren Zugriffe werden erneut überprüft, und wenn der Benutzer nicht authentifiziert werden kann oder der
  // Benutzerstatus auf der Site geändert sich hat (z.B. weil der Benutzer vom Administrator der Site gelöscht wurde),
  // leitet unsere Software den Benutzer zurück auf die Anmeldeseite."
  it('a member disabled or deleted by an administrator is refused at the next call', async () => {
    const id = await h.shared.portal.addUser({ login: 'wird.gesperrt', password: 'Gesperrt-Mitglied-2026!' });
    const token = await h.signInMember('wird.gesperrt', 'Gesperrt-Mitglied-2026!');
    expect((await h.memberApi('GET', '/functions/news/items', { token })).status).toBe(200);
    const user = await h.shared.api('GET', `/users/${id}`);
    const fields = user.json<{ login: string; displayName: string; email: string | null; language: 'de' | 'en'; isAdmin: boolean; groups: Array<{ id: string }> }>();
    const body = { login: fields.login, displayName: fields.displayName, email: fields.email, language: fields.language, enabled: false, isAdmin: fields.isAdmin, groupIds: fields.groups.map((g) => g.id) };
    const disabled = await h.shared.api('PUT', `/users/${id}`, { body, ifMatch: String(user.headers.etag) });
    expect(disabled.status).toBe(200);
    expect((await h.memberApi('GET', '/functions/news/items', { token })).status).toBe(401);

    const otherId = await h.shared.portal.addUser({ login: 'wird.geloescht', password: 'Geloescht-Mitglied-2026!' });
    const otherToken = await h.signInMember('wird.geloescht', 'Geloescht-Mitglied-2026!');
    const other = await h.shared.api('GET', `/users/${otherId}`);
    expect((await h.shared.api('DELETE', `/users/${otherId}`, { ifMatch: String(other.headers.etag) })).status).toBe(204);
    expect((await h.memberApi('GET', '/functions/news/items', { token: otherToken })).status).toBe(401);
  });
});

describe('lockout', () => {
  // "Mit der Funktion „Benutzerkontosperrung“ erreichen sie, dass ein Benutzerkonto nach dreimaligem fehlerhaftem
  // Benutzerzugriff vorübergehend gesperrt wird." / "Benutzeranmeldung nach 3 Falscheingaben 30 Minuten lang sperren"
  it('locks a member after the policy\'s failures for its minutes; with lockout off it never locks', async () => {
    await h.setPolicy((p) => ({ ...p, lockout: { maxFailures: 3, minutes: 30 } }));
    await h.shared.portal.addUser({ login: 'sperre.an', password: 'Sperre-Mitglied-2026!' });
    const wrong = () => h.as('anonymous', 'POST', '/sessions', { login: 'sperre.an', password: 'falsch-falsch' });
    expect([(await wrong()).status, (await wrong()).status, (await wrong()).status]).toEqual([401, 401, 423]);
    expect((await h.as('anonymous', 'POST', '/sessions', { login: 'sperre.an', password: 'Sperre-Mitglied-2026!' })).status).toBe(423);
    clock = new Date(clock.getTime() + 31 * 60_000);
    expect((await h.as('anonymous', 'POST', '/sessions', { login: 'sperre.an', password: 'Sperre-Mitglied-2026!' })).status).toBe(201);

    await h.setPolicy((p) => ({ ...p, lockout: { maxFailures: 0, minutes: 30 } }));
    await h.shared.portal.addUser({ login: 'sperre.aus', password: 'Sperre-Aus-2026!' });
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await h.as('anonymous', 'POST', '/sessions', { login: 'sperre.aus', password: 'falsch-falsch' })).status).toBe(401);
    }
    expect((await h.as('anonymous', 'POST', '/sessions', { login: 'sperre.aus', password: 'Sperre-Aus-2026!' })).status).toBe(201);
    await h.resetPolicy();
  });
});

describe('password expiry', () => {
  // "Außerdem können sie eine Mindestzeichenanzahl und eine Verfallszeit für Kennwörter festlegen, um zu erreichen, dass
  // die Benutzer ihre Kennwörter regelmäßig ändern." / "Änderung der Kennwörter: alle Tage"
  it('a member session ends at its expiry', async () => {
    const response = await h.as('anonymous', 'POST', '/sessions', { login: MEMBER.login, password: MEMBER.password });
    expect(response.status).toBe(201);
    const signedIn = response.json<MemberSignedIn>();
    clock = new Date(new Date(signedIn.expiresAt).getTime() + 1000);
    const late = await h.memberApi('GET', '/access', { token: signedIn.token });
    expect(late.status).toBe(401);
    expect(late.json()).toMatchObject({ code: 'session_expired' });
  });

  it('no member session with an expired password; without expiry the same password signs in', async () => {
    await h.setPolicy((p) => ({ ...p, membership: { mode: 'open', inviters: 'admins', registrationCode: null } }), await h.shared.portal.signInAdmin());
    const person = { login: 'ablauf', displayName: 'Ablauf', email: 'ablauf@example.com', password: 'Kastanie-Fenster-42!' };
    expect((await h.as('anonymous', 'POST', '/registrations', person)).status).toBe(201);
    clock = new Date(clock.getTime() + 31 * DAY_MS);
    const admin = await h.shared.portal.signInAdmin();
    await h.setPolicy((p) => ({ ...p, password: { ...p.password, expiryDays: 0 } }), admin);
    expect((await h.as('anonymous', 'POST', '/sessions', { login: person.login, password: person.password })).status).toBe(201);
    await h.setPolicy((p) => ({ ...p, password: { ...p.password, expiryDays: 30 } }), admin);
    const expired = await h.as('anonymous', 'POST', '/sessions', { login: person.login, password: person.password });
    expect(expired.status).toBe(403);
    expect(expired.json()).toMatchObject({ code: 'password_change_required' });

    // The member changes it with the current one (a wrong one is refused) and is signed in; the old one is spent.
    const change = (currentPassword: string, newPassword: string) => h.as('anonymous', 'POST', '/sessions/password', { login: person.login, currentPassword, newPassword });
    expect((await change('falsch-falsch', 'Birke-Laterne-93!')).status).toBe(401);
    expect((await change(person.password, person.password)).status).toBe(400);
    const changed = await change(person.password, 'Birke-Laterne-93!');
    expect(changed.status).toBe(201);
    expect((await h.memberApi('GET', '/access', { token: changed.json<MemberSignedIn>().token })).json()).toMatchObject({ caller: 'member' });
    expect((await h.as('anonymous', 'POST', '/sessions', { login: person.login, password: person.password })).status).toBe(401);
  });
});

describe('sign-in rate limit', () => {
  let portal: TestPortal;
  beforeAll(async () => {
    portal = await startTestPortal({ loginRateLimit: { max: 2, windowMs: 60_000 } });
  });
  afterAll(async () => portal?.close());

  it('limits member sign-ins per client and login like the admin sign-in (429 problem+json)', async () => {
    const attempt = () => portal.request('POST', `${MEMBER_API_PREFIX}/sessions`, { body: { login: 'irgendwer', password: 'falsch-falsch' } });
    expect([(await attempt()).status, (await attempt()).status]).toEqual([401, 401]);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'rate_limited' });
  });
});
