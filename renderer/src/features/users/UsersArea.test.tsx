// @vitest-environment jsdom
import '../../test/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallResult } from '../../../../common/contract';
import { defaultSecurityPolicy } from '../../../../common/portal-api/security-policy';
import type { UserDetail, UserSummary } from '../../../../common/portal-api/users';
import { setConsoleTransport } from '../../lib/console-client';
import { i18n } from '../../lib/i18n';
import { renderWithProviders } from '../../test/render';
import { SecurityPolicyPage } from './SecurityPolicyPage';
import { UsersArea } from './UsersArea';
import { useUsersUi } from './users-store';

const ok = (value: unknown): CallResult => ({ ok: true, value });

function summary(n: number): UserSummary {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    login: `user.${n}`,
    displayName: `Nutzer ${n}`,
    email: `user.${n}@muster.de`,
    language: 'de',
    enabled: true,
    isAdmin: false,
    status: 'active',
    lockedUntil: null,
    lastLoginAt: null,
    hasPassword: true,
    mustChangePassword: false,
    passwordExpired: false,
    etag: `"${n}.v1"`,
  };
}

function detail(n: number, change: Partial<UserDetail> = {}): UserDetail {
  const { etag: _etag, ...rest } = summary(n);
  return { ...rest, groups: [], failedAttempts: 0, passwordChangedAt: null, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', ...change };
}

type Handler = (request: Record<string, unknown>) => CallResult;

function fakeBackend(handlers: Record<string, Handler>) {
  const calls: { channel: string; request: Record<string, unknown> }[] = [];
  setConsoleTransport({
    call: async (channel, request) => {
      calls.push({ channel, request: request as Record<string, unknown> });
      const handler = handlers[channel];
      return handler ? handler(request as Record<string, unknown>) : { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };
    },
  });
  return calls;
}

const thousand = Array.from({ length: 1000 }, (_, i) => summary(i));
const common: Record<string, Handler> = {
  'users:groupOptions': () => ok([]),
  'securityPolicy:get': () => ok({ etag: '"v1"', value: defaultSecurityPolicy }),
  'users:list': (request) => {
    const q = typeof request.q === 'string' ? request.q : '';
    const items = q === '' ? thousand.slice(0, 200) : thousand.filter((user) => user.login.includes(q)).slice(0, 200);
    return ok({ items, nextCursor: q === '' ? 'next' : null, total: q === '' ? 1000 : items.length });
  },
};

// The virtualizer measures its scroll container; jsdom has no layout, so give elements a 600 px box
// (own properties on HTMLElement.prototype shadow Element's getters; deleting them restores jsdom).
const sizes = { clientHeight: 600, clientWidth: 1200 };
beforeAll(async () => {
  await i18n.changeLanguage('en');
  for (const [name, value] of Object.entries(sizes)) Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => value });
});
afterAll(() => {
  for (const name of Object.keys(sizes)) delete (HTMLElement.prototype as unknown as Record<string, unknown>)[name];
});
beforeEach(() => useUsersUi.setState({ search: '', status: 'all', groupId: null, sort: 'displayName', dir: 'asc', selected: new Map() }));
afterEach(() => setConsoleTransport(null));

describe('user list', () => {
  it('renders only the rows in view, searches a burst of keys at its first key and when it pauses, and sorts by a column', async () => {
    const calls = fakeBackend(common);
    renderWithProviders(<UsersArea />);
    expect(await screen.findByText('1000 users')).toBeTruthy();
    const rows = screen.getAllByTestId('user-row');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(40);

    const search = screen.getByTestId('user-search').querySelector('input') ?? screen.getByTestId('user-search');
    for (const text of ['u', 'us', 'user.99']) fireEvent.change(search, { target: { value: text } });
    expect(await screen.findByText('11 users')).toBeTruthy();
    const searches = calls.filter((call) => call.channel === 'users:list' && call.request.q !== undefined);
    // The first key came after a pause and searched at once; the last one is what the list shows. Whether "us" went
    // too depends on how long jsdom took to render "u" (search-debounce.test.tsx times bursts with fake timers).
    expect(searches[0]?.request.q).toBe('u');
    expect(searches.at(-1)?.request.q).toBe('user.99');

    fireEvent.click(screen.getByTestId('sort-login'));
    await waitFor(() => expect(calls.at(-1)?.request).toMatchObject({ sort: 'login', dir: 'asc', q: 'user.99' }));
    fireEvent.click(screen.getByTestId('sort-login'));
    await waitFor(() => expect(calls.at(-1)?.request).toMatchObject({ sort: 'login', dir: 'desc' }));
  });

  it('shows both versions when a save meets a concurrent change and saves mine with the new ETag', async () => {
    const theirs = detail(7, { displayName: 'Fremder Name', language: 'en' });
    const calls = fakeBackend({
      ...common,
      'users:get': () => ok({ etag: '"7.v1"', value: detail(7) }),
      'users:update': (request) =>
        request.ifMatch === '"7.v1"'
          ? { ok: false, error: { code: 'PRECONDITION_FAILED', message: 'changed', details: { current: theirs, currentEtag: '"7.v2"' } } }
          : ok({ etag: '"7.v3"', value: detail(7, { displayName: 'Mein Name' }) }),
    });
    renderWithProviders(<UsersArea />);
    fireEvent.click((await screen.findAllByTestId('user-row'))[7] as HTMLElement);
    fireEvent.click(await screen.findByTestId('edit-user'));
    const form = await screen.findByTestId('user-form');
    fireEvent.change(within(form).getByRole('textbox', { name: /^Name/ }), { target: { value: 'Mein Name' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));

    const dialog = await screen.findByTestId('conflict-dialog');
    expect(within(dialog).getByTestId('conflict-row-displayName').textContent).toContain('Mein Name');
    expect(within(dialog).getByTestId('conflict-row-displayName').textContent).toContain('Fremder Name');
    expect(within(dialog).getByTestId('conflict-row-language').getAttribute('data-differs')).toBe('true');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save my version' }));
    await waitFor(() => expect(calls.filter((call) => call.channel === 'users:update').map((call) => call.request.ifMatch)).toEqual(['"7.v1"', '"7.v2"']));
    expect(calls.filter((call) => call.channel === 'users:update').at(-1)?.request).toMatchObject({ value: { displayName: 'Mein Name', language: 'de' } });
  });

  it('runs a bulk action over the selection and reports every row', async () => {
    const calls = fakeBackend({
      ...common,
      'users:bulk': (request) => {
        const items = request.items as { id: string }[];
        return ok({ results: items.map((item, index) => (index === 0 ? { id: item.id, outcome: 'conflict', code: 'etag_mismatch', etag: '"x.v2"' } : { id: item.id, outcome: 'ok', etag: '"x.v2"' })) });
      },
    });
    renderWithProviders(<UsersArea />);
    await screen.findByText('1000 users');
    fireEvent.click(screen.getByTestId('select-all-users').querySelector('input') ?? screen.getByTestId('select-all-users'));
    expect(await screen.findByText('200 selected')).toBeTruthy();
    fireEvent.click(screen.getByTestId('bulk-disable'));
    fireEvent.click(await screen.findByTestId('bulk-run'));
    const results = await screen.findByTestId('bulk-results');
    expect(calls.filter((call) => call.channel === 'users:bulk')).toHaveLength(2);
    expect(within(results).getAllByRole('row')).toHaveLength(201);
    expect(within(results).getAllByRole('row')[1]?.getAttribute('data-outcome')).toBe('conflict');
    expect(screen.getByTestId('bulk-summary').textContent).toContain('Done: 198');
    // The rows that changed meanwhile stay selected, with their current ETag, for a deliberate retry.
    expect(useUsersUi.getState().selected.size).toBe(2);
  });
});

describe('issuing activation codes', () => {
  it('offers the codes of the run once as a CSV file and explains what to do with it', async () => {
    const code = (n: number) => `AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-${String(n).padStart(4, '0')}`;
    fakeBackend({
      ...common,
      'users:bulk': (request) => {
        const items = request.items as { id: string }[];
        return ok({
          results: items.map((item, index) =>
            index === 0 ? { id: item.id, outcome: 'refused', code: 'has_password' } : { id: item.id, outcome: 'ok', etag: '"x.v2"', activationCode: code(index), activationCodeValidUntil: '2026-12-15T09:00:00.000Z' },
          ),
        });
      },
    });
    const saved: Blob[] = [];
    const original = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
    URL.createObjectURL = vi.fn((blob: Blob) => {
      saved.push(blob);
      return 'blob:activation-codes';
    });
    URL.revokeObjectURL = vi.fn();
    try {
      renderWithProviders(<UsersArea />);
      await screen.findByText('1000 users');
      fireEvent.click(screen.getAllByTestId('user-row')[1]?.querySelector('input[type="checkbox"]') as HTMLElement);
      fireEvent.click(screen.getAllByTestId('user-row')[2]?.querySelector('input[type="checkbox"]') as HTMLElement);
      fireEvent.click(await screen.findByTestId('bulk-issue-codes'));
      expect(screen.getByTestId('bulk-dialog').textContent).toContain('Users with a password are skipped');
      fireEvent.click(screen.getByTestId('bulk-run'));
      const offer = await screen.findByTestId('activation-codes');
      expect(offer.textContent).toContain('offered only once');
      expect(offer.textContent).toContain('must then choose their own password');
      fireEvent.click(within(offer).getByRole('button', { name: 'Download 1 activation code' }));
      expect((await screen.findByTestId('activation-codes-saved')).textContent).toMatch(/Saved as activation-codes-\d{4}-\d{2}-\d{2}\.csv/);
      const lines = (await (saved[0] as Blob).text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
      expect(lines).toEqual(['login,displayName,email,activationCode,validUntil', `user.2,Nutzer 2,user.2@muster.de,${code(1)},2026-12-15T09:00:00.000Z`]);
      expect(within(screen.getByTestId('bulk-results')).getByText('Has a password already: use “Reset password” instead.')).toBeTruthy();
    } finally {
      URL.createObjectURL = original.create;
      URL.revokeObjectURL = original.revoke;
    }
  });
});

describe('security policy editor', () => {
  it('says exactly what the portal does with "remember me", for either setting', async () => {
    fakeBackend(common);
    renderWithProviders(<SecurityPolicyPage />);
    const toggle = await screen.findByRole('switch', { name: /Disable “remember me”/ });
    const hint = () => toggle.closest('.mantine-Switch-root')?.textContent ?? '';
    expect(hint()).toContain('stays valid for 30 days; every other session ends after 8 hours');
    fireEvent.click(toggle);
    await waitFor(() => expect(hint()).toContain('every session ends after 8 hours or at sign-out'));
    expect(hint()).toContain('keeps no password for this portal in the system keychain');
    expect(hint()).not.toContain('browser');
  });

  // Security sheet: "Mitglieder können nur auf Einladung beitreten (Registrierungscode ist erforderlich)" with its three
  // answers to who may invite, and "Für jeden offen" without a code.
  it('asks for the registration code in invitation mode, offers the three inviter choices, and none of it when open', async () => {
    fakeBackend(common);
    renderWithProviders(<SecurityPolicyPage />);
    fireEvent.click(await screen.findByRole('radio', { name: 'By invitation only (registration code required)' }));
    for (const name of ['Members can send invitations', 'Only administrators can send invitations', 'Anyone can request an invitation (administrators grant or refuse)']) {
      expect(screen.getByRole('radio', { name })).toBeTruthy();
    }
    const code = screen.getByTestId('policy-registration-code');
    expect(code.closest('.mantine-InputWrapper-root')?.textContent).toContain('Joining by invitation needs a registration code (at least 6 characters).');
    expect((screen.getByTestId('policy-save') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(code, { target: { value: 'Sommer-2026' } });
    await waitFor(() => expect((screen.getByTestId('policy-save') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByRole('radio', { name: 'Open to all (self-registration)' }));
    expect(screen.queryByTestId('policy-registration-code')).toBeNull();
  });

  // "Kennwörter müssen aus mindestens Zeichen bestehen (Ansonsten sind mindestens 6 Zeichen erforderlich.)"
  it('refuses a minimum length below 6 and keeps the NIST advice beside the setting', async () => {
    fakeBackend(common);
    renderWithProviders(<SecurityPolicyPage />);
    const minLength = await screen.findByTestId('policy-min-length');
    fireEvent.change(minLength, { target: { value: '5' } });
    await waitFor(() => expect(minLength.closest('.mantine-InputWrapper-root')?.textContent).toContain('Between 6 and 128.'));
    expect(screen.getByTestId('guidance-min_length_below_8')).toBeTruthy();
    fireEvent.change(minLength, { target: { value: '6' } });
    await waitFor(() => expect(minLength.closest('.mantine-InputWrapper-root')?.textContent).not.toContain('Between 6 and 128.'));
    expect(screen.getByTestId('guidance-min_length_below_8').textContent).toContain('NIST SP 800-63B');
  });
});
