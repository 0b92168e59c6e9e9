import { beforeEach, describe, expect, it } from 'vitest';
import type { MemberAccess, MemberProfilePage } from '../../common/portal-api/member';
import type { SecurityPolicy } from '../../common/portal-api/security-policy';
import { memberHarness, type TestCaller } from './member-test-support';

/**
 * Each security setting, flipped through the admin API as the console does, governs the member API's next call, for a
 * member, a guest (no session, guest access on) and an outsider (no session with guest access off, or an
 * administrator's admin-API session, which is no member session). Quotes: the security sheet
 * (../shared/service-descriptions/security-sheet.txt).
 */
const h = memberHarness();
const REGISTRATION_CODE = 'Willkommen-2026';

let serial = 0;
function newcomer(password = 'Neu-Mitglied-2026!') {
  serial += 1;
  return { login: `neu.${serial}`, displayName: `Neu ${serial}`, email: `neu.${serial}@example.com`, password };
}

beforeEach(async () => {
  await h.resetPolicy();
});

const withGuests = (enabled: boolean) => (p: SecurityPolicy): SecurityPolicy => ({ ...p, guests: { ...p.guests, enabled } });
const invitationMode = (inviters: SecurityPolicy['membership']['inviters'], neverSendByEmail = false) => (p: SecurityPolicy): SecurityPolicy => ({
  ...p,
  membership: { mode: 'invitation', inviters, registrationCode: REGISTRATION_CODE },
  password: { ...p.password, neverSendByEmail },
});

describe('guest access', () => {
  // "Gastzugriff: Keinen Gastzugriff zulassen / Gastzugriff zulassen"; "Gäste können nur dann auf Ihre Site zugreifen,
  // wenn Sie dies explizit zulassen."
  it('makes a caller without a session a guest only while it is on; an admin-API session is an outsider either way', async () => {
    await h.setFunctionPermissions((fs) => fs.map((f) => (f.function === 'news' ? { ...f, guests: 'read' } : f)));
    const expected: Record<'on' | 'off', Record<TestCaller, [MemberAccess['caller'], number]>> = {
      on: { member: ['member', 200], anonymous: ['guest', 200], admin_session: ['outsider', 403] },
      off: { member: ['member', 200], anonymous: ['outsider', 403], admin_session: ['outsider', 403] },
    };
    for (const state of ['on', 'off', 'on'] as const) {
      await h.setPolicy(withGuests(state === 'on'));
      for (const caller of ['member', 'anonymous', 'admin_session'] as const) {
        const [kind, newsStatus] = expected[state][caller];
        expect((await h.as(caller, 'GET', '/access')).json<MemberAccess>().caller, `${state} ${caller}`).toBe(kind);
        expect((await h.as(caller, 'GET', '/functions/news/items')).status, `${state} ${caller}`).toBe(newsStatus);
      }
    }
  });
});

describe('who sees member data', () => {
  // "Datenschutz für Mitglieder: Jeder kann Mitgliedsdaten abrufen (auch Gäste) / Nur Administratoren können
  // Mitgliedsdaten abrufen"; the console's third choice is "members".
  const cases: Array<[SecurityPolicy['memberDataVisibility'], boolean, Record<TestCaller | 'admin_member', number>]> = [
    ['everyone', true, { member: 200, admin_member: 200, anonymous: 200, admin_session: 403 }],
    ['everyone', false, { member: 200, admin_member: 200, anonymous: 403, admin_session: 403 }],
    ['members', true, { member: 200, admin_member: 200, anonymous: 403, admin_session: 403 }],
    ['admins', true, { member: 403, admin_member: 200, anonymous: 403, admin_session: 403 }],
  ];
  it.each(cases)('%s (guest access %s): the member list and a profile answer exactly as the setting says', async (visibility, guests, expected) => {
    await h.setPolicy((p) => ({ ...withGuests(guests)(p), memberDataVisibility: visibility }));
    const someone = (await h.as('admin_member', 'GET', '/members?limit=1')).json<MemberProfilePage>().items[0]!;
    for (const [caller, status] of Object.entries(expected) as Array<[TestCaller | 'admin_member', number]>) {
      const list = await h.as(caller, 'GET', '/members?limit=5');
      expect(list.status, `${visibility} ${caller}`).toBe(status);
      expect((await h.as(caller, 'GET', `/members/${someone.id}`)).status, `${visibility} ${caller} profile`).toBe(status);
      if (status === 403) expect(list.json()).toMatchObject({ code: 'member_data_hidden' });
      if (status === 200 && caller === 'anonymous') expect(list.json<MemberProfilePage>().items.every((m) => m.email === null)).toBe(true);
    }
  });
});

describe('membership options', () => {
  it('"Für jeden offen": anyone registers without a code and signs in as a member', async () => {
    await h.setPolicy((p) => ({ ...p, membership: { mode: 'open', inviters: 'admins', registrationCode: null } }));
    const person = newcomer();
    expect((await h.as('anonymous', 'POST', '/registrations', person)).status).toBe(201);
    expect((await h.signInMember(person.login, person.password)).length).toBeGreaterThan(20);
  });

  it('"Administratoren erstellen alle neuen Mitgliedskonten (Keine Einladungen per E-Mail zulässig)": no registration, invitation or request', async () => {
    await h.setPolicy((p) => ({ ...p, membership: { mode: 'admins_only', inviters: 'members', registrationCode: null }, password: { ...p.password, neverSendByEmail: false } }));
    const register = await h.as('anonymous', 'POST', '/registrations', newcomer());
    expect(register.status).toBe(403);
    expect(register.json()).toMatchObject({ code: 'registration_closed' });
    for (const caller of ['member', 'admin_member'] as const) {
      expect((await h.as(caller, 'POST', '/invitations', { email: 'gast@example.com' })).status, caller).toBe(403);
    }
    expect((await h.as('anonymous', 'POST', '/invitation-requests', { email: 'gast@example.com' })).status).toBe(403);
  });

  it('"Mitglieder können nur auf Einladung beitreten (Registrierungscode ist erforderlich)": the registration code and an invitation', async () => {
    await h.setPolicy(invitationMode('members'));
    const person = newcomer();
    expect((await h.as('anonymous', 'POST', '/registrations', person)).json()).toMatchObject({ code: 'invalid_registration_code' });
    const invited = await h.as('member', 'POST', '/invitations', { email: person.email });
    expect(invited.status).toBe(201);
    const invitationCode = invited.json<{ code: string }>().code;
    const wrongCode = await h.as('anonymous', 'POST', '/registrations', { ...person, invitationCode, registrationCode: 'Falsch-2026' });
    expect(wrongCode.status).toBe(403);
    const joined = await h.as('anonymous', 'POST', '/registrations', { ...person, invitationCode, registrationCode: REGISTRATION_CODE });
    expect(joined.status).toBe(201);
    // "Der Registrierungscode wird benötigt, wenn Benutzer auf eine Einladung hin beitreten." A changed code governs the next join.
    await h.setPolicy((p) => ({ ...p, membership: { ...p.membership, registrationCode: 'Neuer-Code-2026' } }));
    const other = newcomer();
    const code2 = (await h.as('member', 'POST', '/invitations', { email: other.email })).json<{ code: string }>().code;
    expect((await h.as('anonymous', 'POST', '/registrations', { ...other, invitationCode: code2, registrationCode: REGISTRATION_CODE })).status).toBe(403);
    expect((await h.as('anonymous', 'POST', '/registrations', { ...other, invitationCode: code2, registrationCode: 'Neuer-Code-2026' })).status).toBe(201);
  });
});

describe('who may invite', () => {
  const invite = (caller: TestCaller | 'admin_member') => h.as(caller, 'POST', '/invitations', { email: `eingeladen.${++serial}@example.com` });
  const ask = () => h.as('anonymous', 'POST', '/invitation-requests', { email: `anfrage.${++serial}@example.com`, message: 'Bitte' });

  it('"Mitglieder können Einladungen senden": members invite; no session and an admin-API session do not; nobody asks', async () => {
    await h.setPolicy(invitationMode('members'));
    expect((await invite('member')).status).toBe(201);
    expect((await invite('anonymous')).status).toBe(403);
    expect((await invite('admin_session')).status).toBe(403);
    expect((await ask()).status).toBe(403);
  });

  it('"Nur Administratoren können Einladungen senden": a member is refused, an administrator is not', async () => {
    await h.setPolicy(invitationMode('admins'));
    const refused = await invite('member');
    expect(refused.status).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'invitations_not_for_members' });
    expect((await invite('admin_member')).status).toBe(201);
    expect((await ask()).status).toBe(403);
  });

  it('"Jeder kann eine Einladung anfordern": anyone asks, an administrator grants in the console, members do not invite', async () => {
    await h.setPolicy(invitationMode('anyone'));
    expect((await invite('member')).status).toBe(403);
    const email = `anfrage.${++serial}@example.com`;
    expect((await h.as('anonymous', 'POST', '/invitation-requests', { email })).status).toBe(202);
    const waiting = (await h.shared.api('GET', '/invitation-requests')).json<{ items: Array<{ id: string; email: string; etag: string }> }>().items;
    const request = waiting.find((item) => item.email === email)!;
    const granted = await h.shared.api('POST', `/invitation-requests/${request.id}/grant`, { ifMatch: request.etag });
    expect(granted.status).toBe(201);
    const person = { ...newcomer(), email };
    const joined = await h.as('anonymous', 'POST', '/registrations', { ...person, invitationCode: granted.json<{ code: string }>().code, registrationCode: REGISTRATION_CODE });
    expect(joined.status).toBe(201);
  });
});

describe('never send passwords by e-mail', () => {
  // "Kennwörter dürfen unter keinen Umständen per E-Mail gesendet werden (Hiermit deaktivieren Sie die Funktionen
  // "Einladung senden" und "Passwort vergessen".)"
  it('switches off member invitations and "forgot password"; switched off again, both work', async () => {
    for (const never of [true, false, true]) {
      await h.setPolicy(invitationMode('members', never));
      const invited = await h.as('member', 'POST', '/invitations', { email: `mail.${++serial}@example.com` });
      const forgot = await h.as('anonymous', 'POST', '/password-resets', { login: 'mitglied.test' });
      expect(invited.status, `never=${never}`).toBe(never ? 403 : 201);
      expect(forgot.status, `never=${never}`).toBe(never ? 403 : 202);
      if (never) expect(forgot.json()).toMatchObject({ code: 'password_mails_disabled' });
      expect((await h.as('member', 'GET', '/access')).json<MemberAccess>()).toMatchObject({ passwordMailsAllowed: !never, canInvite: !never });
    }
  });
});

describe('password rules at registration', () => {
  const open = (password: Partial<SecurityPolicy['password']>) => (p: SecurityPolicy): SecurityPolicy => ({
    ...p,
    membership: { mode: 'open', inviters: 'admins', registrationCode: null },
    password: { ...p.password, ...password },
  });

  it('"Kennwörter müssen aus mindestens Zeichen bestehen": the minimum length the administrator sets', async () => {
    await h.setPolicy(open({ minLength: 14 }));
    const short = await h.as('anonymous', 'POST', '/registrations', newcomer('Kurz-Pass-26!'));
    expect(short.status).toBe(400);
    await h.setPolicy(open({ minLength: 8 }));
    expect((await h.as('anonymous', 'POST', '/registrations', newcomer('Kurz-Pass-26!'))).status).toBe(201);
  });

  it('"Kennwörter müssen Anforderungen an die Komplexität erfüllen" (Groß- und Kleinbuchstaben, Zahlen und Sonderzeichen)', async () => {
    await h.setPolicy(open({ requireComplexity: true }));
    expect((await h.as('anonymous', 'POST', '/registrations', newcomer('Blauer Himmel ueber Stuttgart'))).status).toBe(400);
    await h.setPolicy(open({ requireComplexity: false }));
    expect((await h.as('anonymous', 'POST', '/registrations', newcomer('Blauer Himmel ueber Stuttgart'))).status).toBe(201);
  });
});

describe('remember me', () => {
  // "Option "Anmeldedaten speichern" auf der Anmeldeseite deaktivieren"
  it('a remembered member session only while the policy allows it', async () => {
    for (const disabled of [false, true, false]) {
      await h.setPolicy((p) => ({ ...p, disableRememberMe: disabled }));
      const response = await h.as('anonymous', 'POST', '/sessions', { login: 'mitglied.test', password: 'Mitglied-Test-2026!', remember: true });
      expect(response.status).toBe(201);
      expect(response.json<{ remembered: boolean }>().remembered, `disabled=${disabled}`).toBe(!disabled);
    }
  });
});
