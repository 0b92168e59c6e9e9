import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { openConsole, signIn, type RunningConsole } from './support/console';
import { tempDir } from './support/processes';
import { addTrustedProfile, startSecondPortal, type SecondPortal } from './support/second-portal';

/**
 * Issue 10's whole path through the designer's own screens: an application of two data groups (parent and
 * child) with a table page that opens an edit page with save and delete buttons, undo and redo, publish,
 * a second version and its diff, then export and import into a second reference portal, opened there.
 */

const APP = 'Projektverwaltung';
const SECOND = 'Kunde Produktion';

let running: RunningConsole | undefined;
let second: SecondPortal | undefined;

test.setTimeout(420_000);

test.afterAll(async () => {
  await running?.stop();
  await second?.stop();
});

/** Picks an option of a Mantine select from the list box that select opened (not one still closing elsewhere). */
async function choose(page: Page, select: Locator, option: string) {
  await select.click();
  await expect(select).toHaveAttribute('aria-controls', /.+/);
  const listbox = page.locator(`[id="${await select.getAttribute('aria-controls')}"]`);
  await listbox.getByRole('option', { name: option, exact: true }).click({ timeout: 30_000 });
  await expect(select).not.toHaveAttribute('data-expanded', 'true');
}

const canvasControls = (page: Page) => page.getByTestId('designer-canvas').locator('[data-testid^="canvas-control-"]');

async function addGroupWithField(page: Page, group: string, table: string, field: string) {
  await page.getByTestId('add-data-group').click();
  await page.getByTestId('prop-group-name').fill(group);
  await page.getByTestId('prop-table-name').fill(table);
  await page.getByTestId(`add-field-${group}`).click();
  await page.getByTestId('prop-field-name').fill(field);
  await expect(page.getByTestId(`tree-field-${field}`)).toBeVisible();
}

async function addPage(page: Page, title: string, group: string) {
  await page.getByTestId('add-page').click();
  await page.getByTestId('prop-page-title').fill(title);
  await choose(page, page.getByTestId('prop-page-group'), group);
}

async function addButton(page: Page, label: string, action: string, thenPage: string) {
  await page.getByTestId('palette-button').click();
  await page.getByTestId('prop-label').fill(label);
  await choose(page, page.getByTestId('prop-action'), action);
  await choose(page, page.getByTestId('prop-action-page'), thenPage);
}

async function publish(page: Page, comment: string, version: number) {
  await page.getByTestId('publish').click();
  const dialog = page.getByTestId('publish-dialog');
  await dialog.getByLabel('What changed? (for the version list)').fill(comment);
  await dialog.getByTestId('publish-confirm').click();
  await expect(page.getByTestId('published-version')).toHaveText(`Published: version ${version}`);
}

test('an application is designed, published twice, compared, exported and opened in a second portal', async ({ page, context }) => {
  [running, second] = await Promise.all([openConsole(page), startSecondPortal('prod')]);
  await signIn(page);
  await page.getByTestId('nav-applications').click();
  await page.getByTestId('create-application').click();
  const create = page.getByTestId('create-application-dialog');
  await create.getByLabel('Name').fill(APP);
  await create.getByRole('button', { name: 'Create and design' }).click();
  await expect(page.getByRole('heading', { name: APP, level: 1 })).toBeVisible();

  // Nothing designed yet: nothing to publish.
  await expect(page.getByTestId('publish')).toBeDisabled();

  // Two data groups: Aufgaben belong to a Projekt (1:n).
  await addGroupWithField(page, 'Projekte', 'projekte', 'Titel');
  await addGroupWithField(page, 'Aufgaben', 'aufgaben', 'Aufgabe');
  await page.getByTestId('tree-group-Aufgaben').click();
  await choose(page, page.getByTestId('prop-parent'), 'Projekte');
  await expect(page.getByTestId('tree-children-Projekte').getByTestId('tree-node-Aufgaben')).toBeVisible();

  // A list page with a table of Projekte, and an edit page with the title, save and delete.
  await addPage(page, 'Projektliste', 'Projekte');
  await page.getByTestId('palette-table').click();
  // A new table lists the page's data group with its first fields as columns.
  await expect(page.getByTestId('prop-table-group')).toHaveValue('Projekte');
  await expect(page.getByTestId('table-column-0')).toContainText('Titel');

  await addPage(page, 'Projekt bearbeiten', 'Projekte');
  await page.getByTestId('palette-textfield').click();
  await expect(canvasControls(page)).toHaveCount(1);
  await expect(canvasControls(page).first()).toContainText('Titel');
  await addButton(page, 'Speichern', 'Save', 'Projektliste');
  await addButton(page, 'Löschen', 'Delete', 'Projektliste');
  await expect(page.getByTestId('prop-action-confirm')).toBeChecked();
  await expect(canvasControls(page)).toHaveCount(3);

  // Undo takes the delete button away, redo brings it back.
  await page.getByTestId('designer-undo').click();
  await page.getByTestId('designer-undo').click();
  await page.getByTestId('designer-undo').click();
  await page.getByTestId('designer-undo').click();
  await expect(canvasControls(page)).toHaveCount(2);
  for (let i = 0; i < 4; i += 1) await page.getByTestId('designer-redo').click();
  await expect(canvasControls(page)).toHaveCount(3);
  await expect(page.getByTestId('designer-redo')).toBeDisabled();

  // The table opens its records on the edit page.
  await page.getByTestId('page-tab-Projektliste').click();
  await canvasControls(page).first().click();
  await choose(page, page.getByTestId('prop-open-page'), 'Projekt bearbeiten');
  await expect(page.getByTestId('save-status')).toHaveText(/^Draft saved/);

  await publish(page, 'Erste Fassung', 1);

  // Version 2: a due date for Projekte.
  await page.getByTestId('add-field-Projekte').click();
  await page.getByTestId('prop-field-name').fill('Frist');
  await choose(page, page.getByTestId('prop-field-type'), 'Date');
  await publish(page, 'Frist', 2);

  await page.getByTestId('open-history').click();
  await page.getByTestId('version-2-changes').click();
  const compare = page.getByTestId('version-compare');
  await expect(compare.getByTestId('diff-summary')).toContainText('from Version 1 to Version 2');
  await expect(compare.getByTestId('diff-section-field')).toContainText('Frist');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');

  // Export from this portal's list ...
  await page.getByTestId('nav-applications').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`application-${APP}`).getByTestId('application-export').click()]);
  const file = join(tempDir('application-lifecycle'), download.suggestedFilename());
  await download.saveAs(file);

  // ... import into the second portal, in a window of its own, and open it there.
  await page.getByTestId('user-menu').click();
  const [production] = await Promise.all([context.waitForEvent('page'), page.getByRole('menuitem', { name: 'Open another portal in a new window' }).click()]);
  await addTrustedProfile(production, second, SECOND, 'prod');
  await signIn(production, { profile: SECOND });
  await production.getByTestId('nav-applications').click();
  await production.getByTestId('import-application').click();
  const dialog = production.getByTestId('application-import-dialog');
  await dialog.locator('input[type="file"]').setInputFiles(file);
  await expect(dialog.getByTestId('application-import-target')).toHaveAttribute('data-action', 'create');
  await dialog.getByTestId('application-import-run').click();
  await expect(dialog.getByTestId('application-import-done')).toContainText(`“${APP}” imported as a new application (version 1).`);
  await dialog.getByTestId('application-import-open').click();
  await expect(production.getByRole('heading', { name: APP, level: 1 })).toBeVisible();
  await expect(production.getByTestId('tree-children-Projekte').getByTestId('tree-node-Aufgaben')).toBeVisible();
  await expect(production.getByTestId('tree-field-Frist')).toBeVisible();
  await expect(production.getByTestId('page-tab-Projekt bearbeiten')).toBeVisible();
  await production.screenshot({ path: 'test-results/application-lifecycle-imported.png', fullPage: true });
});
