import { expect, test, type Page } from '@playwright/test';
import { type RunningConsole, closeSignedInArea, openSignedInArea } from './support/console';

/**
 * The designer on a demo application (portal/demo/applications.ts, published with records): relations in
 * the data tree, choices with labels, and the preview running the pages on the portal's real records.
 */

test.describe.configure({ mode: 'serial' });

let page: Page;
let running: RunningConsole;

test.beforeAll(async ({ browser }) => {
  ({ page, running } = await openSignedInArea(browser, 'applications', 'Applications'));
});

test.afterAll(() => closeSignedInArea(page, running));

test('the data tree draws the relations and a choice field lists values with labels', async () => {
  await page.getByTestId('application-CRM').getByRole('button', { name: 'Design' }).click();
  await expect(page.getByRole('heading', { name: 'CRM', level: 1 })).toBeVisible();
  await expect(page.getByTestId('tree-children-Firmen').getByTestId('tree-node-Kontakte')).toHaveAttribute('data-depth', '1');
  await expect(page.getByTestId('tree-relation-Kontakte')).toHaveAttribute('data-rule', 'cascade');
  await page.getByTestId('tree-field-Branche').click();
  await expect(page.getByTestId('field-properties')).toHaveAttribute('data-type', 'choice');
  await expect(page.getByTestId('choice-value-0')).toHaveValue('Handel');
  await expect(page.getByTestId('choice-label-0')).toHaveValue('Handel');
  await page.getByTestId('tree-group-Kontakte').click();
  await expect(page.getByTestId('prop-parent')).toHaveValue('Firmen');
  await expect(page.getByTestId('system-field-owner')).toBeVisible();
});

test('the preview lists real records, opens one by keyboard, shows the field rules and saves through the portal', async () => {
  await page.getByTestId('mode-switch').getByText('Preview').click();
  const preview = page.getByTestId('page-preview');
  await expect(preview).toHaveAttribute('data-page-id', 'p_firmen_liste');
  await expect(preview.getByTestId('preview-unpublished')).toHaveCount(0);
  const rows = preview.locator('[data-testid^="preview-row-"]');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(1);
  expect(await rows.count()).toBeLessThanOrEqual(25);
  const rowTestId = (await rows.first().getAttribute('data-testid'))!;
  await page.screenshot({ path: 'test-results/designer-preview-table.png' });

  await rows.first().focus();
  await page.keyboard.press('Enter');
  await expect(preview).toHaveAttribute('data-page-id', 'p_firmen_bearbeiten');
  await expect(preview).toHaveAttribute('data-record-id', rowTestId.replace('preview-row-', ''));
  const name = preview.getByRole('textbox', { name: 'Name' });
  await expect(name).not.toHaveValue('');
  await expect(preview.locator('[data-testid$="_crm_kontakte_tabelle"]')).toHaveAttribute('data-state', /ready|empty/);

  await name.fill('');
  await preview.getByRole('button', { name: 'Speichern' }).click();
  await expect(preview.getByTestId('preview-status')).toHaveText('Please correct the marked fields.');
  await expect(preview.getByText('Required.')).toBeVisible();
  await page.screenshot({ path: 'test-results/designer-preview-validation.png' });

  await name.fill('AAA Vorschau GmbH');
  await preview.getByRole('button', { name: 'Speichern' }).click();
  await expect(preview).toHaveAttribute('data-page-id', 'p_firmen_liste');
  await expect(preview.getByTestId('preview-status')).toHaveText('Saved.');
  await expect(preview.getByTestId(rowTestId)).toContainText('AAA Vorschau GmbH');
});
