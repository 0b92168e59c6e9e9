import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { closeSignedInArea, LOCAL_PROFILE, openSignedInConsole, type RunningConsole } from './support/console';

// Service description 2.4.5 (99.5 % per month after announced maintenance, only critical faults) and 2.3 (test and
// development instances at the production URL with "-test" / "-dev"), on the demo data at E2E_CLOCK (2 June 2027).

test.describe.configure({ mode: 'serial' });

let context: BrowserContext;
let page: Page;
let running: RunningConsole;

/** WCAG 2.0/2.1 A and AA and best practice, as the accessibility spec: no critical or serious violation. */
async function expectAccessible(target: Page, include: string): Promise<void> {
  const result = await new AxeBuilder({ page: target })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .include(include)
    .analyze();
  const blocking = result.violations.filter((violation) => violation.impact === 'critical' || violation.impact === 'serious');
  expect(blocking.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

test.beforeAll(async ({ browser }) => {
  // A context of its own: axe-core needs one (browser.newPage() has none it can use).
  context = await browser.newContext();
  page = await context.newPage();
  running = await openSignedInConsole(page);
  await page.getByTestId('nav-diagnostics').click();
  await expect(page.getByRole('heading', { name: 'Diagnostics', level: 1 })).toBeVisible();
});

test.afterAll(async () => {
  await closeSignedInArea(page, running);
  await context?.close();
});

test('the health board shows the availability of June and the 12 months before it against 99.5 %', async () => {
  const board = page.getByTestId('availability');
  const current = board.getByTestId('availability-current');
  await expect(current).toHaveAttribute('data-status', 'on_track');
  await expect(current).toContainText('June 2027 (current month)');
  await expect(current.getByTestId('availability-current-value')).toHaveText('100.0%');
  // June: 30 days less 6 h of announced maintenance (the monthly window and the critical one on 7 June), 0.5 % of that.
  await expect(current.getByTestId('availability-budget-left')).toHaveText('3 h 35 min');

  const may = board.getByTestId('availability-month-2027-05');
  await expect(may).toHaveAttribute('data-status', 'met');
  await expect(may.getByRole('cell')).toHaveText(['99.786%', '1 h 35 min', '3 h 42 min', '2 h', 'Met']);
  await expect(board.getByTestId('availability-month-2027-04')).toHaveAttribute('data-status', 'met');
  const march = board.getByTestId('availability-month-2027-03');
  await expect(march).toHaveAttribute('data-status', 'missed');
  await expect(march).toContainText('4 h 10 min');
  await expect(board.getByTestId('availability-months').locator('tbody tr')).toHaveCount(12);
  await page.screenshot({ path: 'test-results/availability-board.png', fullPage: true });
  await expectAccessible(page, '[data-testid="availability"]');
  await page.getByTestId('language-switcher').getByText('DE', { exact: true }).click();
  await expect(current).toContainText('Juni 2027 (laufender Monat)');
  await expect(may.getByRole('cell').last()).toHaveText('Erfüllt');
  await expectAccessible(page, '[data-testid="availability"]');
  await page.getByTestId('language-switcher').getByText('EN', { exact: true }).click();
  await expect(current).toContainText('June 2027 (current month)');
});

test('an outage recorded from the console counts until it is resolved', async () => {
  const board = page.getByTestId('availability');
  await board.getByRole('button', { name: 'Record outage' }).click();
  const dialog = page.getByRole('dialog', { name: 'Record outage' });
  await expectAccessible(page, '[role="dialog"]');
  await dialog.getByRole('textbox', { name: 'Cause and impact' }).fill('nginx answers 502 Bad Gateway for every page');
  await dialog.getByRole('button', { name: 'Record', exact: true }).click();
  await expect(dialog).toBeHidden();
  const ongoing = board.getByTestId('ongoing-outage');
  await expect(ongoing).toContainText('Ongoing critical fault');
  await expect(ongoing).toContainText('recorded by admin');
  await ongoing.getByRole('button', { name: 'Record as resolved now' }).click();
  await expect(ongoing).toBeHidden();
  await expect(board.getByTestId('availability-current')).toHaveAttribute('data-status', 'on_track');
});

test('the profile screen lists the -test and -dev instances of a production profile, not reachable here', async () => {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  // Signing out leaves the sign-in form of the profile open: back to the list.
  await page.getByTestId('sign-in-panel').getByRole('button', { name: 'Back to the profiles' }).click();
  const local = page.getByTestId(`profile-${LOCAL_PROFILE}`);
  const address = local.getByText(/^https:\/\/127\.0\.0\.1:\d+/);
  await expect(address).toBeVisible();
  const port = new URL((await address.textContent())!).port;

  // The local test portal once more, by host name and as production.
  await page.getByRole('button', { name: 'Add profile' }).first().click();
  const form = page.getByRole('dialog');
  await form.getByRole('textbox', { name: 'Name' }).fill('Kunde');
  await form.getByRole('textbox', { name: 'Address (URL)' }).fill(`https://localhost:${port}`);
  await form.getByText('Production', { exact: true }).click();
  await form.getByRole('button', { name: 'Add profile' }).click();
  const kunde = page.getByTestId('profile-Kunde');
  await expect(kunde).toBeVisible();
  await expect(local.getByTestId('profile-instances-toggle')).toHaveCount(0);

  await kunde.getByRole('button', { name: 'Show test and development instances of Kunde' }).click();
  const test = kunde.getByTestId('instance-test');
  const dev = kunde.getByTestId('instance-dev');
  await expect(test).toContainText(`https://localhost-test:${port}/`);
  await expect(dev).toContainText(`https://localhost-dev:${port}/`);
  await expect(test).toHaveAttribute('data-state', 'unreachable', { timeout: 15_000 });
  await expect(dev).toHaveAttribute('data-state', 'unreachable');
  await expect(test).toContainText('Not reachable: The name does not resolve');
  await expect(test.getByRole('button', { name: 'Add as profile' })).toBeDisabled();
  await expect(page.getByTestId('error-alert')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/profile-instances.png', fullPage: true });
  await expectAccessible(page, '[data-testid="profile-Kunde"]');
});
