import { expect, test } from '@playwright/test';
import { openConsole, signIn, type RunningConsole } from './support/console';
import { addTrustedProfile, startSecondPortal, type SecondPortal } from './support/second-portal';

const PRODUCTION = 'Kunde Produktion';

let running: RunningConsole | undefined;
let production: SecondPortal | undefined;

test.afterAll(async () => {
  await running?.stop();
  await production?.stop();
});

test.setTimeout(240_000);

test('compare the local test portal with production, open in another tab: an application only production has is marked', async ({ page, context }) => {
  [running, production] = await Promise.all([openConsole(page), startSecondPortal('prod')]);
  await signIn(page);

  await page.getByTestId('nav-compare').click();
  await expect(page.getByRole('heading', { name: 'Compare portals', level: 1 })).toBeVisible();
  await expect(page.getByTestId('compare-none-open')).toContainText('Open another portal in a new window');

  // Production in a second tab, with an application the test portal lacks.
  await page.getByTestId('user-menu').click();
  const [tab2] = await Promise.all([context.waitForEvent('page'), page.getByRole('menuitem', { name: 'Open another portal in a new window' }).click()]);
  await addTrustedProfile(tab2, production, PRODUCTION, 'prod');
  await signIn(tab2, { profile: PRODUCTION });
  await tab2.getByTestId('nav-applications').click();
  await tab2.getByRole('button', { name: 'New application …' }).click();
  const dialog = tab2.getByTestId('create-application-dialog');
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Nur in Produktion');
  await dialog.getByRole('button', { name: 'Create and design' }).click();
  await expect(tab2.getByText('Nur in Produktion').first()).toBeVisible();

  // Back in the first tab: production is offered, and the comparison marks the difference.
  await page.bringToFront();
  await page.getByRole('button', { name: 'Look again' }).click();
  await expect(page.getByTestId('compare-with')).toHaveValue(new RegExp(PRODUCTION));
  await page.getByTestId('compare-run').click();
  const comparison = page.getByTestId('comparison');
  // Both portals' whole configuration is read: give it time on a busy machine.
  await expect(comparison).toContainText('Local test portal', { timeout: 60_000 });
  await expect(comparison).toContainText(PRODUCTION);
  const applications = comparison.locator('[data-testid="comparison-section"][data-section="applications"]');
  await expect(applications.locator('[data-presence="onlyThere"]', { hasText: 'Nur in Produktion' })).toContainText('missing');
  await expect(comparison.getByTestId('version-row').filter({ hasText: 'Nur in Produktion' })).toHaveAttribute('data-differs', 'true');
  await page.screenshot({ path: 'test-results/compare-portals.png', fullPage: true });
});
