import { expect, test, type Page } from '@playwright/test';
import { DEMO_ADMIN, openConsole, signIn, type RunningConsole } from './support/console';
import { startPortalProcess, tempDir } from './support/processes';

type RunningPortal = Awaited<ReturnType<typeof startPortalProcess>>;

const PROFILE = 'Kunde Produktion';
const cleanups: (() => Promise<void>)[] = [];
test.afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function portal(dataDir: string, port?: number): Promise<RunningPortal> {
  const started = await startPortalProcess(dataDir, { port, env: 'prod' });
  cleanups.push(started.stop);
  return started;
}

async function consoleIn(page: Page, userDataDir?: string): Promise<RunningConsole> {
  const started = await openConsole(page, userDataDir);
  cleanups.push(started.stop);
  return started;
}

async function addProfile(page: Page, url: string) {
  await page.getByRole('button', { name: 'Add profile' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Name' }).fill(PROFILE);
  await dialog.getByRole('textbox', { name: 'Address (URL)' }).fill(url);
  await dialog.getByText('Production', { exact: true }).click();
  await dialog.getByRole('button', { name: 'Add profile' }).click();
  await expect(page.getByTestId(`profile-${PROFILE}`)).toBeVisible();
}

test('first contact, trust, sign in with remember, restart, automatic sign-in, sign out', async ({ page, browser }) => {
  const hosted = await portal(tempDir('portal'));
  const userDataDir = tempDir('console');
  const first = await consoleIn(page, userDataDir);

  await addProfile(page, hosted.info.url);
  await expect(page.getByTestId(`profile-${PROFILE}`).getByTestId('pin-state')).toHaveAttribute('data-pinned', 'false');
  await page.getByTestId(`profile-${PROFILE}`).getByRole('button', { name: /Connect/ }).click();

  const certificate = page.getByTestId('certificate-dialog');
  await expect(certificate.getByTestId('certificate-spki')).toHaveText(hosted.info.spki);
  await expect(certificate).toContainText('No credentials have been sent yet');
  await certificate.getByRole('button', { name: 'Trust this certificate' }).click();

  const panel = page.getByTestId('sign-in-panel');
  await panel.getByRole('textbox', { name: 'Login', exact: true }).fill(DEMO_ADMIN.login);
  await panel.getByRole('textbox', { name: 'Password', exact: true }).fill(DEMO_ADMIN.password);
  await panel.getByLabel('Remember password in the system keychain').check();
  await panel.getByRole('button', { name: 'Sign in', exact: true }).click();

  await expect(page.getByTestId('portal-name')).toContainText('Muster GmbH Portal');
  await expect(page.getByTestId('environment-banner')).toContainText('PRODUCTION');

  // Restart the console: it signs in again from the keychain, without asking.
  await first.stop();
  const second = await startAgain(userDataDir);
  const page2 = await browser.newPage();
  await page2.goto(second.info.url);
  await expect(page2.getByTestId('portal-name')).toContainText('Muster GmbH Portal');

  await page2.getByTestId('user-menu').click();
  await page2.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page2.getByTestId('sign-in-panel')).toBeVisible();
  await page2.getByRole('button', { name: 'Back to the profiles' }).click();
  await expect(page2.getByTestId(`profile-${PROFILE}`)).toContainText('Password saved');
});

test('a certificate with another key on the pinned address is refused, naming both pins; re-pin changes it', async ({ page }) => {
  const genuine = await portal(tempDir('portal'));
  await consoleIn(page);
  await addProfile(page, genuine.info.url);
  await page.getByTestId(`profile-${PROFILE}`).getByRole('button', { name: /Connect/ }).click();
  await page.getByTestId('certificate-dialog').getByRole('button', { name: 'Trust this certificate' }).click();
  await expect(page.getByTestId('sign-in-panel')).toBeVisible();

  const port = Number(new URL(genuine.info.url).port);
  await genuine.stop();
  const impostor = await portal(tempDir('impostor'), port);
  expect(impostor.info.spki).not.toBe(genuine.info.spki);

  const panel = page.getByTestId('sign-in-panel');
  await panel.getByRole('textbox', { name: 'Login', exact: true }).fill(DEMO_ADMIN.login);
  await panel.getByRole('textbox', { name: 'Password', exact: true }).fill(DEMO_ADMIN.password);
  await panel.getByRole('button', { name: 'Sign in', exact: true }).click();

  const alert = page.locator('[data-error-code="PIN_MISMATCH"]');
  await expect(alert).toContainText(genuine.info.spki);
  await expect(alert).toContainText(impostor.info.spki);
  await expect(panel.getByRole('textbox', { name: 'Login', exact: true })).toHaveValue(DEMO_ADMIN.login);

  await alert.getByRole('button', { name: 'Re-pin …' }).click();
  const repin = page.getByTestId('repin-dialog');
  await expect(repin).toContainText(impostor.info.spki);
  await repin.getByLabel(/Type .* to confirm/).fill('127.0.0.1');
  await repin.getByRole('button', { name: 'Save the new pin' }).click();
  // A new pin sends no credentials by itself: the form is back, the refusal gone, the login kept, and the
  // administrator signs in to the newly pinned portal.
  await expect(repin).toBeHidden();
  await expect(alert).toHaveCount(0);
  await expect(panel.getByRole('textbox', { name: 'Login', exact: true })).toHaveValue(DEMO_ADMIN.login);
  await expect(page.getByTestId('portal-name')).toHaveCount(0);
  await panel.getByRole('textbox', { name: 'Password', exact: true }).fill(DEMO_ADMIN.password);
  await panel.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('portal-name')).toContainText('Muster GmbH Portal');
});

test('the local test portal is ready on first start; wrong password and lockout get their own messages', async ({ page }) => {
  await consoleIn(page);
  // The page is served at once; the local test portal comes up beside it ("Starting …") and is then pinned.
  await expect(page.getByTestId('profile-Local test portal')).toContainText('Pinned', { timeout: 90_000 });
  await signIn(page);
  await expect(page.getByTestId('environment-banner')).toContainText('DEVELOPMENT');
  await expect(page.getByTestId('header-environment')).toContainText('Development');
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();

  await signIn(page, { password: 'wrong-password-1' });
  await expect(page.locator('[data-error-code="INVALID_CREDENTIALS"]')).toBeVisible();
  await signIn(page, { password: 'wrong-password-2' });
  await signIn(page, { password: 'wrong-password-3' });
  const locked = page.locator('[data-error-code="ACCOUNT_LOCKED"]');
  await expect(locked).toBeVisible();
  // The right password while locked: wait for this attempt's own answer. The alert of the attempt before
  // leaves when the new attempt starts; the one that shows then is the portal's answer to this one.
  const answerBefore = await locked.elementHandle();
  await signIn(page);
  await expect.poll(() => answerBefore!.evaluate((element) => element.isConnected)).toBe(false);
  await expect(locked).toBeVisible();
  await expect(page.getByTestId('sign-in-panel')).toBeVisible();
  await expect(page.getByTestId('portal-name')).toHaveCount(0);
});

async function startAgain(userDataDir: string) {
  const { startConsole } = await import('./support/processes');
  const started = await startConsole(userDataDir);
  cleanups.push(started.stop);
  return started;
}
