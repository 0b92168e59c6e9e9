// @vitest-environment jsdom
import '../../test/setup-dom';
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CallResult } from '../../../../common/contract';
import { DIRECTORY_PRESETS } from '../../../../common/domain/directory-presets';
import type { DirectoryRun, DirectorySettings } from '../../../../common/portal-api/directory';
import { setConsoleTransport } from '../../lib/console-client';
import { i18n } from '../../lib/i18n';
import { renderWithProviders } from '../../test/render';
import { DirectoryPage } from './DirectoryPage';

const ok = (value: unknown): CallResult => ({ ok: true, value });

const settings: DirectorySettings = {
  configured: true,
  passwordSet: true,
  url: 'ldaps://dc1.example.test',
  startTls: false,
  pin: 'kmXrCXPwRtE9z8vL3TWmzXYedMlNVxgZLh0riOyWiAI=',
  bindDn: 'cn=portal-sync,ou=services,dc=example,dc=test',
  baseDn: 'dc=example,dc=test',
  userFilter: DIRECTORY_PRESETS.active_directory.userFilter,
  groupFilter: DIRECTORY_PRESETS.active_directory.groupFilter,
  pageSize: 500,
  preset: 'active_directory',
  mapping: DIRECTORY_PRESETS.active_directory.mapping,
  orgUnitRoot: 'Verzeichnis',
  disableLimitPercent: 10,
  scheduleMinutes: 60,
};

const counts = {
  directoryUsers: 9000,
  directoryGroups: 200,
  users: { create: 0, update: 0, disable: 1000, enable: 0, unchanged: 9000 },
  groups: { create: 0, update: 0, unchanged: 200, gone: 0 },
  memberships: { add: 0, remove: 0 },
  orgUnits: { create: 0 },
  conflicts: 1,
};

const stopped: DirectoryRun = {
  id: '00000000-0000-4000-8000-000000000012',
  kind: 'sync',
  trigger: 'manual',
  state: 'needs_confirmation',
  phase: 'finished',
  actorLogin: 'admin',
  startedAt: '2027-06-02T08:15:00.000Z',
  finishedAt: '2027-06-02T08:15:05.000Z',
  processed: 0,
  total: 1000,
  error: null,
  report: {
    counts,
    samples: { createUsers: [], updateUsers: [], disableUsers: [{ login: 'user00010', name: 'Jörg Müller (10)' }], createGroups: [], updateGroups: [] },
    conflicts: [{ kind: 'local_login', name: 'user00002', dns: ['uid=user00002,ou=people,dc=example,dc=test'] }],
    guard: { disable: 1000, accounts: 10000, limitPercent: 10 },
  },
};

const confirmed: DirectoryRun = { ...stopped, id: '00000000-0000-4000-8000-000000000013', state: 'running', phase: 'writing', processed: 400, report: null };

function fakeConsole(handlers: Record<string, (request: Record<string, unknown>) => CallResult>) {
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

beforeAll(async () => {
  await i18n.changeLanguage('en');
});
afterEach(() => setConsoleTransport(null));

describe('the directory area', () => {
  it('never shows the stored bind password, and saves without one to keep it', async () => {
    const calls = fakeConsole({
      'directory:settings': () => ok({ etag: '"v3"', value: settings }),
      'directory:runs': () => ok({ runs: [] }),
      'directory:save': () => ok({ etag: '"v4"', value: settings }),
    });
    renderWithProviders(<DirectoryPage />);
    const password = await screen.findByTestId('directory-bind-password');
    expect((password as HTMLInputElement).value).toBe('');
    expect(screen.getByText('A password is stored; leave empty to keep it')).toBeTruthy();
    fireEvent.click(screen.getByTestId('directory-save'));
    await screen.findByText('Directory connection saved.');
    const saved = calls.find((call) => call.channel === 'directory:save')!.request as { settings: Record<string, unknown>; ifMatch: string };
    expect(saved.ifMatch).toBe('"v3"');
    expect('bindPassword' in saved.settings).toBe(false);
  });

  it('shows a sync stopped by the disable limit and confirms exactly the count it showed', async () => {
    const calls = fakeConsole({
      'directory:settings': () => ok({ etag: '"v3"', value: settings }),
      'directory:runs': () => ok({ runs: [stopped] }),
      'directory:run': (request) => ok(request.id === stopped.id ? stopped : confirmed),
      'directory:start': () => ok(confirmed),
    });
    renderWithProviders(<DirectoryPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Show report' }));
    const guard = await screen.findByTestId('directory-guard');
    expect(guard.textContent).toContain('This sync would disable 1000 of 10000 accounts, more than 10 %. Nothing was changed.');
    expect(screen.getByTestId('directory-conflicts').textContent).toContain('user00002: A local account has this login');
    fireEvent.click(within(guard).getByTestId('directory-confirm'));
    expect((await screen.findByTestId('directory-progress')).textContent).toContain('400 of 1000 changes written');
    expect(calls.filter((call) => call.channel === 'directory:start').map((call) => call.request)).toEqual([{ kind: 'sync', confirmDisable: 1000 }]);
  });
});
