import { expect, test, type Page } from '@playwright/test';
import { DEMO_ADMIN, type RunningConsole, closeSignedInArea, openSignedInArea } from './support/console';

test.describe.configure({ mode: 'serial' });

let page: Page;
let running: RunningConsole;

test.beforeAll(async ({ browser }) => {
  ({ page, running } = await openSignedInArea(browser, 'diagnostics', 'Diagnostics'));
});

test.afterAll(() => closeSignedInArea(page, running));

test('the health board shows the database OK and when it was measured', async () => {
  const database = page.getByTestId('health-database');
  await expect(database).toHaveAttribute('data-status', 'ok');
  await expect(database).toContainText('OK');
  await expect(database).toContainText('PGlite (embedded)');
  await expect(database).toContainText(/Reachable; the test query took [\d.,]+ ms\./);
  await expect(page.getByTestId('health-backups')).toHaveAttribute('data-status', 'ok');
  await expect(page.getByTestId('health-sessions')).toContainText('1 active admin session.');
  await expect(page.getByTestId('health-read-at')).toContainText('Measured on');
  await page.screenshot({ path: 'test-results/diagnostics-health.png', fullPage: true });
});

test('"back up now" makes a real backup and adds a history row', async () => {
  await page.getByTestId('diagnostics-tab-backups').click();
  const rows = page.getByTestId('backups-table').getByTestId('backup-row');
  await expect(rows).toHaveCount(15);
  await expect(page.getByTestId('backup-policy')).toContainText('Stored in a folder on the portal server');
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByTestId('backup-outcome')).toContainText(/Backup finished: [\d.]+ (KB|MB) in [\d.]+ s\./);
  await expect(rows).toHaveCount(16);
  const newest = rows.first();
  await expect(newest).toHaveAttribute('data-status', 'succeeded');
  await expect(newest).toContainText('Manual');
  await expect(newest).toContainText(/backup-\d{8}T\d{6}Z-[0-9a-f]{8}\.jsonl\.gz/);
  await expect(newest).toContainText('admin');
  await page.screenshot({ path: 'test-results/diagnostics-backups.png', fullPage: true });
});

test('the audit viewer shows the sign-in entry, filters by action and opens the before/after', async () => {
  await page.getByTestId('diagnostics-tab-audit').click();
  const table = page.getByTestId('audit-table');
  await expect(table.locator('[data-action="session.login"]').first()).toContainText('Administrator signed in');

  const filters = page.getByTestId('audit-filters');
  await filters.getByRole('textbox', { name: 'Action starts with' }).fill('backup.');
  await filters.getByRole('button', { name: 'Filter' }).click();
  await expect(table.getByTestId('audit-row')).toHaveCount(1);
  const backupStart = table.getByTestId('audit-row').first();
  await expect(backupStart).toHaveAttribute('data-action', 'backup.start');

  // Keyboard: focus the row, open it with Enter, close the details with Escape.
  await backupStart.focus();
  await page.keyboard.press('Enter');
  const details = page.getByTestId('audit-details');
  await expect(details).toContainText('backup.start');
  await expect(details.getByTestId('audit-diff').locator('tr[data-differs="true"]', { hasText: 'status' })).toContainText('running');
  await page.screenshot({ path: 'test-results/diagnostics-audit.png', fullPage: true });
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();

  await filters.getByRole('button', { name: 'Reset' }).click();
  await expect(table.locator('[data-action="session.login"]').first()).toBeVisible();
});

test('the logs tab shows the sign-in request line, filters by text and opens its context', async () => {
  await page.getByTestId('diagnostics-tab-logs').click();
  await expect(page.getByTestId('log-time-zone')).toContainText('Europe/Berlin');
  const table = page.getByTestId('log-table');
  await expect(table.getByTestId('log-row').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/diagnostics-logs-all.png', fullPage: true });

  const filters = page.getByTestId('log-filters');
  await filters.getByRole('textbox', { name: 'Contains' }).fill('/api/v1/sessions');
  await filters.getByRole('textbox', { name: 'Contains' }).press('Enter');
  const signIn = table.getByTestId('log-row').filter({ hasText: 'POST /api/v1/sessions 201' });
  await expect(signIn).toHaveCount(1);
  await expect(signIn.getByTestId('log-level')).toHaveText('Info');

  // Keyboard: focus the row and open its context with Enter.
  await signIn.focus();
  await page.keyboard.press('Enter');
  await expect(signIn.getByRole('button')).toHaveAttribute('aria-expanded', 'true');
  await expect(signIn.getByTestId('log-context')).toContainText('"path": "/api/v1/sessions"');
  await expect(table).not.toContainText(DEMO_ADMIN.password);
  await page.screenshot({ path: 'test-results/diagnostics-logs.png', fullPage: true });
});

test('ending the console’s own session warns first, then signs out', async () => {
  await page.getByTestId('diagnostics-tab-sessions').click();
  const own = page.getByTestId('session-row').filter({ hasText: 'This console' });
  await expect(own).toHaveCount(1);
  await own.getByRole('button', { name: /End the session of Administrator/ }).click();
  const dialog = page.getByTestId('revoke-dialog');
  await expect(dialog.getByTestId('revoke-own-warning')).toContainText('you are signed out at once');
  await page.screenshot({ path: 'test-results/diagnostics-sessions.png', fullPage: true });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  await own.getByRole('button', { name: /End the session of Administrator/ }).click();
  await page.getByTestId('revoke-dialog').getByRole('button', { name: 'End and sign out' }).click();
  await expect(page.getByText("You ended this console's session and are signed out.")).toBeVisible();
  await expect(page.getByTestId('portal-name')).toBeHidden();
  await expect(page.getByTestId('sign-in-panel').or(page.getByTestId('profile-Local test portal')).first()).toBeVisible();
});
