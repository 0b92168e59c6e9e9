import { expect, type Page } from '@playwright/test';
import type { Environment } from '../../common/portal-api/common';
import { startPortalProcess, tempDir } from './processes';

export type SecondPortal = Awaited<ReturnType<typeof startPortalProcess>>;

const ENVIRONMENT_LABEL: Record<Environment, string> = { prod: 'Production', test: 'Test', dev: 'Development' };

/** Another reference portal beside the console's embedded one: its own process, data folder and port (run time). */
export function startSecondPortal(env: Environment = 'test'): Promise<SecondPortal> {
  return startPortalProcess(tempDir('second-portal'), { env });
}

/**
 * On the connect screen: adds a profile for `url`, trusts its certificate on first contact (checking the SPKI the
 * dialog shows against the one the portal printed) and leaves the sign-in form of that profile open.
 */
export async function addTrustedProfile(page: Page, portal: SecondPortal, name: string, environment: Environment): Promise<void> {
  await page.getByRole('button', { name: 'Add profile' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('textbox', { name: 'Address (URL)' }).fill(portal.info.url);
  await dialog.getByText(ENVIRONMENT_LABEL[environment], { exact: true }).click();
  await dialog.getByRole('button', { name: 'Add profile' }).click();
  await page.getByTestId(`profile-${name}`).getByRole('button', { name: /Connect/ }).click();
  const certificate = page.getByTestId('certificate-dialog');
  await expect(certificate.getByTestId('certificate-spki')).toHaveText(portal.info.spki);
  await certificate.getByRole('button', { name: 'Trust this certificate' }).click();
  await expect(page.getByTestId('sign-in-panel')).toBeVisible();
}
