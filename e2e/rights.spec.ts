import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { Agent, request } from 'undici';
import { DEMO_ADMIN, type RunningConsole, closeSignedInArea, openSignedInArea } from './support/console';

test.describe.configure({ mode: 'serial' });

const GROUP = 'Projektteam E2E';
const APPLICATION = 'Ideenmanagement';
const SHOTS = '.tmp/screens/rights';

let page: Page;
let running: RunningConsole;

test.beforeAll(async ({ browser }) => {
  ({ page, running } = await openSignedInArea(browser, 'rights', 'Rights'));
});

test.afterAll(() => closeSignedInArea(page, running));

/** Types into a principal picker and chooses the option whose text contains every given part. */
async function pick(testId: string, query: string, ...parts: string[]) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(query);
  let option = page.getByRole('option');
  for (const part of parts) option = option.filter({ hasText: part });
  await option.first().click();
}

async function openTab(key: string) {
  await page.getByTestId(`rights-tab-${key}`).click();
}

async function openPrincipal(name: string) {
  await openTab('principals');
  await page.getByRole('textbox', { name: 'Search names' }).fill(name);
  await page.getByTestId(`principal-row-${name}`).click();
  await expect(page.getByTestId('principal-title')).toHaveText(name);
}

async function explain(user: string, application: string) {
  await openTab('explain');
  await pick('explain-user', user, user);
  await page.getByTestId('explain-application').click();
  await page.getByRole('option', { name: application, exact: true }).click();
}

/** Someone else, straight on the embedded portal: sign in and change the application's default level. */
async function changeDefaultElsewhere(applicationName: string, defaultLevel: string) {
  const profiles = JSON.parse(await readFile(join(running.userDataDir, 'profiles.json'), 'utf8')) as unknown;
  const list = (Array.isArray(profiles) ? profiles : (profiles as { profiles: unknown[] }).profiles) as { url: string; embedded: boolean }[];
  const base = list.find((profile) => profile.embedded)!.url;
  const dispatcher = new Agent({ connect: { rejectUnauthorized: false } });
  const call = async (method: 'GET' | 'POST' | 'PUT', path: string, token?: string, body?: unknown, ifMatch?: string) => {
    const response = await request(new URL(`/api/v1${path}`, base), {
      method,
      dispatcher,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(ifMatch ? { 'if-match': ifMatch } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { etag: response.headers.etag as string, json: (await response.body.json()) as Record<string, unknown> };
  };
  const { token } = (await call('POST', '/sessions', undefined, DEMO_ADMIN)).json as { token: string };
  const apps = (await call('GET', '/rights/applications', token)).json.items as { id: string; name: string }[];
  const id = apps.find((app) => app.name === applicationName)!.id;
  const current = await call('GET', `/applications/${id}/rights`, token);
  const entries = (current.json.entries as { principal: { id: string }; level: string }[]).map((e) => ({ principalId: e.principal.id, level: e.level }));
  await call('PUT', `/applications/${id}/rights`, token, { defaultLevel, entries }, current.etag);
  await dispatcher.close();
}

test('creates a group and gives it Edit on an application', async () => {
  await page.getByTestId('new-principal').click();
  const dialog = page.getByTestId('create-principal');
  await dialog.getByRole('textbox', { name: 'Name' }).fill(GROUP);
  await dialog.getByRole('textbox', { name: 'Description' }).fill('Ende-zu-Ende-Test');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByTestId('principal-title')).toHaveText(GROUP);
  await page.screenshot({ path: `${SHOTS}/principal.png`, fullPage: true });

  await openTab('applications');
  await page.getByTestId(`application-${APPLICATION}`).click();
  await expect(page.getByTestId('rights-application')).toHaveText(APPLICATION);
  await pick('entry-picker', 'Projektteam', GROUP);
  await page.getByTestId('entry-level').click();
  await page.getByRole('option', { name: 'Edit', exact: true }).click();
  await page.getByTestId('entry-add').click();
  await expect(page.getByTestId(`entry-${GROUP}`)).toBeVisible();
  await expect(page.getByTestId('rights-dirty')).toBeVisible();
  await page.getByTestId('rights-save').click();
  await expect(page.getByTestId('rights-dirty')).toBeHidden();
  await page.screenshot({ path: `${SHOTS}/application-rights.png`, fullPage: true });
});

test('explain shows Edit through the group after adding the user, and the default after removing them', async () => {
  await openPrincipal(GROUP);
  await pick('member-picker', 'admin', 'Administrator', 'admin', 'User');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId('member-Administrator')).toBeVisible();

  await explain('Administrator', APPLICATION);
  await expect(page.getByTestId('explain-level')).toHaveAttribute('data-level', 'edit');
  await expect(page.getByTestId('explain-source')).toContainText(`Decided by the entry for ${GROUP} (Edit)`);
  await expect(page.getByTestId('explain-winning-path')).toContainText('Administrator');
  await expect(page.getByTestId('explain-winning-path')).toContainText(GROUP);
  await expect(page.getByTestId('explain-enforced')).toHaveAttribute('data-agrees', 'true');
  await page.screenshot({ path: `${SHOTS}/explain-edit.png`, fullPage: true });

  await openPrincipal(GROUP);
  await page.getByRole('button', { name: 'Remove Administrator' }).click();
  await page.getByTestId('remove-member-dialog').getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(page.getByTestId('member-Administrator')).toBeHidden();

  await openTab('explain');
  await expect(page.getByTestId('explain-level')).toHaveAttribute('data-level', 'read_add');
  await expect(page.getByTestId('explain-source')).toHaveAttribute('data-source', 'default');
  await expect(page.getByTestId('explain-source')).toContainText('No entry applies');
  await expect(page.getByTestId('explain-enforced')).toHaveAttribute('data-agrees', 'true');
});

test('refuses a membership cycle and names it', async () => {
  await openPrincipal('Vertrieb');
  await pick('member-picker', 'Alle', 'Alle Mitarbeiter');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const alert = page.getByTestId('cycle-alert');
  await expect(alert).toContainText('Alle Mitarbeiter → Vertrieb → Alle Mitarbeiter');
  await page.screenshot({ path: `${SHOTS}/cycle.png`, fullPage: true });
});

test('shows both versions when someone else saved first, and keeps mine on request', async () => {
  await openTab('applications');
  await page.getByTestId('application-Fuhrpark').click();
  await expect(page.getByTestId('rights-application')).toHaveText('Fuhrpark');
  await page.getByRole('textbox', { name: 'Default for all other members' }).click();
  await page.getByRole('option', { name: 'Read', exact: true }).click();
  await changeDefaultElsewhere('Fuhrpark', 'manage');
  await page.getByTestId('rights-save').click();
  const conflict = page.getByRole('dialog', { name: 'Someone else has changed this in the meantime' });
  await expect(conflict).toBeVisible();
  await expect(conflict.getByRole('row', { name: /Default for all other members/ })).toContainText(/Read\s*Manage/);
  await page.screenshot({ path: `${SHOTS}/conflict.png`, fullPage: true });
  await conflict.getByRole('button', { name: 'Save my version' }).click();
  await expect(conflict).toBeHidden();
  await expect(page.getByTestId('rights-dirty')).toBeHidden();
  await expect(page.getByRole('textbox', { name: 'Default for all other members' })).toHaveValue('Read');
});

test('compares two principals and exports the matrix as CSV', async () => {
  await openTab('compare');
  await pick('compare-a', 'Vertrieb', 'Vertrieb', 'Group');
  await pick('compare-b', 'Geschäftsführung', 'Geschäftsführung', 'Group');
  await expect(page.getByTestId('compare-row-CRM')).toHaveAttribute('data-differs', 'true');
  await expect(page.getByTestId('compare-summary')).toContainText('differ');
  await page.screenshot({ path: `${SHOTS}/compare.png`, fullPage: true });

  await openTab('applications');
  const download = page.waitForEvent('download');
  await page.getByTestId('export-matrix').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^rights-matrix-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await file.path())!, 'utf8');
  expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('login,name,enabled,CRM,Fuhrpark,Ideenmanagement,Urlaubsantrag,Wissensdatenbank');
  expect(csv).toMatch(/\r\nadmin,Administrator,true,/);
});

test('saves function permissions and shows the org structure', async () => {
  await openTab('functions');
  const news = page.getByTestId('function-news');
  // The security sheet's default: members may add. Wait for it to load before changing it, or the load resets the click.
  await expect(news.getByRole('radio', { name: 'May add' })).toBeChecked();
  await news.getByText('Admins only').click();
  await expect(news.getByRole('radio', { name: 'Admins only' })).toBeChecked();
  await page.getByTestId('functions-save').click();
  await expect(page.getByText('Function permissions saved.')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/functions.png`, fullPage: true });

  await openTab('org');
  await page.getByTestId('org-unit-Vertrieb').click();
  await expect(page.getByTestId('org-unit-detail')).toContainText('Under Muster GmbH');
  await page.screenshot({ path: `${SHOTS}/org.png`, fullPage: true });
});
