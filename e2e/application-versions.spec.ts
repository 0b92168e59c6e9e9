import { expect, test, type Page } from '@playwright/test';
import { type RunningConsole, closeSignedInArea, openSignedInArea } from './support/console';

/**
 * Versions of a demo application with records (issue 10): a retyped field that holds data is published only
 * after the console has said what happens to the values; the history shows the change as a readable diff
 * and rolls back to version 1 as a new version.
 */

test.describe.configure({ mode: 'serial' });

let page: Page;
let running: RunningConsole;

test.beforeAll(async ({ browser }) => {
  ({ page, running } = await openSignedInArea(browser, 'applications', 'Applications'));
});

test.afterAll(() => closeSignedInArea(page, running));

test('publishing a retyped field that holds data says what happens to it and asks first', async () => {
  await page.getByTestId('application-Urlaubsantrag').getByRole('button', { name: 'Design' }).click();
  await expect(page.getByTestId('published-version')).toHaveText('Published: version 1');
  // Vertretung holds names in most requests; as e-mail addresses none of them is valid.
  await page.getByTestId('tree-field-Vertretung').click();
  await page.getByTestId('prop-field-type').click();
  await page.getByRole('option', { name: 'E-mail', exact: true }).click();
  await expect(page.getByTestId('save-status')).toHaveText(/^Draft saved/);

  await page.getByTestId('publish').click();
  const dialog = page.getByTestId('publish-dialog');
  await expect(dialog.getByTestId('publish-summary-field')).toHaveText('Fields: 1 changed');
  await dialog.getByLabel('What changed? (for the version list)').fill('Vertretung als E-Mail-Adresse');
  await dialog.getByTestId('publish-confirm').click();

  const loss = dialog.getByTestId('data-loss');
  await expect(loss.getByTestId('data-loss-fieldRetyped')).toContainText(/^Field Vertretung of Anträge changes from Text to E-mail: the values in \d+ records cannot be converted and are cleared\.$/);
  await expect(page.getByTestId('published-version')).toHaveText('Published: version 1');
  await dialog.getByTestId('publish-confirm-data-loss').click();
  await expect(page.getByTestId('published-version')).toHaveText('Published: version 2');
  await expect(page.getByText(/^Version 2 is published\. \d+ values cleared\.$/)).toBeVisible();
});

test("the history shows the version's changes and rolls back to version 1 as version 3", async () => {
  await page.getByTestId('open-history').click();
  await expect(page.getByTestId('version-2-counts')).toHaveText(/^1 data group, 8 fields, \d+ pages, \d+ controls$/);
  await page.getByTestId('version-2-changes').click();
  const compare = page.getByTestId('version-compare');
  await expect(compare.getByTestId('diff-summary')).toContainText('1 change from Version 1 to Version 2');
  const field = compare.getByTestId('diff-field-changed-f_ua_vertretung');
  await expect(field.getByTestId('diff-property-type')).toHaveText('TypeText→ E-mail');
  await page.keyboard.press('Escape');
  await expect(compare).toBeHidden();

  await page.getByTestId('version-1-rollback').click();
  const rollback = page.getByTestId('rollback-dialog');
  await expect(rollback).toContainText('Roll back to version 1?');
  await expect(rollback).toContainText('publishes the content of version 1 again as version 3');
  // E-mail back to text converts every value, and none is left: nothing to confirm.
  await rollback.getByTestId('rollback-confirm').click();
  await expect(page.getByTestId('published-version')).toHaveText('Published: version 3');
  await expect(page.getByText('Rolled back to version 1: published as version 3.')).toBeVisible();
  await page.getByTestId('open-history').click();
  await expect(page.getByTestId('version-3')).toContainText('Rollback to version 1');
});
