import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { type RunningConsole, closeSignedInArea, openSignedInArea, signIn } from './support/console';

test.describe.configure({ mode: 'serial' });

let page: Page;
let running: RunningConsole;
let applicationId: string;

const canvasControl = () => page.getByTestId('designer-canvas').locator('[data-testid^="canvas-control-"]');
const draftFile = () => join(running.userDataDir, 'drafts', 'local-test-portal', `application-${applicationId}.json`);

test.beforeAll(async ({ browser }) => {
  ({ page, running } = await openSignedInArea(browser, 'applications', 'Applications'));
});

test.afterAll(() => closeSignedInArea(page, running));

test('lists the seeded applications and creates a new one', async () => {
  // The demo applications come published (portal/demo/applications.ts).
  await expect(page.getByTestId('application-Urlaubsantrag')).toContainText('Version 1 of');
  await page.getByTestId('create-application').click();
  const dialog = page.getByTestId('create-application-dialog');
  await dialog.getByLabel('Name').fill('Reisekosten');
  await dialog.getByRole('button', { name: 'Create and design' }).click();
  await expect(page.getByRole('heading', { name: 'Reisekosten', level: 1 })).toBeVisible();
  await expect(page.getByTestId('published-version')).toHaveText('Not published yet');
  applicationId = /#\/applications\/([0-9a-f-]{36})/.exec(page.url())![1]!;
});

test('creates a data group and a field, adds a page and a control bound to the field, and moves it', async () => {
  await page.getByTestId('add-data-group').click();
  await page.getByTestId('prop-group-name').fill('Reisen');
  await expect(page.getByTestId('tree-group-Reisen')).toContainText('data_group');
  await page.getByTestId('prop-table-name').fill('trips');
  await page.getByTestId('add-field-Reisen').click();
  await page.getByTestId('prop-field-name').fill('Reiseziel');
  await expect(page.getByTestId('tree-field-Reiseziel')).toBeVisible();

  await page.getByTestId('add-page').click();
  await page.getByTestId('prop-page-title').fill('Reise');
  await page.getByTestId('palette-textfield').click();
  await expect(canvasControl()).toHaveCount(1);
  await expect(canvasControl()).toContainText('Reiseziel');
  await expect(canvasControl()).toHaveAttribute('data-x', '0');

  // Keyboard dragging (dnd-kit keyboard sensor): Space picks up, arrows move by one grid cell, Space drops.
  await canvasControl().focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  await expect(canvasControl()).toHaveAttribute('data-x', '2');
  await expect(canvasControl()).toHaveAttribute('data-y', '1');

  // Mouse dragging: three cells to the right.
  const box = (await canvasControl().boundingBox())!;
  const cell = (await page.getByTestId('designer-canvas').boundingBox())!.width / 12;
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 40, box.y + box.height / 2, { steps: 4 });
  await page.mouse.move(box.x + 20 + 3 * cell, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(canvasControl()).toHaveAttribute('data-x', '5');

  await expect(page.getByTestId('issues-none')).toBeVisible();
  await expect(page.getByTestId('save-status')).toHaveText(/^Draft saved/);
  expect(existsSync(draftFile())).toBe(true);
});

test('shows problems live: a checkbox cannot show the text field', async () => {
  await page.getByTestId('palette-checkbox').click();
  await expect(page.getByTestId('issues-panel')).toContainText('Bind the Checkbox "Checkbox" to a field.');
  await expect(page.getByTestId('publish')).toBeDisabled();
  await page.getByTestId('remove-control').click();
  await expect(page.getByTestId('issues-none')).toBeVisible();
});

test('the draft survives a reload of the console', async () => {
  await expect(page.getByTestId('save-status')).toHaveText(/^Draft saved/);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Reisekosten', level: 1 })).toBeVisible();
  await expect(canvasControl()).toHaveCount(1);
  await expect(canvasControl()).toContainText('Reiseziel');
  await expect(canvasControl()).toHaveAttribute('data-x', '5');
  await expect(page.getByTestId('tree-field-Reiseziel')).toBeVisible();
  await expect(page.getByTestId('save-status')).toHaveText(/^Draft saved/);
});

test('previews the page as a portal user sees it', async () => {
  await page.getByTestId('mode-switch').getByText('Preview').click();
  await expect(page.getByTestId('page-preview').getByRole('textbox', { name: 'Reiseziel' })).toBeVisible();
  await page.screenshot({ path: 'test-results/applications-preview.png' });
  await page.getByTestId('mode-switch').getByText('Design').click();
});

test('publishes, removes the draft and shows the version in the history', async () => {
  await page.screenshot({ path: 'test-results/applications-designer.png' });
  await page.getByTestId('publish').click();
  const dialog = page.getByTestId('publish-dialog');
  await dialog.getByLabel(/What changed/).fill('Erste Fassung');
  await dialog.getByTestId('publish-confirm').click();
  await expect(page.getByTestId('published-version')).toHaveText('Published: version 1');
  await expect(page.getByTestId('save-status')).toHaveText('No unpublished changes');
  expect(existsSync(draftFile())).toBe(false);

  await page.getByTestId('open-history').click();
  const version = page.getByTestId('history-drawer').getByTestId('version-1');
  await expect(version).toContainText('Erste Fassung');
  await expect(version).toContainText('1 data group, 1 field, 1 page, 1 control');
  await page.keyboard.press('Escape');
});

test('a publish based on an older version shows both versions and lets the admin choose', async ({ browser }) => {
  // This window edits on version 1 ...
  await canvasControl().click();
  await page.getByTestId('prop-label').fill('Wohin?');
  await expect(page.getByTestId('save-status')).toHaveText(/^Draft saved/);

  // ... while a second window publishes version 2 from the same draft.
  const otherContext = await browser.newContext({ locale: 'en-US' });
  await otherContext.addCookies(await page.context().cookies());
  const other = await otherContext.newPage();
  await other.goto(page.url());
  // Another window is a session of its own (several portals at once): it signs in, then opens the same application.
  await signIn(other);
  await expect(other.getByTestId('portal-name')).toBeVisible();
  await other.goto(page.url());
  await other.getByTestId('publish').click();
  await other.getByTestId('publish-dialog').getByTestId('publish-confirm').click();
  await expect(other.getByTestId('published-version')).toHaveText('Published: version 2');
  await otherContext.close();

  await page.getByTestId('prop-label').fill('Reiseziel (Ort)');
  await expect(page.getByTestId('save-status')).toHaveText(/^Draft saved/);
  await page.getByTestId('publish').click();
  await page.getByTestId('publish-dialog').getByTestId('publish-confirm').click();
  const conflict = page.getByTestId('conflict-dialog');
  await expect(conflict.getByTestId('conflict-count')).toBeVisible();
  await expect(conflict.getByTestId('conflict-row-pages[0].controls[0].label')).toContainText('Reiseziel (Ort)');
  await expect(conflict.getByTestId('conflict-row-pages[0].controls[0].label')).toContainText('Wohin?');
  await page.screenshot({ path: 'test-results/applications-conflict.png' });
  await conflict.getByRole('button', { name: 'Save my version' }).click();
  await expect(page.getByTestId('published-version')).toHaveText('Published: version 3');
  await expect(canvasControl()).toContainText('Reiseziel (Ort)');
});

test.describe('layouts', () => {
  test('theme colours with a contrast check, a logo, custom CSS with a syntax check, saved with If-Match', async () => {
    await page.getByTestId('nav-layouts').click();
    await page.getByTestId('layout-Standard').getByRole('button', { name: 'Edit' }).click();
    await expect(page.getByTestId('layout-editor')).toBeVisible();
    await expect(page.getByTestId('contrast-primary')).toHaveAttribute('data-verdict', 'pass');

    const primary = page.getByTestId('layout-primary');
    await primary.fill('#ffd43b');
    await expect(page.getByTestId('contrast-primary')).toHaveAttribute('data-verdict', 'fail');
    await primary.fill('#7b2d26');
    await expect(page.getByTestId('contrast-primary')).toHaveAttribute('data-verdict', 'pass');

    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="32"><rect width="64" height="32" fill="#7b2d26"/></svg>';
    await page.locator('input[type="file"]').setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(svg) });
    await expect(page.getByTestId('logo-image')).toBeVisible();

    const editor = page.getByTestId('css-editor-content');
    await editor.click();
    // The editor closes brackets itself; a missing colon is still a syntax error.
    await page.keyboard.type('.portal-name { color gold }');
    await expect(page.getByTestId('layout-issues')).toContainText('CSS syntax error at line 1');
    await expect(page.getByTestId('save-layout')).toBeDisabled();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('.portal-name { color: gold }');
    await expect(page.getByTestId('layout-issues')).toHaveCount(0);
    const preview = page.frameLocator('[data-testid="layout-preview"]');
    await expect(preview.locator('.portal-name')).toHaveCSS('color', 'rgb(255, 215, 0)');
    await expect(preview.locator('.portal-header')).toHaveCSS('background-color', 'rgb(123, 45, 38)');
    await expect(page.getByTestId('layout-save-status')).toHaveText(/^Draft saved/);
    await page.screenshot({ path: 'test-results/layouts-editor.png' });

    await page.getByTestId('save-layout').click();
    await expect(page.getByTestId('layout-save-status')).toHaveText('No unsaved changes');
    await page.getByRole('link', { name: 'Back to the layouts' }).click();
    await expect(page.getByTestId('layout-Standard').getByLabel('With logo')).toBeVisible();
  });
});
