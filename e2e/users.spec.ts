import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { Agent, request } from 'undici';
import { DEMO_ADMIN, signIn, type RunningConsole, closeSignedInArea, openSignedInArea } from './support/console';

test.describe.configure({ mode: 'serial' });

const SHOTS = '.tmp/screens/users';
const LOGIN = 'erika.e2e';

let page: Page;
let running: RunningConsole;

test.beforeAll(async ({ browser }) => {
  ({ page, running } = await openSignedInArea(browser, 'users', 'Users'));
  await expect(page.getByTestId('user-total')).toHaveText('50 users');
});

test.afterAll(() => closeSignedInArea(page, running));

/** Someone else, straight on the embedded portal's REST API (another administrator's console). */
function otherAdmin() {
  return portalApiAs(DEMO_ADMIN);
}

/** The embedded portal's REST API, signed in as `account` (not through the console). */
async function portalApiAs(account: { login: string; password: string }) {
  const profiles = JSON.parse(await readFile(join(running.userDataDir, 'profiles.json'), 'utf8')) as unknown;
  const list = (Array.isArray(profiles) ? profiles : (profiles as { profiles: unknown[] }).profiles) as { url: string; embedded: boolean }[];
  const base = list.find((profile) => profile.embedded)!.url;
  const dispatcher = new Agent({ connect: { rejectUnauthorized: false } });
  const call = async (method: 'GET' | 'POST' | 'PUT', path: string, options: { token?: string; body?: unknown; ifMatch?: string } = {}) => {
    const response = await request(new URL(`/api/v1${path}`, base), {
      method,
      dispatcher,
      headers: {
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.ifMatch ? { 'if-match': options.ifMatch } : {}),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    return { status: response.statusCode, etag: response.headers.etag as string, json: (await response.body.json()) as Record<string, unknown> };
  };
  const signedIn = await call('POST', '/sessions', { body: account });
  const { token } = signedIn.json as { token: string };
  return { session: signedIn.json, call: (method: 'GET' | 'POST' | 'PUT', path: string, options: { body?: unknown; ifMatch?: string } = {}) => call(method, path, { ...options, token }), close: () => dispatcher.close() };
}

async function search(text: string) {
  await page.getByTestId('user-search').fill(text);
}

async function openUser(login: string) {
  await search(login);
  await page.locator(`[data-testid="user-row"][data-login="${login}"]`).click();
  await expect(page.getByTestId('user-detail')).toBeVisible();
}

async function closeDrawer() {
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('user-detail')).toBeHidden();
}

test('creates a user with a one-time password and finds it by search', async () => {
  await page.getByTestId('create-user').click();
  const form = page.getByTestId('user-form');
  await form.getByRole('textbox', { name: 'Login' }).fill(LOGIN);
  await form.getByRole('textbox', { name: 'Name' }).fill('Erika Ende');
  await form.getByRole('textbox', { name: 'E-mail' }).fill('erika@');
  await form.getByRole('textbox', { name: 'Name' }).focus();
  await expect(form.getByText('Not a valid e-mail address.')).toBeVisible();
  await form.getByRole('textbox', { name: 'E-mail' }).fill('erika.ende@muster-gmbh.de');
  await page.screenshot({ path: `${SHOTS}/create.png` });
  await form.getByTestId('user-form-submit').click();

  const shown = page.getByTestId('one-time-password-value');
  await expect(shown).toHaveText(/^.{16}$/);
  await page.getByRole('button', { name: 'Done' }).click();

  await search('ende erika');
  await expect(page.getByTestId('user-total')).toHaveText('1 user');
  const row = page.locator(`[data-testid="user-row"][data-login="${LOGIN}"]`);
  await expect(row).toContainText('Erika Ende');
  await expect(row.getByTestId('user-status')).toHaveText('Active');
  await search('');
  await expect(page.getByTestId('user-total')).toHaveText('51 users');
  await page.getByTestId('select-all-users').click();
  await page.screenshot({ path: `${SHOTS}/list.png` });
  await page.getByRole('button', { name: 'Clear selection' }).click();
});

test('edits the user', async () => {
  await openUser(LOGIN);
  await page.screenshot({ path: `${SHOTS}/detail.png` });
  await page.getByTestId('edit-user').click();
  const form = page.getByTestId('user-form');
  await form.getByRole('textbox', { name: 'Name' }).fill('Erika Ende-Berg');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('user-detail-title')).toHaveText('Erika Ende-Berg');
  await closeDrawer();
  await expect(page.locator(`[data-testid="user-row"][data-login="${LOGIN}"]`)).toContainText('Erika Ende-Berg');
});

test('a concurrent edit shows both versions and lets the administrator choose', async () => {
  await openUser(LOGIN);
  await page.getByTestId('edit-user').click();
  const form = page.getByTestId('user-form');
  await form.getByRole('textbox', { name: 'Name' }).fill('Erika Meine Version');

  const other = await otherAdmin();
  const found = (await other.call('GET', `/users?q=${LOGIN}`)).json.items as { id: string }[];
  const id = found[0]!.id;
  const current = await other.call('GET', `/users/${id}`);
  const theirs = { ...(current.json as Record<string, unknown>) };
  const changed = await other.call('PUT', `/users/${id}`, {
    ifMatch: current.etag,
    body: { login: LOGIN, displayName: 'Erika Fremde Version', email: theirs.email, language: 'en', enabled: true, isAdmin: false, groupIds: [] },
  });
  expect(changed.status).toBe(200);
  await other.close();

  await form.getByRole('button', { name: 'Save' }).click();
  const dialog = page.getByTestId('conflict-dialog');
  await expect(dialog.getByTestId('conflict-count')).toHaveText('2 fields differ');
  await expect(dialog.getByTestId('conflict-row-displayName')).toContainText('Erika Meine Version');
  await expect(dialog.getByTestId('conflict-row-displayName')).toContainText('Erika Fremde Version');
  await expect(dialog.getByTestId('conflict-row-language')).toHaveAttribute('data-differs', 'true');
  await page.screenshot({ path: `${SHOTS}/conflict.png` });
  await dialog.getByRole('button', { name: 'Save my version' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('user-detail-title')).toHaveText('Erika Meine Version');
  // Mine was saved deliberately over theirs: my language (German) is back, nothing silently merged.
  await expect(page.getByTestId('user-facts')).toContainText('German');
  await closeDrawer();
});

test('imports a CSV with bad rows: preview first, then a job with progress', async () => {
  await page.getByTestId('import-users').click();
  const dialog = page.getByTestId('import-dialog');
  const csv = [
    'Benutzername;Anzeigename;E-Mail;Sprache;Gruppen',
    'imp.lena;Lena Import;lena@import.de;de;Vertrieb',
    'imp.otto;Otto Import;;en;"IT; Einkauf"',
    'imp.lena;Lena Doppelt;;;',
    'admin;Schon Vergeben;;;',
    'imp.bad;;kein-mail;fr;Marketing',
  ].join('\n');
  await dialog.locator('input[type="file"]').setInputFiles({ name: 'benutzer.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await expect(dialog.getByTestId('import-valid')).toHaveText('2');
  await expect(dialog.getByTestId('import-invalid')).toHaveText('3');
  const issues = dialog.getByTestId('import-issues');
  await expect(issues).toContainText('already in data row 1');
  await expect(issues).toContainText('login admin is already taken');
  await expect(issues).toContainText('not an e-mail address');
  await expect(issues).toContainText('unknown group: Marketing');
  await page.screenshot({ path: `${SHOTS}/import-preview.png` });

  await dialog.getByTestId('import-start').click();
  await expect(dialog.getByTestId('import-job')).toHaveAttribute('data-state', 'done');
  await expect(dialog.getByTestId('import-job-summary')).toContainText('2 created, 3 skipped');
  await dialog.getByTestId('import-close').click();

  await search('import');
  await expect(page.getByTestId('user-total')).toHaveText('2 users');
  await expect(page.locator('[data-testid="user-row"][data-login="imp.otto"]')).toContainText('No password');
});

test('a policy change makes the portal reject a weak password at sign-in', async () => {
  // An administrator whose password meets today's standard policy (8 characters) but not "High" (15).
  await page.getByTestId('create-user').click();
  const form = page.getByTestId('user-form');
  await form.getByRole('textbox', { name: 'Login' }).fill('kurt.kurz');
  await form.getByRole('textbox', { name: 'Name' }).fill('Kurt Kurz');
  await form.getByRole('switch', { name: 'Administrator' }).check({ force: true });
  await form.getByText('Enter a password').click();
  await form.getByLabel('Password', { exact: true }).fill('Wiese-Mond-7');
  await expect(form.getByTestId('password-requirements').locator('[data-rule="length"]')).toHaveAttribute('data-state', 'met');
  await form.getByRole('checkbox', { name: 'Change at next sign-in' }).uncheck();
  await form.getByTestId('user-form-submit').click();
  await expect(form).toBeHidden();

  await page.getByTestId('users-tab-policy').click();
  const policy = page.getByTestId('security-policy');
  await expect(policy.getByTestId('guidance-min_length_below_15_single_factor')).toBeVisible();
  await policy.getByTestId('policy-preset-control').getByText('High', { exact: true }).click();
  await expect(policy.getByTestId('policy-min-length')).toHaveValue('15');
  await expect(policy.getByTestId('guidance-min_length_below_15_single_factor')).toBeHidden();
  await page.screenshot({ path: `${SHOTS}/policy.png`, fullPage: true });
  await policy.getByTestId('policy-save').click();
  await expect(policy.getByTestId('policy-status')).toHaveText('Saved');

  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await signIn(page, { login: 'kurt.kurz', password: 'Wiese-Mond-7' });

  const change = page.getByTestId('change-password-dialog');
  await expect(change).toContainText('Your password must be changed before you continue');
  await change.getByRole('textbox', { name: 'Current password' }).fill('Wiese-Mond-7');
  await change.getByRole('textbox', { name: 'New password', exact: true }).fill('Kurz-Mond-2026');
  const length = change.getByTestId('password-requirements').locator('[data-rule="length"]');
  await expect(length).toHaveAttribute('data-state', 'failed');
  await change.getByRole('textbox', { name: 'Repeat new password' }).fill('Kurz-Mond-2026');
  await expect(change.getByRole('button', { name: 'Change password' })).toBeDisabled();
  await page.screenshot({ path: `${SHOTS}/weak-password-rejected.png` });
  // Not only the console's form: the portal itself refuses it, and at sign-in says the old one must change.
  const kurt = await portalApiAs({ login: 'kurt.kurz', password: 'Wiese-Mond-7' });
  try {
    expect(kurt.session).toMatchObject({ user: { login: 'kurt.kurz', mustChangePassword: true } });
    const refused = await kurt.call('POST', '/sessions/current/password', { body: { currentPassword: 'Wiese-Mond-7', newPassword: 'Kurz-Mond-2026' } });
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ code: 'password_policy', errors: expect.arrayContaining([expect.objectContaining({ path: 'newPassword' })]) });
  } finally {
    await kurt.close();
  }

  await change.getByRole('textbox', { name: 'New password', exact: true }).fill('Lange-Sommer-Wiese-2026');
  await change.getByRole('textbox', { name: 'Repeat new password' }).fill('Lange-Sommer-Wiese-2026');
  await expect(length).toHaveAttribute('data-state', 'met');
  await change.getByRole('button', { name: 'Change password' }).click();
  await expect(change).toBeHidden();
  await page.getByTestId('nav-users').click();
  await expect(page.getByTestId('user-total')).toHaveText(/\d+ users/);
});
