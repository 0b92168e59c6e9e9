// @vitest-environment jsdom
import '../test/setup-dom';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EMBEDDED_PROFILE_DEFAULT_NAME, EMBEDDED_PROFILE_ID, type CallResult, type SessionState } from '../../../common/contract';
import { setConsoleTransport } from '../lib/console-client';
import { i18n } from '../lib/i18n';
import { useUiStore } from '../lib/ui-store';
import { testQueryClient } from '../test/render';
import { App } from './App';
import { preloadOverview } from './nav';
import { Providers } from './Providers';

const session: SessionState = {
  profileId: 'p1',
  profileName: 'Intranet',
  environment: 'prod',
  portal: { name: 'Intranet Nord', version: '12.4.1', track: 'steady', environment: 'prod', timeZone: 'Europe/Berlin', supportPackage: 'premium' },
  user: { id: 'u1', login: 'admin', displayName: 'Ada Admin', isAdmin: true, mustChangePassword: false },
  expiresAt: new Date(Date.now() + 2 * 3_600_000).toISOString(),
  rememberMeAllowed: true,
};

const ok = (value: unknown): CallResult => ({ ok: true, value });

function fakeBackend(handlers: Record<string, () => CallResult | Promise<CallResult>>) {
  const calls: string[] = [];
  setConsoleTransport({
    call: async (channel) => {
      calls.push(channel);
      const handler = handlers[channel];
      return handler ? handler() : { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };
    },
  });
  return calls;
}

const common = {
  'app:info': () => ok({ version: '0.1.0', shell: 'browser', platform: 'linux', keychain: { available: true } }),
  'profiles:list': () => ok([]),
  'portal:info': () => ok(session.portal),
  'session:signOut': () => ok({ ok: true }),
};

function renderApp() {
  return render(
    <Providers queryClient={testQueryClient()}>
      <App />
    </Providers>,
  );
}

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

beforeEach(() => {
  window.location.hash = '';
  useUiStore.setState({ connectProfileId: null, connectNotice: null, changePasswordOpen: false });
});

afterEach(() => setConsoleTransport(null));

/** A profile whose password is in the keychain: the only case in which start-up tries an automatic sign-in. */
const remembered = {
  id: 'p1',
  name: 'Intranet',
  url: 'https://intranet.example/',
  environment: 'prod',
  pin: 'A'.repeat(43) + '=',
  backupPin: null,
  lastLogin: 'admin',
  rememberPassword: true,
  portalForbidsRemember: false,
  embedded: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  hasStoredPassword: true,
};

describe('App start-up', () => {
  it('signs in automatically when there is no session, then shows the production shell', async () => {
    const calls = fakeBackend({ ...common, 'profiles:list': () => ok([remembered]), 'session:current': () => ok(null), 'session:autoSignIn': () => ok(session) });
    renderApp();
    expect((await screen.findByTestId('environment-banner')).textContent).toBe('PRODUCTION – changes take effect on the live portal');
    expect(screen.getByTestId('portal-name').textContent).toBe('Intranet Nord');
    expect(calls.filter((channel) => channel.startsWith('session:'))).toEqual(['session:current', 'session:autoSignIn']);
    const overview = await screen.findByTestId('overview-portal');
    expect(await within(overview).findByText('Steady Track')).toBeTruthy();
    expect(within(screen.getByTestId('overview-session')).getByText('Ada Admin')).toBeTruthy();
  });

  it('uses an existing session without signing in again', async () => {
    const calls = fakeBackend({ ...common, 'session:current': () => ok(session) });
    renderApp();
    await screen.findByTestId('environment-banner');
    expect(calls).not.toContain('session:autoSignIn');
  });

  it('goes straight to the connect screen when no profile has a saved password', async () => {
    const calls = fakeBackend({ ...common, 'profiles:list': () => ok([{ ...remembered, hasStoredPassword: false }]), 'session:current': () => ok(null) });
    renderApp();
    expect(await screen.findByRole('heading', { name: 'Connect to a portal' })).toBeTruthy();
    expect(calls).not.toContain('session:autoSignIn');
  });

  it('shows why the automatic sign-in failed on the connect screen', async () => {
    fakeBackend({
      ...common,
      'profiles:list': () => ok([remembered]),
      'session:current': () => ok(null),
      'session:autoSignIn': () => ({ ok: false, error: { code: 'INVALID_CREDENTIALS', message: 'Invalid credentials' } }),
    });
    renderApp();
    const notice = await screen.findByTestId('connect-notice');
    expect(notice.textContent).toContain('The automatic sign-in failed.');
    expect(within(notice).getByTestId('error-alert').getAttribute('data-error-code')).toBe('INVALID_CREDENTIALS');
    expect(screen.getByRole('heading', { name: 'Connect to a portal' })).toBeTruthy();
  });
});

describe('App shell', () => {
  it('offers every area in the navbar, in order', async () => {
    fakeBackend({ ...common, 'session:current': () => ok(session) });
    renderApp();
    const nav = await screen.findByRole('navigation');
    const links = within(nav).getAllByRole('link').map((link) => link.textContent?.trim());
    expect(links).toEqual(['Overview', 'Users', 'Directory', 'Rights', 'Applications', 'Layouts', 'Updates', 'Support', 'Diagnostics', 'Transfer', 'Compare portals', 'Administrator rights']);
  });

  it('renders a preloaded overview together with the shell, without its loading state', async () => {
    await preloadOverview();
    fakeBackend({ ...common, 'session:current': () => ok(session) });
    renderApp();
    await screen.findByTestId('portal-name');
    expect(screen.queryByTestId('area-loading')).toBeNull();
    expect(within(screen.getByTestId('overview-portal')).getByText('Intranet Nord')).toBeTruthy();
  });

  it('switches the language from the header and remembers it', async () => {
    fakeBackend({ ...common, 'session:current': () => ok(session) });
    renderApp();
    await screen.findByTestId('environment-banner');
    fireEvent.click(screen.getByRole('radio', { name: 'DE' }));
    await waitFor(() => expect(screen.getByTestId('environment-banner').textContent).toBe('PRODUKTION – Änderungen wirken sofort auf das Live-Portal'));
    expect(localStorage.getItem('portal-console.language')).toBe('de');
    expect(document.documentElement.lang).toBe('de');
    await i18n.changeLanguage('en');
  });

  it('names the local test portal in German on the German overview (the backend stores its English default)', async () => {
    const local: SessionState = { ...session, profileId: EMBEDDED_PROFILE_ID, profileName: EMBEDDED_PROFILE_DEFAULT_NAME, environment: 'dev' };
    fakeBackend({ ...common, 'session:current': () => ok(local) });
    await i18n.changeLanguage('de');
    try {
      renderApp();
      const card = await screen.findByTestId('overview-session');
      expect(within(card).getByText('Lokales Testportal')).toBeTruthy();
      expect(within(card).queryByText(EMBEDDED_PROFILE_DEFAULT_NAME)).toBeNull();
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('signs out to the sign-in form of the same profile', async () => {
    const calls = fakeBackend({ ...common, 'session:current': () => ok(session) });
    renderApp();
    fireEvent.click(await screen.findByRole('button', { name: /user menu/ }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Sign out' }));
    await screen.findByRole('heading', { name: 'Connect to a portal' });
    expect(calls).toContain('session:signOut');
    expect(useUiStore.getState().connectProfileId).toBe('p1');
  });
});
