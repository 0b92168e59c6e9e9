import { expect, test, type Page } from '@playwright/test';
import { DEMO_ADMIN, openConsole, signIn, type RunningConsole } from './support/console';
import { addTrustedProfile, startSecondPortal, type SecondPortal } from './support/second-portal';

const SECOND = 'Kunde Test';
const LOGIN = 'nur.im.ersten';

let running: RunningConsole | undefined;
let second: SecondPortal | undefined;

test.afterAll(async () => {
  await running?.stop();
  await second?.stop();
});

async function openUsers(page: Page) {
  await page.getByTestId('nav-users').click();
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
}

async function searchUsers(page: Page, text: string) {
  await page.getByTestId('user-search').fill(text);
}

test.setTimeout(300_000);

test('two portals at once, one per tab: a user created in one is absent in the other; signing out of one leaves the other', async ({ page, context }) => {
  [running, second] = await Promise.all([openConsole(page), startSecondPortal('test')]);

  // Tab 1: the embedded local test portal (development).
  await signIn(page);
  await expect(page.getByTestId('environment-banner')).toHaveAttribute('data-environment', 'dev');

  // Tab 2, opened from the user menu: its own workspace, at the profile list (no automatic sign-in).
  await page.getByTestId('user-menu').click();
  const [tab2] = await Promise.all([context.waitForEvent('page'), page.getByRole('menuitem', { name: 'Open another portal in a new window' }).click()]);
  await expect(tab2.getByRole('button', { name: 'Add profile' }).first()).toBeVisible();
  await addTrustedProfile(tab2, second, SECOND, 'test');
  await signIn(tab2, { profile: SECOND });
  await expect(tab2.getByTestId('environment-banner')).toHaveAttribute('data-environment', 'test');
  // Tab 1 is still on its own portal.
  await expect(page.getByTestId('environment-banner')).toHaveAttribute('data-environment', 'dev');

  // A user created in tab 1 (local portal) ...
  await openUsers(page);
  await page.getByTestId('create-user').click();
  const form = page.getByTestId('user-form');
  await form.getByRole('textbox', { name: 'Login' }).fill(LOGIN);
  await form.getByRole('textbox', { name: 'Name' }).fill('Erika Erste');
  await form.getByRole('textbox', { name: 'E-mail' }).fill('erika.erste@muster-gmbh.de');
  await form.getByTestId('user-form-submit').click();
  await page.getByRole('button', { name: 'Done' }).click();
  await searchUsers(page, LOGIN);
  await expect(page.getByTestId('user-total')).toHaveText('1 user');

  // ... is absent in tab 2 (the second portal).
  await openUsers(tab2);
  await searchUsers(tab2, LOGIN);
  await expect(tab2.getByTestId('user-total')).toHaveText('0 users');

  // A reload keeps the tab's own session.
  await tab2.reload();
  await expect(tab2.getByTestId('environment-banner')).toHaveAttribute('data-environment', 'test');

  // Signing out of tab 1 leaves tab 2 signed in and working.
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByTestId('sign-in-panel')).toBeVisible();
  await openUsers(tab2);
  await searchUsers(tab2, DEMO_ADMIN.login);
  await expect(tab2.locator(`[data-testid="user-row"][data-login="${DEMO_ADMIN.login}"]`)).toBeVisible();
  await expect(tab2.getByTestId('environment-banner')).toHaveAttribute('data-environment', 'test');
});
