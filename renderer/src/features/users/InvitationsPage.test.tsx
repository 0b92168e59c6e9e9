// @vitest-environment jsdom
import '../../test/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CallResult } from '../../../../common/contract';
import type { Invitation, InvitationRequest } from '../../../../common/portal-api/invitations';
import { defaultSecurityPolicy, type SecurityPolicy } from '../../../../common/portal-api/security-policy';
import { setConsoleTransport } from '../../lib/console-client';
import { i18n } from '../../lib/i18n';
import { renderWithProviders } from '../../test/render';
import { InvitationsPage } from './InvitationsPage';

const ok = (value: unknown): CallResult => ({ ok: true, value });
const open: Invitation = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'anna@kunde.de',
  displayName: 'Anna',
  invitedByLogin: 'admin',
  createdAt: '2026-03-02T09:00:00.000Z',
  expiresAt: '2026-03-16T09:00:00.000Z',
  acceptedAt: null,
  revokedAt: null,
  status: 'open',
  etag: '"inv.v1"',
};

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

/** Invitation mode with its registration code; passwords (and so invitations) may be sent by e-mail. */
function invitationPolicy(inviters: SecurityPolicy['membership']['inviters'], neverSendByEmail = false): SecurityPolicy {
  return {
    ...defaultSecurityPolicy,
    membership: { mode: 'invitation', inviters, registrationCode: 'Sommer-2026' },
    password: { ...defaultSecurityPolicy.password, neverSendByEmail },
  };
}

function fakeConsole(handlers: Record<string, (request: unknown) => CallResult>) {
  const calls: { channel: string; request: unknown }[] = [];
  setConsoleTransport({
    call: async (channel, request) => {
      calls.push({ channel, request });
      return handlers[channel]?.(request) ?? { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };
    },
  });
  return calls;
}

describe('InvitationsPage and the policy', () => {
  it.each<[string, SecurityPolicy, RegExp]>([
    // "Kennwörter dürfen unter keinen Umständen per E-Mail gesendet werden (Hiermit deaktivieren Sie die Funktionen "Einladung senden" ...)"
    ['never send passwords by e-mail', invitationPolicy('admins', true), /never sends passwords by e-mail/],
    // "Administratoren erstellen alle neuen Mitgliedskonten (Keine Einladungen per E-Mail zulässig)"
    ['administrators create all accounts', defaultSecurityPolicy, /administrators create all new member accounts/],
  ])('switches inviting off and says why: %s', async (_name, policy, why) => {
    fakeConsole({
      'securityPolicy:get': () => ok({ etag: '"v1"', value: policy }),
      'users:invitations': () => ok({ items: [], nextCursor: null }),
    });
    renderWithProviders(<InvitationsPage />);
    expect((await screen.findByTestId('invitations-blocked')).textContent).toMatch(why);
    expect((screen.getByTestId('invite-submit') as HTMLButtonElement).disabled).toBe(true);
  });

  // "Jeder kann eine Einladung anfordern": administrators grant or refuse in the console.
  it('lists the requests when anyone may ask; grant shows the new code once, refuse asks first; both send If-Match', async () => {
    const waiting: InvitationRequest = {
      id: '00000000-0000-4000-8000-0000000000a1',
      email: 'jana@kunde.de',
      displayName: 'Jana',
      message: 'Vertrieb Süd',
      createdAt: '2026-03-02T08:00:00.000Z',
      status: 'waiting',
      decidedAt: null,
      decidedByLogin: null,
      invitationId: null,
      etag: '"req.v1"',
    };
    const other = { ...waiting, id: '00000000-0000-4000-8000-0000000000a2', email: 'karl@kunde.de', etag: '"req.v7"' };
    const calls = fakeConsole({
      'securityPolicy:get': () => ok({ etag: '"v1"', value: invitationPolicy('anyone') }),
      'users:invitations': () => ok({ items: [], nextCursor: null }),
      'users:invitationRequests': () => ok({ items: [waiting, other], nextCursor: null }),
      'users:grantInvitationRequest': () =>
        ok({ request: { ...waiting, status: 'granted', etag: '"req.v2"' }, invitation: { ...open, email: 'jana@kunde.de' }, code: 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345' }),
      'users:refuseInvitationRequest': () => ok({ ...other, status: 'refused', etag: '"req.v8"' }),
    });
    renderWithProviders(<InvitationsPage />);
    const row = await screen.findByTestId('invitation-request-jana@kunde.de');
    expect(row.textContent).toContain('Vertrieb Süd');
    fireEvent.click(within(row).getByRole('button', { name: 'Grant' }));
    expect((await screen.findByTestId('invitation-code-value')).textContent).toBe('ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345');
    expect(calls.find((call) => call.channel === 'users:grantInvitationRequest')?.request).toEqual({ id: waiting.id, ifMatch: '"req.v1"' });
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));

    fireEvent.click(within(await screen.findByTestId('invitation-request-karl@kunde.de')).getByRole('button', { name: 'Refuse' }));
    fireEvent.click(await screen.findByTestId('refuse-confirm'));
    await waitFor(() => expect(calls.find((call) => call.channel === 'users:refuseInvitationRequest')?.request).toEqual({ id: other.id, ifMatch: '"req.v7"' }));
  });

  it('on 412 shows both versions of the request and grants the current one on request while it still waits', async () => {
    const waiting: InvitationRequest = {
      id: '00000000-0000-4000-8000-0000000000b1',
      email: 'otto@kunde.de',
      displayName: null,
      message: null,
      createdAt: '2026-03-02T08:00:00.000Z',
      status: 'waiting',
      decidedAt: null,
      decidedByLogin: null,
      invitationId: null,
      etag: '"req.v1"',
    };
    const renamed = { ...waiting, displayName: 'Otto', etag: '"req.v2"' };
    const answers: CallResult[] = [
      { ok: false, error: { code: 'PRECONDITION_FAILED', message: 'changed', details: { status: 412, current: renamed, currentEtag: renamed.etag } } },
      ok({ request: { ...renamed, status: 'granted', etag: '"req.v3"' }, invitation: { ...open, email: 'otto@kunde.de' }, code: 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345' }),
    ];
    const calls = fakeConsole({
      'securityPolicy:get': () => ok({ etag: '"v1"', value: invitationPolicy('anyone') }),
      'users:invitations': () => ok({ items: [], nextCursor: null }),
      'users:invitationRequests': () => ok({ items: [waiting], nextCursor: null }),
      'users:grantInvitationRequest': () => answers.shift() ?? { ok: false, error: { code: 'INTERNAL', message: 'no answer left' } },
    });
    renderWithProviders(<InvitationsPage />);
    fireEvent.click(within(await screen.findByTestId('invitation-request-otto@kunde.de')).getByRole('button', { name: 'Grant' }));
    const dialog = await screen.findByTestId('conflict-dialog');
    expect(within(dialog).getByText('The request changed in the meantime')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Grant it as it is now' }));
    expect((await screen.findByTestId('invitation-code-value')).textContent).toBe('ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345');
    expect(calls.filter((call) => call.channel === 'users:grantInvitationRequest').map((call) => call.request)).toEqual([
      { id: waiting.id, ifMatch: '"req.v1"' },
      { id: waiting.id, ifMatch: '"req.v2"' },
    ]);
  });

  it('shows no request list unless anyone may ask', async () => {
    const calls = fakeConsole({
      'securityPolicy:get': () => ok({ etag: '"v1"', value: invitationPolicy('admins') }),
      'users:invitations': () => ok({ items: [], nextCursor: null }),
    });
    renderWithProviders(<InvitationsPage />);
    await screen.findByTestId('invitations-policy-note');
    expect(screen.queryByTestId('invitation-requests')).toBeNull();
    expect(calls.some((call) => call.channel === 'users:invitationRequests')).toBe(false);
  });
});

describe('InvitationsPage', () => {
  it('invites, shows the code once, and revokes with the etag after confirmation', async () => {
    const calls: { channel: string; request: unknown }[] = [];
    const policy = invitationPolicy('members');
    const handlers: Record<string, () => CallResult> = {
      'securityPolicy:get': () => ok({ etag: '"v1"', value: policy }),
      'users:invitations': () => ok({ items: [open], nextCursor: null }),
      'users:invite': () => ok({ invitation: open, code: 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345' }),
      'users:revokeInvitation': () => ok({ ...open, status: 'revoked', etag: '"inv.v2"' }),
    };
    setConsoleTransport({
      call: async (channel, request) => {
        calls.push({ channel, request });
        return handlers[channel]?.() ?? { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };
      },
    });
    renderWithProviders(<InvitationsPage />);
    expect(await screen.findByText(/accepts invitations from administrators only/)).toBeTruthy();
    expect(await screen.findByText('anna@kunde.de')).toBeTruthy();

    fireEvent.change(screen.getByTestId('invite-email'), { target: { value: 'anna@kunde.de' } });
    fireEvent.click(screen.getByTestId('invite-submit'));
    expect((await screen.findByTestId('invitation-code-value')).textContent).toBe('ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345');
    expect(calls.find((call) => call.channel === 'users:invite')?.request).toEqual({ email: 'anna@kunde.de', displayName: null });
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByTestId('invitation-code')).toBeNull());

    fireEvent.click(screen.getByRole('button', { name: 'Revoke' }));
    fireEvent.click(await screen.findByTestId('revoke-confirm'));
    await waitFor(() => expect(calls.find((call) => call.channel === 'users:revokeInvitation')?.request).toEqual({ id: open.id, ifMatch: '"inv.v1"' }));
  });

  describe('when someone changed the invitation first (412)', () => {
    function renderWithRevokeAnswers(answers: CallResult[]) {
      const revokes: unknown[] = [];
      setConsoleTransport({
        call: async (channel, request) => {
          if (channel === 'securityPolicy:get') return ok({ etag: '"v1"', value: invitationPolicy('admins') });
          if (channel === 'users:invitations') return ok({ items: [open], nextCursor: null });
          if (channel === 'users:revokeInvitation') {
            revokes.push(request);
            return answers.shift() ?? { ok: false, error: { code: 'INTERNAL', message: 'no answer left' } };
          }
          return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };
        },
      });
      renderWithProviders(<InvitationsPage />);
      return revokes;
    }
    const changed = (current: Invitation): CallResult => ({
      ok: false,
      error: { code: 'PRECONDITION_FAILED', message: 'changed', details: { status: 412, current, currentEtag: current.etag } },
    });

    async function confirmRevoke() {
      fireEvent.click(await screen.findByRole('button', { name: 'Revoke' }));
      fireEvent.click(await screen.findByTestId('revoke-confirm'));
      return screen.findByTestId('conflict-dialog');
    }

    it('shows both versions and offers no revoke once the invitation was accepted', async () => {
      const accepted: Invitation = { ...open, status: 'accepted', acceptedAt: '2026-03-03T10:00:00.000Z', etag: '"inv.v2"' };
      const revokes = renderWithRevokeAnswers([changed(accepted)]);
      const dialog = await confirmRevoke();
      expect(within(dialog).getByText('The invitation changed in the meantime')).toBeTruthy();
      expect(within(dialog).getByTestId('conflict-row-status').dataset.differs).toBe('true');
      expect(within(dialog).getByTestId('conflict-row-status').textContent).toContain('Accepted');
      expect(within(dialog).queryByRole('button', { name: 'Revoke it as it is now' })).toBeNull();
      fireEvent.click(within(dialog).getByRole('button', { name: 'Leave it as it is' }));
      await waitFor(() => expect(screen.queryByTestId('conflict-dialog')).toBeNull());
      expect(revokes).toHaveLength(1);
    });

    it('revokes the current version on request while it is still open', async () => {
      const extended: Invitation = { ...open, expiresAt: '2026-03-20T09:00:00.000Z', etag: '"inv.v2"' };
      const revokes = renderWithRevokeAnswers([changed(extended), ok({ ...extended, status: 'revoked', etag: '"inv.v3"' })]);
      const dialog = await confirmRevoke();
      expect(within(dialog).getByTestId('conflict-row-expiresAt').dataset.differs).toBe('true');
      fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke it as it is now' }));
      await waitFor(() => expect(revokes).toEqual([{ id: open.id, ifMatch: '"inv.v1"' }, { id: open.id, ifMatch: '"inv.v2"' }]));
    });
  });
});
