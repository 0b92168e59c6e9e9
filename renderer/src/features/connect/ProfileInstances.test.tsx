// @vitest-environment jsdom
import '../../test/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CallResult, CertificateInfo, ProfileInstances, ProfileView } from '../../../../common/contract';
import { setConsoleTransport } from '../../lib/console-client';
import { i18n } from '../../lib/i18n';
import { useUiStore } from '../../lib/ui-store';
import { renderWithProviders } from '../../test/render';
import { ConnectPage } from './ConnectPage';

// Service description 2.3: "Diese Test- und Entwicklungsumgebungen werden über die URLs der Produktivumgebung mit dem
// Zusatz „-test“ bzw. „-dev“ bereitgestellt."

const PIN = 'P'.repeat(43) + '=';
const TEST_PIN = 'T'.repeat(43) + '=';

function profile(overrides: Partial<ProfileView>): ProfileView {
  return {
    id: 'prod',
    name: 'Kunde',
    url: 'https://kunde.example.de/',
    environment: 'prod',
    pin: PIN,
    backupPin: null,
    lastLogin: null,
    rememberPassword: false,
    portalForbidsRemember: false,
    embedded: false,
    createdAt: '2027-01-01T00:00:00Z',
    hasStoredPassword: false,
    ...overrides,
  };
}

const instances: ProfileInstances = {
  derivable: true,
  instances: [
    {
      environment: 'test',
      url: 'https://kunde-test.example.de/',
      host: 'kunde-test.example.de',
      profileId: null,
      probe: { state: 'reachable', version: '12.0.3', certificate: { subject: 'CN=kunde-test.example.de', spki: TEST_PIN, selfSigned: false, expired: false } },
    },
    {
      environment: 'dev',
      url: 'https://kunde-dev.example.de/',
      host: 'kunde-dev.example.de',
      profileId: null,
      probe: { state: 'unreachable', code: 'UNREACHABLE', message: 'kunde-dev.example.de cannot be reached (ENOTFOUND)' },
    },
  ],
};

const certificate: CertificateInfo = {
  subject: 'CN=kunde-test.example.de',
  issuer: 'CN=Example CA',
  validFrom: '2027-01-01T00:00:00Z',
  validTo: '2028-01-01T00:00:00Z',
  subjectAltNames: ['DNS:kunde-test.example.de'],
  spki: TEST_PIN,
  fingerprint256: 'AB:CD',
  selfSigned: false,
  expired: false,
  matches: null,
};

type Handler = (request: Record<string, unknown>) => CallResult;
const ok = (value: unknown): CallResult => ({ ok: true, value });

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

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

beforeEach(() => {
  useUiStore.setState({ connectProfileId: null, connectNotice: null });
});

afterEach(() => setConsoleTransport(null));

describe('test and development instances on the profile screen', () => {
  it('offers them only under production profiles, and probes only when asked', async () => {
    const calls = fakeBackend({
      'profiles:list': () => ok([profile({}), profile({ id: 'staging', name: 'Staging', environment: 'test' })]),
      'profiles:instances': () => ok(instances),
    });
    renderWithProviders(<ConnectPage />);
    const prod = await screen.findByTestId('profile-Kunde');
    expect(within(screen.getByTestId('profile-Staging')).queryByTestId('profile-instances-toggle')).toBeNull();
    expect(calls.some((call) => call.channel === 'profiles:instances')).toBe(false);
    const toggle = within(prod).getByRole('button', { name: 'Show test and development instances of Kunde' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    const test = await within(prod).findByTestId('instance-test');
    expect(within(test).getByText('https://kunde-test.example.de/')).toBeTruthy();
    expect(within(test).getByText('Reachable: version 12.0.3, certificate CN=kunde-test.example.de')).toBeTruthy();
    const dev = within(prod).getByTestId('instance-dev');
    expect(dev.getAttribute('data-state')).toBe('unreachable');
    expect(within(dev).getByText(/^Not reachable: The name does not resolve/)).toBeTruthy();
    expect((within(dev).getByRole('button', { name: 'Add as profile' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.queryByTestId('error-alert')).toBeNull();
  });

  it('adds the test instance like any new profile: the form preset to environment test, then the certificate check, never skipped', async () => {
    const created = profile({ id: 'kunde-test', name: 'Kunde (Test)', url: 'https://kunde-test.example.de/', environment: 'test', pin: null });
    let stored: ProfileView[] = [profile({})];
    const calls = fakeBackend({
      'profiles:list': () => ok(stored),
      'profiles:instances': () => ok(instances),
      'profiles:create': () => {
        stored = [...stored, created];
        return ok(created);
      },
      'connection:inspect': () => ok(certificate),
      'connection:trust': (request) => {
        stored = stored.map((entry) => (entry.id === created.id ? { ...created, pin: String(request.spki) } : entry));
        return ok({ ...created, pin: request.spki });
      },
      'app:info': () => ok({ version: '0.1.0', shell: 'browser', platform: 'linux', keychain: { available: false, reason: 'none' } }),
    });
    renderWithProviders(<ConnectPage />);
    fireEvent.click(await screen.findByTestId('profile-instances-toggle'));
    fireEvent.click(within(await screen.findByTestId('instance-test')).getByRole('button', { name: 'Add as profile' }));
    const form = await screen.findByRole('dialog', { name: 'Add profile' });
    expect((within(form).getByLabelText(/^Name/) as HTMLInputElement).value).toBe('Kunde (Test)');
    expect((within(form).getByLabelText(/^Address \(URL\)/) as HTMLInputElement).value).toBe('https://kunde-test.example.de/');
    expect(within(form).getByRole('radio', { name: 'Test' })).toHaveProperty('checked', true);
    fireEvent.click(within(form).getByRole('button', { name: 'Add profile' }));
    const dialog = await screen.findByTestId('certificate-dialog');
    expect((await within(dialog).findByTestId('certificate-spki')).textContent).toBe(TEST_PIN);
    expect(calls.find((call) => call.channel === 'profiles:create')?.request).toEqual({
      name: 'Kunde (Test)',
      url: 'https://kunde-test.example.de/',
      environment: 'test',
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Trust this certificate' }));
    await screen.findByTestId('sign-in-panel');
    expect(calls.find((call) => call.channel === 'connection:trust')?.request).toEqual({ profileId: 'kunde-test', spki: TEST_PIN, slot: 'primary' });
  });

  it('says plainly why a production profile entered by IP address has none', async () => {
    fakeBackend({
      'profiles:list': () => ok([profile({ url: 'https://127.0.0.1:8443/' })]),
      'profiles:instances': () => ok({ derivable: false, reason: 'ip_address' }),
    });
    renderWithProviders(<ConnectPage />);
    fireEvent.click(await screen.findByTestId('profile-instances-toggle'));
    expect((await screen.findByTestId('profile-instances-none')).textContent).toMatch(/entered by IP address/);
    await waitFor(() => expect(screen.queryByTestId('error-alert')).toBeNull());
  });
});
