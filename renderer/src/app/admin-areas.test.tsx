// @vitest-environment jsdom
import '../test/setup-dom';
import { render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CallResult, SessionState } from '../../../common/contract';
import { ConsoleError } from '../../../common/errors';
import { setConsoleTransport } from '../lib/console-client';
import { describeError } from '../lib/errors';
import { i18n } from '../lib/i18n';
import { testQueryClient } from '../test/render';
import { mayUse, sessionAreas } from './admin-areas';
import { App } from './App';
import { navEntries } from './nav';
import { Providers } from './Providers';

const designer: SessionState = {
  profileId: 'p1',
  profileName: 'Intranet',
  environment: 'test',
  portal: { name: 'Intranet Nord', version: '12.4.1', track: 'steady', environment: 'test', timeZone: 'Europe/Berlin', supportPackage: 'premium' },
  user: { id: 'u2', login: 'designer', displayName: 'Dana Designer', isAdmin: true, mustChangePassword: false, adminAreas: ['applications', 'layouts'] },
  expiresAt: new Date(Date.now() + 2 * 3_600_000).toISOString(),
  rememberMeAllowed: true,
};

const ok = (value: unknown): CallResult => ({ ok: true, value });

function renderAs(session: SessionState, hash = '') {
  window.location.hash = hash;
  const handlers: Record<string, () => CallResult> = {
    'app:info': () => ok({ version: '0.1.0', shell: 'browser', platform: 'linux', keychain: { available: true } }),
    'profiles:list': () => ok([]),
    'portal:info': () => ok(session.portal),
    'session:current': () => ok(session),
  };
  setConsoleTransport({ call: async (channel) => handlers[channel]?.() ?? { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } } });
  return render(
    <Providers queryClient={testQueryClient()}>
      <App />
    </Providers>,
  );
}

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

afterEach(() => setConsoleTransport(null));

describe('administrator areas in the console', () => {
  it('reads the areas from the session; a portal without roles means every area', () => {
    expect(sessionAreas(designer)).toEqual(['applications', 'layouts']);
    const { adminAreas: _none, ...withoutRoles } = designer.user;
    expect(mayUse({ user: withoutRoles }, 'users')).toBe(true);
    expect(mayUse(designer, 'users')).toBe(false);
    expect(mayUse(designer, undefined)).toBe(true);
  });

  it('every area but the overview names the right it needs', () => {
    // A new area in nav.ts needs `area: '<right>'` (common/domain/admin-areas), or every administrator sees it.
    expect(navEntries.filter((entry) => entry.area === undefined).map((entry) => entry.key)).toEqual(['overview']);
  });

  it('shows an application designer only the overview, applications and layouts', async () => {
    renderAs(designer);
    const nav = await screen.findByRole('navigation');
    const links = within(nav).getAllByRole('link').map((link) => link.getAttribute('href'));
    expect(links).toEqual(['#/', '#/applications', '#/layouts']);
  });

  it('answers the address of a forbidden area with the missing right, in English and German', async () => {
    renderAs(designer, '#/users');
    const page = await screen.findByTestId('missing-right');
    expect(page.getAttribute('data-missing-right')).toBe('users');
    expect(page.textContent).toBe('You lack the administrator right "Users". An administrator with the "Security" right can give it to you.');
    await i18n.changeLanguage('de');
    expect((await screen.findByTestId('missing-right')).textContent).toContain('Ihnen fehlt das Administratorrecht „Benutzer“.');
    await i18n.changeLanguage('en');
  });

  it("names the right of the portal's 403 in the error text, in English and German", async () => {
    const error = new ConsoleError('FORBIDDEN', 'This administrator lacks the right "layouts".', { status: 403, problemCode: 'missing_admin_right', missingRight: 'layouts' });
    expect(describeError(error, i18n.t).message).toBe('You lack the administrator right "Layouts" for this action.');
    await i18n.changeLanguage('de');
    expect(describeError(error, i18n.t).message).toBe('Ihnen fehlt das Administratorrecht „Layouts“ für diese Aktion.');
    await i18n.changeLanguage('en');
  });

  it('a user administrator sees the users area without the security policy tab, and its address names the security right', async () => {
    const userAdmin: SessionState = { ...designer, user: { ...designer.user, login: 'useradmin', adminAreas: ['users'] } };
    renderAs(userAdmin, '#/users/policy');
    expect((await screen.findByTestId('missing-right')).getAttribute('data-missing-right')).toBe('security');
    expect(screen.getByTestId('users-tab-invitations')).toBeTruthy();
    expect(screen.queryByTestId('users-tab-policy')).toBeNull();
  });
});
