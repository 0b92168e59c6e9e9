import { expect, test, type Page } from '@playwright/test';
import { openSignedInConsole, type RunningConsole } from './support/console';
import { expectTimeLeftInside } from './support/time-left';

const SUBJECT = 'Portal nach Update nicht erreichbar';
const MiB = 1024 * 1024;

let running: RunningConsole | undefined;
test.afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function classifyAsCriticalProductionOutage(page: Page) {
  const form = page.getByTestId('severity-choice');
  // The embedded portal is a development system: the console starts there and explains the rule.
  await expect(page.getByRole('radio', { name: 'Development system' })).toBeChecked();
  // Issue 11: no impact (and so no severity) is preselected; the administrator answers first.
  await expect(page.getByRole('radio', { name: 'Down – cannot be used' })).not.toBeChecked();
  await expect(page.getByTestId('proposed-severity')).toHaveCount(0);
  await page.getByRole('radio', { name: 'Minor impairment' }).check();
  await expect(page.getByTestId('proposed-severity')).toHaveText('Other');
  await expect(form).toContainText('never critical');
  await page.getByRole('radio', { name: 'Production system' }).check();
  await expect(page.getByRole('radio', { name: 'The whole portal' })).toBeChecked();
  await page.getByRole('radio', { name: 'Down – cannot be used' }).check();
  await expect(page.getByTestId('proposed-severity')).toHaveText('Critical');
  await expect(form).toContainText('Production portal, primary application or primary process down');
}

async function describeTheFault(page: Page) {
  await page.getByRole('textbox', { name: 'Subject' }).fill(SUBJECT);
  await page.getByRole('textbox', { name: 'Steps to reproduce' }).fill('1. Open https://portal.muster-gmbh.de\n2. Sign in with any account');
  await page.getByRole('textbox', { name: 'Expected result' }).fill('The portal start page appears.');
  const actual = page.getByRole('textbox', { name: 'Actual result' });
  await actual.fill("Doesn't work, still broken!");
  await expect(page.getByTestId('issue-tickets.report.issue.actual_too_vague')).toBeVisible();
  await expect(page.getByTestId('report-quality')).toHaveAttribute('data-ok', 'false');
  await actual.fill('After signing in every user gets "503 Service Unavailable" instead of the start page.');
  await expect(page.getByTestId('report-quality')).toHaveAttribute('data-ok', 'true');
}

async function fillContact(page: Page) {
  await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue('Administrator');
  // Issue 11: the signed-in administrator's e-mail is prefilled.
  await expect(page.getByRole('textbox', { name: 'E-mail' })).toHaveValue('admin@muster-gmbh.de');
  await page.getByRole('textbox', { name: 'Available' }).fill('Mon–Fri 8–18, today until 22:00');
}

async function attachLogs(page: Page) {
  await page.getByTestId('attach-server-log').click();
  const serverLog = page.getByTestId('staged-attachment').filter({ hasText: 'portal-server-log_' });
  await expect(serverLog).toBeVisible();
  await expect(serverLog.getByTestId('redaction-summary')).toBeVisible();
  await serverLog.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByRole('dialog');
  await expect(preview.getByTestId('attachment-preview-text')).toContainText('sign-in succeeded');
  await preview.getByRole('button', { name: 'Close' }).or(preview.locator('.mantine-Modal-close')).first().click();

  await page.getByTestId('attach-console-log').click();
  await expect(page.getByTestId('staged-attachment').filter({ hasText: 'console-log_' })).toBeVisible();

  // A file over the limit is refused before it is read or sent.
  await page.locator('input[type="file"]').setInputFiles({ name: 'heap.dump', mimeType: 'application/octet-stream', buffer: Buffer.alloc(10 * MiB + 1) });
  await expect(page.getByTestId('file-too-large')).toContainText('“heap.dump” has 10,485,761 bytes; an attachment may have at most 10.0 MiB (10,485,760 bytes).');
}

test('file a critical ticket with logs attached, see the deadline, see it in the list', async ({ page }) => {
  running = await openSignedInConsole(page);
  await page.getByTestId('nav-support').click();
  await expect(page.getByRole('heading', { name: 'Support tickets' })).toBeVisible();
  await expect(page.getByTestId('support-package')).toContainText('Support package Professional');

  await page.getByTestId('new-ticket').click();
  await classifyAsCriticalProductionOutage(page);
  await describeTheFault(page);
  await fillContact(page);
  await attachLogs(page);
  await expect(page.getByTestId('deadline-preview')).toContainText('First response due by');
  await expect(page.getByTestId('deadline-preview')).toContainText('Support package Professional, severity Critical: 2 h of support time');
  await page.screenshot({ path: test.info().outputPath('support-new-ticket.png'), fullPage: true });

  await page.getByTestId('send-ticket').click();
  const detail = page.getByTestId('ticket-detail');
  await expect(detail).toBeVisible();
  await expect(detail.getByRole('heading', { level: 1 })).toContainText(SUBJECT);
  await expect(detail.getByTestId('severity-badge').first()).toHaveText('Critical');
  await expect(detail.getByTestId('sla-card').getByTestId('deadline')).not.toBeEmpty();
  await expect(detail.getByTestId('sla-card').getByTestId('time-left')).toBeVisible();
  await expect(detail.getByTestId('ticket-attachments')).toContainText('portal-server-log_');
  await expect(detail.getByTestId('ticket-attachments')).toContainText('console-log_');
  await page.screenshot({ path: test.info().outputPath('support-ticket-detail.png'), fullPage: true });

  await detail.getByRole('textbox', { name: 'Comment' }).fill('Restarting the web server did not help.');
  await detail.getByTestId('send-comment').click();
  await expect(detail.getByTestId('ticket-thread')).toContainText('Restarting the web server did not help.');

  await page.getByRole('link', { name: 'Back to tickets' }).click();
  const row = page.getByTestId('ticket-table').getByRole('row').filter({ hasText: SUBJECT });
  await expect(row).toBeVisible();
  await expect(row.getByTestId('severity-badge')).toHaveText('Critical');
  await expect(row.getByTestId('status-badge')).toHaveText('Open');
  await expect(row.getByTestId('deadline')).not.toBeEmpty();
  await expect(row.getByTestId('time-left')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('support-list.png'), fullPage: true });
});

// Issue 13 / service description 6.2: "Der Kunde meldet Störungen unverzüglich nach ihrem Auftreten". The report-quality
// rules advise; a clear critical report without numbered steps is filed, by the console and by the portal.
test('a clear critical report without numbered steps gets advice and is filed ("nginx answers 502 since 10:14 ...")', async ({ page }) => {
  running = await openSignedInConsole(page);
  await page.getByTestId('nav-support').click();
  await page.getByTestId('new-ticket').click();
  await page.getByRole('radio', { name: 'Production system' }).check();
  await page.getByRole('radio', { name: 'Down – cannot be used' }).check();
  await expect(page.getByTestId('proposed-severity')).toHaveText('Critical');
  await page.getByRole('textbox', { name: 'Subject' }).fill('nginx answers 502 for the whole portal');
  await page.getByRole('textbox', { name: 'Steps to reproduce' }).fill('nginx answers 502 since 10:14 for every page of the portal, the login page included.');
  await page.getByRole('textbox', { name: 'Expected result' }).fill('The portal answers with its pages.');
  await page.getByRole('textbox', { name: 'Actual result' }).fill('nginx answers 502 Bad Gateway since 10:14 on every URL.');
  await expect(page.getByTestId('issue-tickets.report.issue.steps_not_numbered')).toBeVisible();
  await expect(page.getByTestId('report-quality')).toHaveAttribute('data-ok', 'false');
  await expect(page.getByTestId('report-quality')).toContainText('You can send the ticket as it is.');
  await fillContact(page);

  await page.getByTestId('send-ticket').click();
  const detail = page.getByTestId('ticket-detail');
  await expect(detail).toBeVisible();
  await expect(detail.getByRole('heading', { level: 1 })).toContainText('nginx answers 502 for the whole portal');
  await expect(detail.getByTestId('severity-badge').first()).toHaveText('Critical');
  await expect(detail).toContainText('nginx answers 502 since 10:14');
});

test('in a narrow window in German the ticket list scrolls sideways in its own frame, and every "time left" can be read', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  running = await openSignedInConsole(page);
  await page.getByTestId('language-switcher').getByText('DE', { exact: true }).click();
  await page.getByTestId('nav-support').click();
  const frame = page.getByTestId('ticket-table-frame');
  await expect(page.getByTestId('ticket-table').getByTestId('time-left').first()).toBeVisible();
  // The page itself does not run wider than the window; the table's frame does, and scrolls.
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  expect(await frame.evaluate((element) => element.scrollWidth - element.clientWidth)).toBeGreaterThan(0);
  await frame.evaluate((element) => element.scrollTo({ left: element.scrollWidth }));
  await expectTimeLeftInside(page, frame);
});
