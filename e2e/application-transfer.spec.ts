import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO_ADMIN, openConsole, signIn, type RunningConsole } from './support/console';
import { tempDir } from './support/processes';
import { addTrustedProfile, startSecondPortal, type SecondPortal } from './support/second-portal';

const TEST_PORTAL = 'Kunde Test';
const APP = 'Reisekosten 2027';
const SHOTS = 'test-results/application-transfer';

let running: RunningConsole | undefined;
let second: SecondPortal | undefined;
let api: APIRequestContext | undefined;

test.afterAll(async () => {
  await api?.dispose();
  await running?.stop();
  await second?.stop();
});

test.setTimeout(300_000);

/** The application as the test portal's designer would publish it: a parent and a child group, two pages. */
const definition = {
  dataGroups: [
    { id: 'reisen', name: 'Reisen', tableName: 'reisen', fields: [{ id: 'ziel', name: 'Ziel', type: 'text', required: true, maxLength: null, choices: [] }] },
    {
      id: 'belege',
      name: 'Belege',
      tableName: 'belege',
      parentId: 'reisen',
      fields: [{ id: 'betrag', name: 'Betrag', type: 'decimal', required: false, maxLength: null, precision: 2, choices: [] }],
    },
  ],
  pages: [
    {
      id: 'reise',
      title: 'Reise',
      dataGroupId: 'reisen',
      controls: [
        { id: 'ziel-feld', kind: 'textfield', label: 'Ziel', fieldId: 'ziel', x: 0, y: 0, w: 6, h: 1 },
        { id: 'zu-belegen', kind: 'button', label: 'Belege', fieldId: null, x: 0, y: 1, w: 3, h: 1, action: { type: 'goToPage', pageId: 'beleg', confirm: true } },
      ],
    },
    { id: 'beleg', title: 'Beleg', dataGroupId: 'belege', controls: [{ id: 'betrag-feld', kind: 'number', label: 'Betrag', fieldId: 'betrag', x: 0, y: 0, w: 4, h: 1 }] },
  ],
};

/** Builds and publishes the application on the test portal through its API, with rights for a group only it has. */
async function publishOnTestPortal(portal: SecondPortal): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL: `${portal.info.url}/api/v1/`, ignoreHTTPSErrors: true });
  const session = await context.post('sessions', { data: DEMO_ADMIN });
  expect(session.status()).toBe(201);
  const headers = { authorization: `Bearer ${((await session.json()) as { token: string }).token}` };
  const app = await context.post('applications', { headers, data: { name: APP, description: 'Belege und Erstattung' } });
  expect(app.status()).toBe(201);
  const { id } = (await app.json()) as { id: string };
  const current = await context.get(`applications/${id}/definition`, { headers });
  const published = await context.put(`applications/${id}/definition`, { headers: { ...headers, 'if-match': current.headers().etag ?? '' }, data: { definition, comment: 'v1' } });
  expect(published.status(), await published.text()).toBe(200);
  const group = await context.post('principals', { headers, data: { kind: 'group', name: 'Reisestelle Test', description: '' } });
  expect(group.status()).toBe(201);
  const rights = await context.get(`applications/${id}/rights`, { headers });
  const saved = await context.put(`applications/${id}/rights`, {
    headers: { ...headers, 'if-match': rights.headers().etag ?? '' },
    data: { defaultLevel: 'read', entries: [{ principalId: ((await group.json()) as { id: string }).id, level: 'manage' }] },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  return context;
}

async function openApplications(page: Page) {
  await page.getByTestId('nav-applications').click();
  await expect(page.getByRole('heading', { name: 'Applications', level: 1 })).toBeVisible();
}

test('an application exported from the test portal is previewed, mapped, imported into the local portal and opens in its designer', async ({ page, context }) => {
  [running, second] = await Promise.all([openConsole(page), startSecondPortal('test')]);
  api = await publishOnTestPortal(second);
  await signIn(page);
  await expect(page.getByTestId('portal-name')).toContainText('Muster GmbH Portal');

  // The test portal in a second window: export the application from its list.
  await page.getByTestId('user-menu').click();
  const [testPortal] = await Promise.all([context.waitForEvent('page'), page.getByRole('menuitem', { name: 'Open another portal in a new window' }).click()]);
  await addTrustedProfile(testPortal, second, TEST_PORTAL, 'test');
  await signIn(testPortal, { profile: TEST_PORTAL });
  await openApplications(testPortal);
  const row = testPortal.getByTestId(`application-${APP}`);
  const [download] = await Promise.all([testPortal.waitForEvent('download'), row.getByTestId('application-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^reisekosten-2027-application-\d{4}-\d{2}-\d{2}\.json$/);
  const file = join(tempDir('application-transfer'), download.suggestedFilename());
  await download.saveAs(file);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'portal-console/application', schemaVersion: 1, sourceVersion: 1 });

  // The local portal: an altered file and one of a newer schema are refused, and nothing is imported.
  await page.bringToFront();
  await openApplications(page);
  await page.getByTestId('import-application').click();
  const dialog = page.getByTestId('application-import-dialog');
  const fileInput = dialog.locator('input[type="file"]');
  const altered = join(tempDir('application-transfer'), 'altered.json');
  writeFileSync(altered, readFileSync(file, 'utf8').replace('"Ziel"', '"Zielort"'));
  await fileInput.setInputFiles(altered);
  await expect(dialog.getByTestId('application-import-problem')).toHaveAttribute('data-problem', 'checksum_mismatch');
  await expect(dialog.getByTestId('application-import-problem')).toContainText('Nothing was changed.');
  const newer = join(tempDir('application-transfer'), 'newer.json');
  writeFileSync(newer, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), schemaVersion: 2 }));
  await fileInput.setInputFiles(newer);
  await expect(dialog.getByTestId('application-import-problem')).toContainText('schema 2; this console reads schema 1');

  // The real file: a new application, everything created, the group this portal lacks is mapped (left out here).
  await fileInput.setInputFiles(file);
  const preview = dialog.getByTestId('application-import-preview');
  await expect(preview.getByTestId('application-import-target')).toHaveAttribute('data-action', 'create');
  await expect(preview.getByTestId('application-import-totals').locator('[data-kind="added"]')).toHaveAttribute('data-count', '9');
  await expect(preview.getByTestId('application-import-right')).toHaveAttribute('data-status', 'unmapped');
  const run = dialog.getByTestId('application-import-run');
  await expect(run).toBeDisabled();
  await page.screenshot({ path: `${SHOTS}/mapping.png`, fullPage: true });
  const mapping = dialog.getByTestId('configuration-mapping-group:reisestelle test');
  await mapping.click();
  await page.getByRole('option', { name: 'Leave its rights entries out' }).click();
  await expect(preview.getByTestId('application-import-right')).toHaveAttribute('data-status', 'skipped');
  await expect(run).toBeEnabled();
  await page.screenshot({ path: `${SHOTS}/preview.png`, fullPage: true });
  await run.click();
  await expect(dialog.getByTestId('application-import-done')).toContainText(`“${APP}” imported as a new application (version 1).`);
  await expect(dialog.getByTestId('application-import-done')).toContainText('1 rights entry left out');

  // Open it in the designer of the local portal: its pages are there.
  await dialog.getByTestId('application-import-open').click();
  await expect(page.getByRole('heading', { name: APP, level: 1 })).toBeVisible();
  await expect(page.getByText('Beleg', { exact: true }).first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/designer.png`, fullPage: true });

  // The same file again: a new version would change nothing, so there is nothing to import.
  await openApplications(page);
  await page.getByTestId('import-application').click();
  await page.getByTestId('application-import-dialog').locator('input[type="file"]').setInputFiles(file);
  await expect(page.getByTestId('application-import-target')).toHaveAttribute('data-action', 'update');
  await expect(page.getByTestId('application-import-same')).toBeVisible();
});
