import { expect, test, type Page } from '@playwright/test';
import { closeSignedInArea, openConsole, signIn, type RunningConsole } from './support/console';

test.describe.configure({ mode: 'serial' });

/** The demo's application designer and user administrator (portal/demo/admin-roles.ts). */
const DESIGNER = { login: 'susanne.schulze', password: 'Design-Portal-2026' };

let page: Page;
let running: RunningConsole;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  running = await openConsole(page);
});

test.afterAll(() => closeSignedInArea(page, running));

async function navKeys(): Promise<string[]> {
  const links = page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link');
  return (await links.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-testid') ?? ''))).map((id) => id.replace(/^nav-/, ''));
}

async function signOut() {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
}

test('the application designer sees only the overview, applications and layouts', async () => {
  await signIn(page, DESIGNER);
  await expect(page.getByTestId('portal-name')).toContainText('Muster GmbH Portal');
  await expect(page.getByTestId('nav-applications')).toBeVisible();
  expect(await navKeys()).toEqual(['overview', 'applications', 'layouts']);
  await page.getByTestId('nav-layouts').click();
  await expect(page.getByRole('heading', { name: 'Layouts', level: 1 })).toBeVisible();
});

test("a forbidden area's address says which right is missing, in English and German", async () => {
  await page.evaluate(() => {
    window.location.hash = '#/users';
  });
  const missing = page.getByTestId('missing-right');
  await expect(missing).toHaveText('You lack the administrator right "Users". An administrator with the "Security" right can give it to you.');
  await expect(page.getByRole('heading', { name: 'No right for this area', level: 1 })).toBeVisible();
  await page.getByTestId('language-switcher').getByText('DE', { exact: true }).click();
  await expect(missing).toContainText('Ihnen fehlt das Administratorrecht „Benutzer“.');
  await page.getByTestId('language-switcher').getByText('EN', { exact: true }).click();
  await page.getByRole('link', { name: 'To the overview' }).click();
  await expect(page.getByTestId('missing-right')).toHaveCount(0);
});

test('a full administrator gives the designer the updates right with the keyboard; the designer then sees Updates', async () => {
  await signOut();
  await signIn(page);
  await page.getByTestId('nav-administrators').click();
  await expect(page.getByRole('heading', { name: 'Administrator rights', level: 1 })).toBeVisible();
  const row = page.getByTestId(`administrator-${DESIGNER.login}`);
  await expect(row).toContainText('Applications');
  await expect(row).toContainText('Layouts');
  await row.getByRole('button', { name: /Edit the rights of/ }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: /Rights of/ });
  await expect(dialog.getByRole('checkbox', { name: 'Applications' })).toBeChecked();
  await dialog.getByRole('checkbox', { name: 'Updates' }).focus();
  await page.keyboard.press('Space');
  await expect(dialog.getByRole('checkbox', { name: 'Updates' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Save rights' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(row).toContainText('Updates');

  await signOut();
  await signIn(page, DESIGNER);
  await expect(page.getByTestId('nav-updates')).toBeVisible();
  expect(await navKeys()).toEqual(['overview', 'applications', 'layouts', 'updates']);
});
