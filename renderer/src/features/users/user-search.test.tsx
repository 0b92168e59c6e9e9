// @vitest-environment jsdom
import '../../test/setup-dom';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CallResult } from '../../../../common/contract';
import type { UserSummary } from '../../../../common/portal-api/users';
import { setConsoleTransport } from '../../lib/console-client';
import { i18n } from '../../lib/i18n';
import { renderWithProviders } from '../../test/render';
import { USER_FIRST_PAGE_SIZE, usersKeys } from './api';
import { UsersArea } from './UsersArea';
import { useUsersUi } from './users-store';

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

const everyone = Array.from({ length: 1000 }, (_, i) => summary(i));
const page = (q: string): CallResult => {
  const items = everyone.filter((user) => user.login.includes(q));
  return { ok: true, value: { items: items.slice(0, USER_FIRST_PAGE_SIZE), nextCursor: null, total: items.length } };
};

/** Searches wait until the test answers them; everything else answers at once. */
function heldSearches() {
  const held = new Map<string, (result: CallResult) => void>();
  const requests: Record<string, unknown>[] = [];
  const signals = new Map<string, AbortSignal | undefined>();
  setConsoleTransport({
    call: (channel, request, signal) => {
      const r = request as Record<string, unknown>;
      if (channel === 'users:list') requests.push(r);
      if (channel === 'users:list' && typeof r.q === 'string') signals.set(r.q, signal);
      if (channel === 'users:groupOptions') return Promise.resolve({ ok: true, value: [] });
      if (channel !== 'users:list') return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } });
      if (typeof r.q !== 'string') return Promise.resolve(page(''));
      return new Promise((resolve) => held.set(r.q as string, resolve));
    },
  });
  return { held, requests, signals };
}

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

describe('search as you type', () => {
  it('keeps the rows while the next search loads, cancels a superseded one and shows only the latest', async () => {
    const { held, requests, signals } = heldSearches();
    const { queryClient } = renderWithProviders(<UsersArea />);
    expect(await screen.findByText('1000 users')).toBeTruthy();
    expect(requests[0]).toMatchObject({ limit: USER_FIRST_PAGE_SIZE });
    const total = screen.getByTestId('user-total');
    const search = screen.getByTestId('user-search').querySelector('input') ?? screen.getByTestId('user-search');

    fireEvent.change(search, { target: { value: 'user.9' } });
    await waitFor(() => expect(held.has('user.9')).toBe(true));
    expect(total.dataset).toMatchObject({ query: 'user.9', fresh: 'false' });
    expect(screen.getAllByTestId('user-row').length).toBeGreaterThan(5);
    expect(total.textContent).toBe('1000 users');

    fireEvent.change(search, { target: { value: 'user.99' } });
    await waitFor(() => expect(held.has('user.99')).toBe(true));
    const superseded = usersKeys.list({ q: 'user.9', status: 'all', sort: 'displayName', dir: 'asc' });
    // Its answer has not come, yet nothing waits for it any more: react-query aborted it.
    await waitFor(() => expect(queryClient.getQueryState(superseded)?.fetchStatus).toBe('idle'));
    expect(queryClient.getQueryData(superseded)).toBeUndefined();
    // The transport got the abort too: it cancels the call in the backend, which aborts the portal request.
    expect(signals.get('user.9')?.aborted).toBe(true);
    expect(signals.get('user.99')?.aborted).toBe(false);

    held.get('user.99')!(page('user.99'));
    await waitFor(() => expect(total.dataset).toMatchObject({ query: 'user.99', fresh: 'true' }));
    expect(total.textContent).toBe('11 users');
    held.get('user.9')!(page('user.9'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(total.textContent).toBe('11 users');
    expect(screen.getAllByTestId('user-row')[0]?.textContent).toContain('user.99');
  });
});
