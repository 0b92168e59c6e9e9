// @vitest-environment jsdom
import '../test/setup-dom';
import { fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CallResult } from '../../../common/contract';
import { ConnectPage } from '../features/connect/ConnectPage';
import { renderWithProviders } from '../test/render';
import { setConsoleTransport } from './console-client';
import { i18n } from './i18n';
import { useSignOut } from './session';
import { useUiStore } from './ui-store';

function SignOutButton() {
  const signOut = useSignOut();
  return (
    <>
      <button type="button" onClick={() => signOut.mutate()}>
        sign out
      </button>
      {signOut.isSuccess && <span>signed out</span>}
    </>
  );
}

function fakeBackend(signOut: CallResult) {
  setConsoleTransport({
    call: async (channel) => {
      if (channel === 'session:signOut') return signOut;
      if (channel === 'profiles:list') return { ok: true, value: [] };
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };
    },
  });
}

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

beforeEach(() => {
  useUiStore.setState({ connectProfileId: null, connectNotice: null });
});

afterEach(() => setConsoleTransport(null));

describe('signing out', () => {
  it('says on the connect screen when the portal session could not be revoked', async () => {
    fakeBackend({
      ok: false,
      error: { code: 'UNREACHABLE', message: 'Signed out here, but the portal session could not be revoked', details: { reason: 'session_not_revoked' } },
    });
    renderWithProviders(
      <>
        <SignOutButton />
        <ConnectPage />
      </>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'sign out' }));
    const notice = await screen.findByTestId('connect-notice');
    expect(notice.textContent).toContain('Signed out here, but the portal session could not be revoked; it stays valid on the portal until it expires.');
    expect(notice.querySelector('[data-error-code="UNREACHABLE"]')).not.toBeNull();
  });

  it('shows no notice when the portal revoked the session', async () => {
    fakeBackend({ ok: true, value: { ok: true } });
    renderWithProviders(
      <>
        <SignOutButton />
        <ConnectPage />
      </>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'sign out' }));
    // Settled: had it failed, the notice would be set by now (onError runs before the result is shown).
    await screen.findByText('signed out');
    expect(useUiStore.getState().connectNotice).toBeNull();
    expect(screen.queryByTestId('connect-notice')).toBeNull();
  });
});
