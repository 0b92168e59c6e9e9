import { expect, type Browser, type Page } from '@playwright/test';
import { E2E_CLOCK, startPageClock } from './clock';
import { startConsole, tempDir } from './processes';

export const DEMO_ADMIN = { login: 'admin', password: 'Admin-Portal-2026' };
export const LOCAL_PROFILE = 'Local test portal';

export type RunningConsole = Awaited<ReturnType<typeof startConsole>> & { userDataDir: string };

/**
 * A fresh console in browser mode (own user-data folder, embedded demo portal), opened in the page; the portal and the
 * page both start their clocks at `clock`.
 */
export async function openConsole(page: Page, userDataDir = tempDir('e2e'), clock: string = E2E_CLOCK): Promise<RunningConsole> {
  const started = await startConsole(userDataDir, clock);
  await startPageClock(page, clock);
  await page.goto(started.info.url);
  return { ...started, userDataDir };
}

/** Signs in on the connect screen to a profile that is already pinned (the local test portal by default). */
export async function signIn(page: Page, options: { profile?: string; remember?: boolean } & Partial<typeof DEMO_ADMIN> = {}) {
  const panel = page.getByTestId('sign-in-panel');
  const connect = page.getByTestId(`profile-${options.profile ?? LOCAL_PROFILE}`).getByRole('button', { name: /Connect/ });
  // Right after "Sign out" the shell may still show: wait for the form or the profile list, whichever comes.
  await expect(panel.or(connect).first()).toBeVisible();
  if (!(await panel.isVisible())) await connect.click();
  await panel.getByRole('textbox', { name: 'Login', exact: true }).fill(options.login ?? DEMO_ADMIN.login);
  await panel.getByRole('textbox', { name: 'Password', exact: true }).fill(options.password ?? DEMO_ADMIN.password);
  if (options.remember) await panel.getByLabel('Remember password in the system keychain').check();
  await panel.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Starts a console and signs in as the demo admin; the shell is showing when it returns. */
export async function openSignedInConsole(page: Page, clock: string = E2E_CLOCK): Promise<RunningConsole> {
  const running = await openConsole(page, tempDir('e2e'), clock);
  await signIn(page);
  await expect(page.getByTestId('portal-name')).toContainText('Muster GmbH Portal');
  return running;
}

/** For serial specs that share one console: a new page, signed in, on the area behind nav entry `navKey`. */
export async function openSignedInArea(
  browser: Browser,
  navKey: string,
  heading: string,
  clock: string = E2E_CLOCK,
): Promise<{ page: Page; running: RunningConsole }> {
  const page = await browser.newPage();
  const running = await openSignedInConsole(page, clock);
  await page.getByTestId(`nav-${navKey}`).click();
  await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
  return { page, running };
}

export async function closeSignedInArea(page: Page | undefined, running: RunningConsole | undefined): Promise<void> {
  await page?.close();
  await running?.stop();
}
