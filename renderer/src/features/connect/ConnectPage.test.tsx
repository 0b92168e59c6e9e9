// @vitest-environment jsdom
import '../../test/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallResult, CertificateInfo, ProfileView } from '../../../../common/contract';
import type { ErrorCode } from '../../../../common/errors';
import { setConsoleTransport } from '../../lib/console-client';
import { registerShellPreload } from '../../lib/shell-preload';
import { i18n } from '../../lib/i18n';
import { queryKeys } from '../../lib/query-keys';
import { useUiStore } from '../../lib/ui-store';
import { renderWithProviders } from '../../test/render';
import { ConnectPage } from './ConnectPage';

const OLD_PIN = 'O'.repeat(43) + '=';
const NEW_PIN = 'N'.repeat(43) + '=';

function profile(overrides: Partial<ProfileView>): ProfileView {
  return {
    id: 'p1',
    name: 'Intranet',
    url: 'https://intranet.example.com',
    environment: 'prod',
    pin: OLD_PIN,
    backupPin: null,
    lastLogin: null,
    rememberPassword: false,
    portalForbidsRemember: false,
    embedded: false,
    createdAt: '2026-01-01T00:00:00Z',
    hasStoredPassword: false,
    ...overrides,
  };
}

const certificate: CertificateInfo = {
  subject: 'CN=intranet.example.com',
  issuer: 'CN=Example CA',
  validFrom: '2026-01-01T00:00:00Z',
  validTo: '2027-01-01T00:00:00Z',
  subjectAltNames: ['DNS:intranet.example.com'],
  spki: NEW_PIN,
  fingerprint256: 'AB:CD:EF',
  selfSigned: true,
  expired: false,
  matches: null,
};

type Handler = (request: Record<string, unknown>) => CallResult;

/** A backend double: answers per channel and records every call. */
function fakeBackend(handlers: Record<string, Handler>) {
  const calls: { channel: string; request: Record<string, unknown> }[] = [];
  setConsoleTransport({
    call: async (channel, request) => {
      calls.push({ channel, request: request as Record<string, unknown> });
      const handler = handlers[channel];
      if (!handler) return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };
      return handler(request as Record<string, unknown>);
    },
  });
  return calls;
}

const ok = (value: unknown): CallResult => ({ ok: true, value });
const appInfo = ok({ version: '0.1.0', shell: 'browser', platform: 'linux', keychain: { available: false, reason: 'No Secret Service on D-Bus' } });

/** The sign-in form of one profile with "kim" typed as login; each sign-in waits until the test answers it. */
async function signInFormWithPendingAnswers(): Promise<((result: CallResult) => void)[]> {
  const pending: ((result: CallResult) => void)[] = [];
  fakeBackend({
    'profiles:list': () => ok([profile({})]),
    'app:info': () => appInfo,
    'session:signIn': () => new Promise<CallResult>((resolve) => pending.push(resolve)) as unknown as CallResult,
  });
  useUiStore.setState({ connectProfileId: 'p1' });
  renderWithProviders(<ConnectPage />);
  fireEvent.change(await screen.findByRole('textbox', { name: /Login/ }), { target: { value: 'kim' } });
  return pending;
}

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

beforeEach(() => {
  useUiStore.setState({ connectProfileId: null, connectNotice: null });
});

afterEach(() => setConsoleTransport(null));

describe('ConnectPage', () => {
  it('lists profiles with environment, pin state and the embedded marker', async () => {
    fakeBackend({
      'profiles:list': () =>
        ok([
          profile({ id: 'e', name: 'Local', url: 'https://127.0.0.1:8443', environment: 'dev', pin: null, embedded: true }),
          profile({ id: 't', name: 'Staging', environment: 'test', backupPin: NEW_PIN }),
        ]),
    });
    renderWithProviders(<ConnectPage />);
    const local = await screen.findByTestId('profile-Local');
    expect(within(local).getByText('Local test portal')).toBeTruthy();
    expect(within(local).getByText('Development').closest('[data-environment]')?.getAttribute('data-environment')).toBe('dev');
    expect(within(local).getByTestId('pin-state').getAttribute('data-pinned')).toBe('false');
    expect(within(local).queryByRole('button', { name: 'Delete profile Local' })).toBeNull();
    const staging = screen.getByTestId('profile-Staging');
    expect(within(staging).getByText('Pinned (with backup pin)')).toBeTruthy();
    expect(within(staging).getByRole('button', { name: 'Delete profile Staging' })).toBeTruthy();
  });

  it('shows the certificate of an unpinned profile and pins it as primary before the sign-in form', async () => {
    const unpinned = profile({ pin: null });
    const calls = fakeBackend({
      'profiles:list': () => ok([unpinned]),
      'connection:inspect': () => ok(certificate),
      'connection:trust': (request) => ok({ ...unpinned, pin: request.spki }),
      'app:info': () => appInfo,
    });
    renderWithProviders(<ConnectPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Connect to Intranet' }));
    const dialog = await screen.findByTestId('certificate-dialog');
    expect(within(dialog).getByText(/No credentials have been sent yet/)).toBeTruthy();
    expect((await within(dialog).findByTestId('certificate-spki')).textContent).toBe(NEW_PIN);
    expect(within(dialog).getByTestId('certificate-self-signed')).toBeTruthy();
    expect(within(dialog).queryByTestId('certificate-expired')).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Trust this certificate' }));
    await screen.findByTestId('sign-in-panel');
    expect(calls.find((call) => call.channel === 'connection:trust')?.request).toEqual({ profileId: 'p1', spki: NEW_PIN, slot: 'primary' });
    expect(calls.some((call) => call.channel === 'session:signIn')).toBe(false);
  });

  it('disables "remember password" with the reason when no keychain is available', async () => {
    fakeBackend({ 'profiles:list': () => ok([profile({})]), 'app:info': () => appInfo });
    useUiStore.setState({ connectProfileId: 'p1' });
    renderWithProviders(<ConnectPage />);
    const checkbox = await screen.findByRole('checkbox', { name: 'Remember password in the system keychain' });
    await waitFor(() => expect((checkbox as HTMLInputElement).disabled).toBe(true));
    expect(screen.getByText(/Reason: No Secret Service on D-Bus/)).toBeTruthy();
  });

  it('disables "remember password" and says why when the portal policy disables remember me', async () => {
    const keychainOk = ok({ version: '0.1.0', shell: 'browser', platform: 'linux', keychain: { available: true } });
    const calls = fakeBackend({
      'profiles:list': () => ok([profile({ lastLogin: 'admin', rememberPassword: false, portalForbidsRemember: true })]),
      'app:info': () => keychainOk,
      'session:signIn': () => ({ ok: false, error: { code: 'INVALID_CREDENTIALS', message: 'wrong' } }),
    });
    useUiStore.setState({ connectProfileId: 'p1' });
    renderWithProviders(<ConnectPage />);
    const checkbox = await screen.findByRole('checkbox', { name: 'Remember password in the system keychain' });
    await waitFor(() => expect((checkbox as HTMLInputElement).disabled).toBe(true));
    expect(screen.getByTestId('remember-forbidden').textContent).toContain('security policy disables “remember me”');
    fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: 'secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(calls.find((call) => call.channel === 'session:signIn')?.request).toMatchObject({ remember: false }));
  });

  it('on PIN_MISMATCH names both pins, keeps the login and re-pins only after the host name is typed', async () => {
    let pinned = OLD_PIN;
    const calls = fakeBackend({
      'profiles:list': () => ok([profile({ pin: pinned })]),
      'app:info': () => appInfo,
      'session:signIn': () => ({
        ok: false,
        error: { code: 'PIN_MISMATCH', message: 'pin mismatch', details: { expected: OLD_PIN, actual: NEW_PIN } },
      }),
      'connection:inspect': () => ok(certificate),
      'connection:trust': (request) => {
        pinned = String(request.spki);
        return ok(profile({ pin: pinned }));
      },
    });
    useUiStore.setState({ connectProfileId: 'p1' });
    renderWithProviders(<ConnectPage />);
    const login = await screen.findByRole('textbox', { name: /Login/ });
    fireEvent.change(login, { target: { value: 'kim' } });
    fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: 'secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    const alert = await screen.findByTestId('error-alert');
    expect(alert.getAttribute('data-error-code')).toBe('PIN_MISMATCH');
    expect(alert.textContent).toContain(OLD_PIN);
    expect(alert.textContent).toContain(NEW_PIN);
    expect((login as HTMLInputElement).value).toBe('kim');

    fireEvent.click(within(alert).getByRole('button', { name: 'Re-pin …' }));
    const dialog = await screen.findByTestId('repin-dialog');
    expect(within(dialog).getByTestId('repin-warning')).toBeTruthy();
    const confirm = within(dialog).getByRole('button', { name: 'Save the new pin' });
    const word = await within(dialog).findByRole('textbox', { name: 'Type intranet.example.com to confirm' });
    await waitFor(() => expect((word as HTMLInputElement).disabled).toBe(false));
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(word, { target: { value: 'intranet' } });
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(word, { target: { value: 'intranet.example.com' } });
    expect((confirm as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(confirm);

    await waitFor(() => expect(screen.queryByTestId('repin-dialog')).toBeNull());
    expect(calls.find((call) => call.channel === 'connection:trust')?.request).toEqual({ profileId: 'p1', spki: NEW_PIN, slot: 'primary' });
    expect(screen.queryByTestId('error-alert')).toBeNull();
    expect((screen.getByRole('textbox', { name: /Login/ }) as HTMLInputElement).value).toBe('kim');
  });

  it('offers a support ticket written offline when the portal is down, not when the password is wrong', async () => {
    let failure: { code: ErrorCode; message: string } = { code: 'INVALID_CREDENTIALS', message: 'wrong' };
    fakeBackend({
      'profiles:list': () => ok([profile({})]),
      'app:info': () => appInfo,
      'session:signIn': () => ({ ok: false, error: failure }),
      'support:outbox': () => ok([]),
    });
    useUiStore.setState({ connectProfileId: 'p1' });
    renderWithProviders(<ConnectPage />);
    fireEvent.change(await screen.findByRole('textbox', { name: /Login/ }), { target: { value: 'kim' } });
    const signIn = async () => {
      fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: 'secret' } });
      fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
      return screen.findByTestId('error-alert');
    };
    expect((await signIn()).getAttribute('data-error-code')).toBe('INVALID_CREDENTIALS');
    expect(screen.queryByTestId('offline-ticket')).toBeNull();

    failure = { code: 'UNREACHABLE', message: 'connection refused' };
    await waitFor(async () => expect((await signIn()).getAttribute('data-error-code')).toBe('UNREACHABLE'));
    fireEvent.click(await screen.findByTestId('offline-ticket'));
    expect((await screen.findByTestId('offline-notice')).textContent).toContain('Intranet');
  });

  it('clears a wrong password, but keeps one typed anew while the attempt was under way', async () => {
    const pending = await signInFormWithPendingAnswers();
    const password = () => screen.getByLabelText(/^Password/) as HTMLInputElement;
    const wrong = { ok: false, error: { code: 'INVALID_CREDENTIALS', message: 'wrong' } } as const;

    fireEvent.change(password(), { target: { value: 'first-try' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(pending).toHaveLength(1));
    pending[0]!(wrong);
    await screen.findByTestId('error-alert');
    await waitFor(() => expect(password().value).toBe(''));

    fireEvent.change(password(), { target: { value: 'second-try' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(pending).toHaveLength(2));
    fireEvent.change(password(), { target: { value: 'third-try' } });
    pending[1]!(wrong);
    // react-query runs the attempt's onError (which clears a wrong password) before the alert renders:
    // once the alert is there, the field holds what it will hold.
    await waitFor(() => expect(screen.getByTestId('error-alert')).toBeTruthy());
    expect(password().value).toBe('third-try');
  });

  it('starts loading the signed-in shell when the sign-in form opens, while the password is typed', async () => {
    const loadShell = vi.fn(() => Promise.resolve());
    registerShellPreload(loadShell);
    fakeBackend({ 'profiles:list': () => ok([profile({})]), 'app:info': () => appInfo });
    renderWithProviders(<ConnectPage />);
    const connect = await screen.findByRole('button', { name: /Connect/ });
    expect(loadShell).not.toHaveBeenCalled();
    fireEvent.click(connect);
    await screen.findByLabelText(/^Password/);
    expect(loadShell).toHaveBeenCalledTimes(1);
  });

  it('hands the portal from the sign-in answer to the shell and leaves the profile list to the next connect screen', async () => {
    const portal = { name: 'Intranet Nord', version: '12.4.1', track: 'steady', environment: 'test', timeZone: 'Europe/Berlin', supportPackage: 'premium' };
    const session = {
      profileId: 'p1',
      profileName: 'Intranet',
      environment: 'test',
      portal,
      user: { id: 'u1', login: 'kim', displayName: 'Kim', isAdmin: true, mustChangePassword: false },
      expiresAt: '2027-06-01T10:00:00.000Z',
      rememberMeAllowed: true,
    };
    const calls = fakeBackend({ 'profiles:list': () => ok([profile({})]), 'profiles:health': () => ok([]), 'app:info': () => appInfo, 'session:signIn': () => ok(session) });
    useUiStore.setState({ connectProfileId: 'p1' });
    const { queryClient } = renderWithProviders(<ConnectPage />);
    fireEvent.change(await screen.findByRole('textbox', { name: /Login/ }), { target: { value: 'kim' } });
    fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: 'secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(queryClient.getQueryData(queryKeys.session.current())).toEqual(session));
    expect(queryClient.getQueryData(queryKeys.portal.info())).toEqual(portal);
    const signedInAt = calls.findIndex((call) => call.channel === 'session:signIn');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls.slice(signedInAt + 1).map((call) => call.channel)).toEqual([]);
    expect(queryClient.getQueryState(queryKeys.profiles.list())?.isInvalidated).toBe(true);
  });

  it('checks the health of the local test portal again as soon as it is up', async () => {
    const embedded = profile({ id: 'local-test-portal', name: 'Local test portal', embedded: true });
    let up = false;
    const health = (state: 'ok' | 'unreachable') => ({
      profileId: embedded.id,
      state,
      version: null,
      track: null,
      environment: null,
      latencyMs: null,
      error: null,
      checkedAt: '2027-06-01T10:00:00.000Z',
    });
    const calls = fakeBackend({
      'profiles:list': () => ok([{ ...embedded, starting: !up }]),
      'profiles:health': () => ok([health(up ? 'ok' : 'unreachable')]),
      'app:info': () => appInfo,
    });
    renderWithProviders(<ConnectPage />);
    await screen.findByTestId('profile-starting');
    await waitFor(() => expect(calls.filter((call) => call.channel === 'profiles:health')).toHaveLength(1));
    up = true;
    await waitFor(() => expect(screen.getByTestId('profile-health').getAttribute('data-state')).toBe('ok'));
    expect(calls.filter((call) => call.channel === 'profiles:health')).toHaveLength(2);
  });

  it('shows the demo credentials for the embedded portal and fills them in', async () => {
    fakeBackend({
      'profiles:list': () => ok([profile({ embedded: true, environment: 'dev' })]),
      'app:info': () => appInfo,
    });
    useUiStore.setState({ connectProfileId: 'p1' });
    renderWithProviders(<ConnectPage />);
    const hint = await screen.findByTestId('demo-credentials');
    expect(hint.textContent).toContain('admin');
    expect(hint.textContent).toContain('Admin-Portal-2026');
    fireEvent.click(within(hint).getByRole('button', { name: 'Fill in the demo access' }));
    expect((screen.getByRole('textbox', { name: /Login/ }) as HTMLInputElement).value).toBe('admin');
    expect((screen.getByLabelText(/^Password/) as HTMLInputElement).value).toBe('Admin-Portal-2026');
  });

  it('validates the profile form in the UI language and keeps what was typed', async () => {
    const calls = fakeBackend({ 'profiles:list': () => ok([]) });
    renderWithProviders(<ConnectPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add profile' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Name/ }), { target: { value: 'Shop' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Address/ }), { target: { value: 'http://shop.example.com' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Primary pin/ }), { target: { value: 'abc' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add profile' }));
    expect(await within(dialog).findByText('Only https:// addresses are allowed.')).toBeTruthy();
    expect(within(dialog).getByText('A pin has 44 base64 characters and ends in “=”.')).toBeTruthy();
    expect((within(dialog).getByRole('textbox', { name: /Name/ }) as HTMLInputElement).value).toBe('Shop');
    expect(calls.some((call) => call.channel === 'profiles:create')).toBe(false);
  });
});
