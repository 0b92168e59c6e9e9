import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Invitation, InvitationCreated, InvitationPage } from '../../common/portal-api/invitations';
import type { SecurityPolicy } from '../../common/portal-api/security-policy';
import { auditLog, invitations } from '../db/schema';
import { sharedSignedInPortal } from '../test-support';

const DAY_MS = 24 * 60 * 60 * 1000;
let clock = new Date('2026-03-02T09:00:00Z');
const shared = sharedSignedInPortal({ now: () => clock });
const { api } = shared;

async function setMode(mode: SecurityPolicy['membership']['mode']): Promise<void> {
  const current = await api('GET', '/security-policy');
  const policy = current.json<SecurityPolicy>();
  const saved = await api('PUT', '/security-policy', {
    body: { ...policy, membership: { ...policy.membership, mode, registrationCode: null } },
    ifMatch: String(current.headers.etag),
  });
  expect(saved.status).toBe(200);
}

async function invite(email: string, displayName?: string): Promise<InvitationCreated> {
  const response = await api('POST', '/invitations', { body: { email, ...(displayName === undefined ? {} : { displayName }) } });
  expect(response.status).toBe(201);
  expect(response.headers.etag).toBe(response.json<InvitationCreated>().invitation.etag);
  return response.json<InvitationCreated>();
}

let serial = 0;
function register(email: string, invitationCode?: string) {
  serial += 1;
  const body = { login: `gast.${serial}`, displayName: `Gast ${serial}`, email, password: 'Sternwarte-Zugang-99', ...(invitationCode === undefined ? {} : { invitationCode }) };
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
