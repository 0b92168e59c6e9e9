import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { detectPreset } from '../../common/domain/password-policy';
import type { Invitation, InvitationCreated, InvitationPage, InvitationRequest, InvitationRequestGranted, InvitationRequestPage } from '../../common/portal-api/invitations';
import type { SecurityPolicy } from '../../common/portal-api/security-policy';
import { auditLog, invitations, securityPolicy } from '../db/schema';
import { sharedSignedInPortal } from '../test-support';

const DAY_MS = 24 * 60 * 60 * 1000;
let clock = new Date('2026-03-02T09:00:00Z');
const shared = sharedSignedInPortal({ now: () => clock });
const { api } = shared;

const REGISTRATION_CODE = 'Sommer-2026';

/** The membership mode (with the registration code invitation mode needs); passwords may be sent unless said otherwise. */
async function setMode(
  mode: SecurityPolicy['membership']['mode'],
  { inviters = 'admins', neverSendByEmail = false }: { inviters?: SecurityPolicy['membership']['inviters']; neverSendByEmail?: boolean } = {},
): Promise<void> {
  const current = await api('GET', '/security-policy');
  const policy = current.json<SecurityPolicy>();
  const next: SecurityPolicy = {
    ...policy,
    membership: { mode, inviters, registrationCode: mode === 'invitation' ? REGISTRATION_CODE : null },
    password: { ...policy.password, neverSendByEmail },
  };
  const saved = await api('PUT', '/security-policy', { body: { ...next, preset: detectPreset(next) }, ifMatch: String(current.headers.etag) });
  expect(saved.status, saved.text).toBe(200);
}

async function invite(email: string, displayName?: string): Promise<InvitationCreated> {
  const response = await api('POST', '/invitations', { body: { email, ...(displayName === undefined ? {} : { displayName }) } });
  expect(response.status).toBe(201);
  expect(response.headers.etag).toBe(response.json<InvitationCreated>().invitation.etag);
  return response.json<InvitationCreated>();
}

let serial = 0;
function register(email: string, invitationCode?: string, registrationCode: string | null = REGISTRATION_CODE) {
  serial += 1;
  const body = {
    login: `gast.${serial}`,
    displayName: `Gast ${serial}`,
    email,
    password: 'Sternwarte-Zugang-99',
    ...(invitationCode === undefined ? {} : { invitationCode }),
    ...(registrationCode === null ? {} : { registrationCode }),
  };
  return shared.portal.request('POST', '/api/v1/registrations', { body });
}

const statusOf = async (id: string) => (await api('GET', `/invitations/${id}`)).json<Invitation>().status;

beforeEach(async () => {
  clock = new Date('2026-03-02T09:00:00Z');
  await setMode('invitation');
});

describe('invitations', () => {
  it('creates an invitation whose code registers the invited e-mail once, then is spent', async () => {
    const { invitation, code } = await invite('anna@kunde.de', 'Anna Kunde');
    expect(invitation).toMatchObject({ email: 'anna@kunde.de', displayName: 'Anna Kunde', status: 'open', invitedByLogin: 'admin' });
    expect(Date.parse(invitation.expiresAt) - Date.parse(invitation.createdAt)).toBe(14 * DAY_MS);
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){6}$/);

    const created = await register('Anna@Kunde.de', code.toLowerCase());
    expect(created.status).toBe(201);
    expect(await statusOf(invitation.id)).toBe('accepted');
    const again = await register('anna@kunde.de', code);
    expect(again.json()).toMatchObject({ status: 403, code: 'invitation_used' });

    const audit = await shared.portal.portal.db.select().from(auditLog).where(and(eq(auditLog.targetType, 'invitation'), eq(auditLog.targetId, invitation.id)));
    expect(audit.map((entry) => entry.action).sort()).toEqual(['invitation.accept', 'invitation.create']);
    expect(JSON.stringify(audit)).not.toContain(code);
  });

  it('refuses a missing, unknown, expired or revoked code and another e-mail', async () => {
    expect((await register('x@kunde.de')).json()).toMatchObject({ status: 403, code: 'invitation_required' });
    expect((await register('x@kunde.de', 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG')).json()).toMatchObject({ code: 'invalid_invitation' });

    const wrongMail = await invite('berta@kunde.de');
    expect((await register('bert@kunde.de', wrongMail.code)).json()).toMatchObject({ code: 'invitation_email_mismatch' });
    expect(await statusOf(wrongMail.invitation.id)).toBe('open');

    const late = await invite('carl@kunde.de');
    // Fourteen days on would also end the admin's session: age the invitation instead.
    await shared.portal.portal.db.update(invitations).set({ expiresAt: clock }).where(eq(invitations.id, late.invitation.id));
    expect(await statusOf(late.invitation.id)).toBe('expired');
    expect((await register('carl@kunde.de', late.code)).json()).toMatchObject({ code: 'invitation_expired' });
  });

  it('revokes with If-Match only (428 without, 412 when stale, 409 twice), and a revoked code is refused', async () => {
    const { invitation, code } = await invite('dora@kunde.de');
    expect((await api('POST', `/invitations/${invitation.id}/revoke`)).status).toBe(428);
    expect((await api('POST', `/invitations/${invitation.id}/revoke`, { ifMatch: '"stale.v9"' })).json()).toMatchObject({ status: 412, currentEtag: invitation.etag });
    const revoked = await api('POST', `/invitations/${invitation.id}/revoke`, { ifMatch: invitation.etag });
    expect(revoked.json<Invitation>()).toMatchObject({ status: 'revoked' });
    expect(revoked.headers.etag).not.toBe(invitation.etag);
    expect((await api('POST', `/invitations/${invitation.id}/revoke`, { ifMatch: String(revoked.headers.etag) })).json()).toMatchObject({ status: 409, code: 'invitation_revoked' });
    expect((await register('dora@kunde.de', code)).json()).toMatchObject({ status: 403, code: 'invitation_revoked' });
    const [entry] = await shared.portal.portal.db.select().from(auditLog).where(and(eq(auditLog.action, 'invitation.revoke'), eq(auditLog.targetId, invitation.id)));
    expect(entry).toMatchObject({ before: { status: 'open' }, after: { status: 'revoked' } });
  });

  // Security sheet: "Mitglieder können nur auf Einladung beitreten (Registrierungscode ist erforderlich)" and
  // "Der Registrierungscode wird benötigt, wenn Benutzer auf eine Einladung hin beitreten."
  it('asks an invitee for the registration code as well: missing or wrong is refused and the invitation stays open', async () => {
    const { invitation, code } = await invite('gerd@kunde.de');
    expect((await register('gerd@kunde.de', code, null)).json()).toMatchObject({ status: 403, code: 'invalid_registration_code' });
    expect((await register('gerd@kunde.de', code, 'Winter-2026')).json()).toMatchObject({ status: 403, code: 'invalid_registration_code' });
    expect(await statusOf(invitation.id)).toBe('open');
    expect((await register('gerd@kunde.de', code)).status).toBe(201);
  });

  it('refuses invitees while a policy stored before this rule has invitation mode but no registration code', async () => {
    const { code } = await invite('nora@kunde.de');
    const current = (await api('GET', '/security-policy')).json<SecurityPolicy>();
    const legacy = { ...current, membership: { ...current.membership, registrationCode: null } };
    await shared.portal.portal.db.update(securityPolicy).set({ document: legacy }).where(eq(securityPolicy.id, 1));
    expect((await register('nora@kunde.de', code, null)).json()).toMatchObject({ status: 403, code: 'registration_code_not_set' });
  });

  it('refuses invitations while the policy switches them off, with a code naming the setting (409)', async () => {
    // "Kennwörter dürfen unter keinen Umständen per E-Mail gesendet werden (Hiermit deaktivieren Sie die Funktionen
    // "Einladung senden" und "Passwort vergessen".)"
    await setMode('invitation', { neverSendByEmail: true });
    expect((await api('POST', '/invitations', { body: { email: 'h@kunde.de' } })).json()).toMatchObject({ status: 409, code: 'invitations_never_send_passwords' });
    // "Administratoren erstellen alle neuen Mitgliedskonten (Keine Einladungen per E-Mail zulässig)"
    await setMode('admins_only');
    expect((await api('POST', '/invitations', { body: { email: 'h@kunde.de' } })).json()).toMatchObject({ status: 409, code: 'invitations_admins_only' });
    await setMode('open');
    expect((await api('POST', '/invitations', { body: { email: 'h@kunde.de' } })).json()).toMatchObject({ status: 409, code: 'invitations_open_mode' });
  });

  it('refuses registration in admins-only mode even with a valid code', async () => {
    const { invitation, code } = await invite('emil@kunde.de');
    await setMode('admins_only');
    expect((await register('emil@kunde.de', code)).json()).toMatchObject({ status: 403, code: 'registration_closed' });
    expect(await statusOf(invitation.id)).toBe('open');
  });

  it('lists newest first, server-paged, with status; members cannot reach it', async () => {
    // Later than every invitation the other tests made (they all share the reset clock).
    clock = new Date(clock.getTime() + 60_000);
    await invite('f1@kunde.de');
    clock = new Date(clock.getTime() + 1000);
    await invite('f2@kunde.de');
    const first = (await api('GET', '/invitations?limit=1')).json<InvitationPage>();
    expect(first.items.map((item) => item.email)).toEqual(['f2@kunde.de']);
    const second = (await api('GET', `/invitations?limit=1&cursor=${first.nextCursor ?? ''}`)).json<InvitationPage>();
    expect(second.items.map((item) => item.email)).toEqual(['f1@kunde.de']);
    expect((await api('GET', '/invitations?cursor=nonsense')).json()).toMatchObject({ status: 400, code: 'invalid_cursor' });

    await shared.portal.addUser({ login: 'nur.mitglied', password: 'Mitglied-Passwort-1' });
    const member = await shared.portal.request('POST', '/api/v1/sessions', { body: { login: 'nur.mitglied', password: 'Mitglied-Passwort-1' } });
    expect(member.json()).toMatchObject({ status: 403, code: 'not_admin' });
  });
});

describe('requests for an invitation', () => {
  const ask = (email: string, message?: string) => shared.portal.request('POST', '/api/v1/invitation-requests', { body: { email, displayName: 'Ida Anfrage', ...(message === undefined ? {} : { message }) } });
  const requestsFor = async (email: string) => (await api('GET', '/invitation-requests?limit=100')).json<InvitationRequestPage>().items.filter((item) => item.email === email);

  // Security sheet: "Jeder kann eine Einladung anfordern" (one of the three answers to who may invite).
  it('takes requests only while anyone may ask', async () => {
    for (const inviters of ['admins', 'members'] as const) {
      await setMode('invitation', { inviters });
      expect((await ask('ida@kunde.de')).json()).toMatchObject({ status: 403, code: 'invitation_requests_closed' });
    }
    await setMode('open', { inviters: 'anyone' });
    expect((await ask('ida@kunde.de')).json()).toMatchObject({ status: 403, code: 'invitation_requests_closed' });
    expect(await requestsFor('ida@kunde.de')).toEqual([]);
  });

  it('lets anyone ask once per address; an administrator grants it with If-Match, and the invitee registers', async () => {
    await setMode('invitation', { inviters: 'anyone' });
    const asked = await ask('jana@kunde.de', 'Ich arbeite im Vertrieb.');
    expect(asked.status).toBe(202);
    expect(asked.json()).toEqual({ received: true });
    expect((await ask('JANA@kunde.de')).json()).toEqual({ received: true });
    const [waiting] = await requestsFor('jana@kunde.de');
    expect(waiting).toMatchObject({ status: 'waiting', message: 'Ich arbeite im Vertrieb.', displayName: 'Ida Anfrage' });
    expect(await requestsFor('JANA@kunde.de')).toEqual([]);
    const id = (waiting as InvitationRequest).id;

    expect((await api('POST', `/invitation-requests/${id}/grant`)).status).toBe(428);
    expect((await api('POST', `/invitation-requests/${id}/grant`, { ifMatch: '"stale.v9"' })).status).toBe(412);
    const granted = await api('POST', `/invitation-requests/${id}/grant`, { ifMatch: (waiting as InvitationRequest).etag });
    expect(granted.status).toBe(201);
    const body = granted.json<InvitationRequestGranted>();
    expect(body.request).toMatchObject({ status: 'granted', decidedByLogin: 'admin', invitationId: body.invitation.id });
    expect(body.invitation).toMatchObject({ email: 'jana@kunde.de', status: 'open' });
    expect((await api('POST', `/invitation-requests/${id}/refuse`, { ifMatch: body.request.etag })).json()).toMatchObject({ status: 409, code: 'invitation_request_granted' });
    expect((await register('jana@kunde.de', body.code)).status).toBe(201);

    const audit = await shared.portal.portal.db.select().from(auditLog).where(eq(auditLog.targetId, id));
    expect(audit.map((entry) => entry.action).sort()).toEqual(['invitation_request.create', 'invitation_request.grant']);
    expect(JSON.stringify(audit)).not.toContain(body.code);
  });

  it('refuses a request with If-Match and audit; the address may ask again', async () => {
    await setMode('invitation', { inviters: 'anyone' });
    await ask('karl@kunde.de');
    const [waiting] = await requestsFor('karl@kunde.de');
    const refused = await api('POST', `/invitation-requests/${(waiting as InvitationRequest).id}/refuse`, { ifMatch: (waiting as InvitationRequest).etag });
    expect(refused.json<InvitationRequest>()).toMatchObject({ status: 'refused', decidedByLogin: 'admin', invitationId: null });
    await ask('karl@kunde.de');
    expect((await requestsFor('karl@kunde.de')).map((item) => item.status).sort()).toEqual(['refused', 'waiting']);
    const [entry] = await shared.portal.portal.db.select().from(auditLog).where(and(eq(auditLog.action, 'invitation_request.refuse'), eq(auditLog.targetId, (waiting as InvitationRequest).id)));
    expect(entry).toMatchObject({ actorLogin: 'admin', before: { status: 'waiting' }, after: { status: 'refused' } });
  });

  it('grants nothing while passwords may never be sent by e-mail (409), and the request keeps waiting', async () => {
    await setMode('invitation', { inviters: 'anyone' });
    await ask('lena@kunde.de');
    await setMode('invitation', { inviters: 'anyone', neverSendByEmail: true });
    const [waiting] = await requestsFor('lena@kunde.de');
    const refused = await api('POST', `/invitation-requests/${(waiting as InvitationRequest).id}/grant`, { ifMatch: (waiting as InvitationRequest).etag });
    expect(refused.json()).toMatchObject({ status: 409, code: 'invitations_never_send_passwords' });
    expect(await requestsFor('lena@kunde.de')).toMatchObject([{ status: 'waiting' }]);
  });
});
