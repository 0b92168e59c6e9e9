// @vitest-environment jsdom
import '../../test/setup-dom';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CallResult } from '../../../../common/contract';
import type { Invitation } from '../../../../common/portal-api/invitations';
import { defaultSecurityPolicy } from '../../../../common/portal-api/security-policy';
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

describe('InvitationsPage', () => {
  it('invites, shows the code once, and revokes with the etag after confirmation', async () => {
    const calls: { channel: string; request: unknown }[] = [];
    const policy = { ...defaultSecurityPolicy, membership: { mode: 'invitation' as const, inviters: 'members' as const, registrationCode: null } };
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
});
