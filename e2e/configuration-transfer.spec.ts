import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openConsole, signIn, type RunningConsole } from './support/console';
import { tempDir } from './support/processes';
import { addTrustedProfile, startSecondPortal, type SecondPortal } from './support/second-portal';

const SECOND = 'Kunde Produktion';
const SHOTS = 'test-results/configuration-transfer';

let running: RunningConsole | undefined;
let second: SecondPortal | undefined;

test.afterAll(async () => {
  await running?.stop();
  await second?.stop();
});

test.setTimeout(300_000);

async function openArea(page: Page, navKey: string, heading: string) {
  await page.getByTestId(`nav-${navKey}`).click();
  await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
}

/** What the console shows of the two settings the test changes: the release track and the policy's minimum length. */
async function shownSettings(page: Page) {
  await openArea(page, 'updates', 'Updates');
  const track = await page.getByTestId('current-track').textContent();
  await openArea(page, 'users', 'Users');
  await page.getByTestId('users-tab-policy').click();
  const policy = page.getByTestId('security-policy');
  const minLength = await policy.getByTestId('policy-min-length').inputValue();
  return { track, minLength };
}

/** Web-first: a page shows cached data first and the portal's answer a moment later. */
async function expectSettings(page: Page, settings: { track: string | null; minLength: string }) {
  await openArea(page, 'updates', 'Updates');
  await expect(page.getByTestId('current-track')).toHaveText(settings.track ?? '');
  await openArea(page, 'users', 'Users');
  await page.getByTestId('users-tab-policy').click();
  await expect(page.getByTestId('security-policy').getByTestId('policy-min-length')).toHaveValue(settings.minLength);
}

test('a configuration changed in portal A, exported, previewed and applied in portal B gives B the settings of A', async ({ page, context }) => {
  [running, second] = await Promise.all([openConsole(page), startSecondPortal('prod')]);

  // Portal A (the embedded local test portal): switch the release track and raise the security level.
  await signIn(page);
  await openArea(page, 'updates', 'Updates');
  await page.getByRole('button', { name: 'Switch to the Steady Track …' }).click();
  await page.getByTestId('track-dialog').getByRole('button', { name: 'Switch track' }).click();
  await expect(page.getByTestId('current-track')).toHaveText('Steady Track');
  await openArea(page, 'users', 'Users');
  await page.getByTestId('users-tab-policy').click();
  const policy = page.getByTestId('security-policy');
  await policy.getByTestId('policy-preset-control').getByText('High', { exact: true }).click();
  await expect(policy.getByTestId('policy-min-length')).toHaveValue('15');
  await policy.getByTestId('policy-save').click();
  await expect(policy.getByTestId('policy-status')).toHaveText('Saved');
  const settingsOfA = await shownSettings(page);

  // Export from A: a download named after the portal and the day.
  await openArea(page, 'configuration', 'Transfer configuration');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('configuration-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^muster-gmbh-portal-configuration-\d{4}-\d{2}-\d{2}\.json$/);
  const file = join(tempDir('configuration'), download.suggestedFilename());
  await download.saveAs(file);
  await expect(page.getByTestId('configuration-export-saved')).toContainText(download.suggestedFilename());
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'portal-console/configuration', schemaVersion: 1 });

  // Portal B in a second window: a profile pinned on first contact, then signed in.
  await page.getByTestId('user-menu').click();
  const [portalB] = await Promise.all([context.waitForEvent('page'), page.getByRole('menuitem', { name: 'Open another portal in a new window' }).click()]);
  await expect(portalB.getByRole('button', { name: 'Add profile' }).first()).toBeVisible();
  await addTrustedProfile(portalB, second, SECOND, 'prod');
  await signIn(portalB, { profile: SECOND });
  await expect(portalB.getByTestId('environment-banner')).toHaveAttribute('data-environment', 'prod');
  expect(await shownSettings(portalB)).not.toEqual(settingsOfA);

  // A damaged file is refused before anything reaches B.
  await openArea(portalB, 'configuration', 'Transfer configuration');
  const fileInput = portalB.locator('input[type="file"]');
  const damaged = join(tempDir('configuration'), 'damaged.json');
  writeFileSync(damaged, readFileSync(file, 'utf8').replace('"minLength": 15', '"minLength": 16'));
  await fileInput.setInputFiles(damaged);
  await expect(portalB.getByTestId('configuration-file-problem')).toHaveAttribute('data-problem', 'checksum_mismatch');
  await expect(portalB.getByTestId('configuration-file-problem')).toContainText('Nothing was changed.');

  // The real file: every difference by section, preselected; keyboard ticks and unticks one.
  await fileInput.setInputFiles(file);
  const preview = portalB.getByTestId('configuration-preview');
  await expect(preview).toContainText('Exported from “Muster GmbH Portal”');
  const policyChange = preview.locator('[data-testid="configuration-change"][data-section="securityPolicy"]');
  await expect(policyChange).toContainText('password.minLength: 8 → 15');
  await expect(preview.locator('[data-testid="configuration-change"][data-section="updates"]')).toContainText('track: silent → steady');
  const policyBox = policyChange.getByRole('checkbox');
  await expect(policyBox).toBeChecked();
  await policyBox.focus();
  await portalB.keyboard.press('Space');
  await expect(policyBox).not.toBeChecked();
  await portalB.keyboard.press('Space');
  await expect(policyBox).toBeChecked();
  await portalB.screenshot({ path: `${SHOTS}/preview.png`, fullPage: true });

  const apply = portalB.getByTestId('configuration-apply');
  await expect(apply).toContainText(/Apply \d+ selected changes/);
  await apply.click();
  await expect(portalB.getByTestId('configuration-confirm')).toContainText('Everything is written in one transaction.');
  await portalB.getByTestId('configuration-confirm-apply').click();
  await expect(portalB.getByTestId('configuration-applied')).toContainText(/\d+ changes applied\./);
  await expect(portalB.getByTestId('configuration-applied')).toContainText('Security policy: 0 new, 1 changed, 0 removed');
  await portalB.screenshot({ path: `${SHOTS}/applied.png`, fullPage: true });

  // B now shows A's settings, and the same file again finds nothing to do.
  await expectSettings(portalB, settingsOfA);
  await openArea(portalB, 'configuration', 'Transfer configuration');
  await portalB.locator('input[type="file"]').setInputFiles(file);
  await expect(portalB.getByTestId('configuration-no-differences')).toBeVisible();
});
