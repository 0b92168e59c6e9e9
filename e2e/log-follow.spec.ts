import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { join } from 'node:path';
import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { closeSignedInArea, openSignedInArea, type RunningConsole } from './support/console';

test.describe.configure({ mode: 'serial' });

let page: Page;
let running: RunningConsole;

test.beforeAll(async ({ browser }) => {
  ({ page, running } = await openSignedInArea(browser, 'diagnostics', 'Diagnostics'));
});

test.afterAll(() => closeSignedInArea(page, running));

/** The embedded portal's address, as the console stored it in its profile. */
function embeddedPortalUrl(userDataDir: string): string {
  const stored = JSON.parse(readFileSync(join(userDataDir, 'profiles.json'), 'utf8')) as { profiles: { url: string; embedded?: boolean }[] };
  const embedded = stored.profiles.find((profile) => profile.embedded === true);
  if (embedded === undefined) throw new Error('no embedded portal profile');
  return embedded.url;
}

/** A refused sign-in with `login`: the portal logs "sign-in refused" with the login in its context. */
async function writeLogLine(portalUrl: string, login: string): Promise<void> {
  const portal = await playwrightRequest.newContext({ ignoreHTTPSErrors: true });
  const response = await portal.post(`${portalUrl}/api/v1/sessions`, { data: { login, password: 'not-the-password-1' } });
  expect(response.status()).toBe(401);
  await portal.dispose();
}

test('a line written to the portal log appears in the followed view within 2 s', async () => {
  await page.getByTestId('diagnostics-tab-logs').click();
  const marker = `follow-probe-${Date.now().toString(36)}`;
  const filters = page.getByTestId('log-filters');
  await filters.getByRole('textbox', { name: 'Contains' }).fill(marker);
  await filters.getByRole('textbox', { name: 'Contains' }).press('Enter');
  await expect(page.getByTestId('log-empty')).toBeVisible();
  await page.getByRole('switch', { name: 'Follow live' }).check();
  await expect(page.getByTestId('log-count')).toContainText('following new entries');

  await writeLogLine(embeddedPortalUrl(running.userDataDir), `${marker}-1`);
  const rows = page.getByTestId('log-table').getByTestId('log-row');
  await expect(rows.filter({ hasText: 'sign-in refused' })).toHaveCount(1, { timeout: 2_000 });

  await writeLogLine(embeddedPortalUrl(running.userDataDir), `${marker}-2`);
  await expect(rows).toHaveCount(2, { timeout: 2_000 });
  await page.screenshot({ path: 'test-results/log-follow.png', fullPage: true });

  // Paused: what is logged now stays out of the view until following is switched on again.
  await page.getByRole('switch', { name: 'Follow live' }).uncheck();
  await writeLogLine(embeddedPortalUrl(running.userDataDir), `${marker}-3`);
  await page.waitForTimeout(1_500);
  await expect(rows).toHaveCount(2);
  await page.getByRole('switch', { name: 'Follow live' }).check();
  await expect(rows).toHaveCount(3, { timeout: 2_000 });
});

test('"Export range" saves the filtered range as a redacted text file', async () => {
  const download = page.waitForEvent('download');
  await page.getByTestId('log-export').click();
  const saved = await download;
  expect(saved.suggestedFilename()).toMatch(/^server-log_127\.0\.0\.1-\d+_.+\.log$/);
  const text = readFileSync(await saved.path(), 'utf8');
  const lines = text.trimEnd().split('\n');
  expect(lines).toHaveLength(3);
  expect(lines.every((line) => /^\S+Z WARN {2}sign-in refused \{.*"login":"follow-probe-/.test(line))).toBe(true);
  expect(text).not.toContain('not-the-password-1');
  await expect(page.getByText(/3 entries saved as server-log_/)).toBeVisible();
});

test('the diagnostics bundle previews its parts and saves a zip that holds them', async () => {
  await page.getByTestId('diagnostics-tab-bundle').click();
  await page.getByTestId('bundle-preview').click();
  await expect(page.getByTestId('bundle-part')).toHaveCount(10);
  await expect(page.getByTestId('bundle-size')).toContainText(/of at most 10/);
  const download = page.waitForEvent('download');
  await page.getByTestId('bundle-save').click();
  const saved = await download;
  expect(saved.suggestedFilename()).toMatch(/^diagnostics_.+\.zip$/);
  const files = unzipSync(readFileSync(await saved.path()));
  expect(Object.keys(files)).toContain('security-policy.json');
  expect(strFromU8(files['server-log.txt']!)).toContain('sign-in refused');
  expect(Object.values(files).map((bytes) => strFromU8(bytes)).join('\n')).not.toContain('not-the-password-1');
  await page.screenshot({ path: 'test-results/diagnostics-bundle.png', fullPage: true });
});
