import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { Agent, request } from 'undici';
import { openSignedInConsole, type RunningConsole } from './support/console';
import { expectTimeLeftInside } from './support/time-left';

/**
 * Issue 13: an agent of the support desk answers a ticket the administrator filed in the console; the console shows
 * the answer as it arrives (a poll of the portal's activity), marks it unread, and the first-response clock stops:
 * "met". The portal and the page run on the fixed e2e clock (Wednesday 2 June 2027, 10:15 CEST, in support hours),
 * so a critical ticket on Professional is due at 12:15 and an answer at once is in time.
 */

const SUBJECT = 'Portal answers 503 after the update';
const DEMO_AGENT = { login: 'support', password: 'Desk-Agent-2026' };
const ANSWER = 'We are on it: the application server restarts in a loop, we roll the update back now.';

let running: RunningConsole | undefined;
test.afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** The embedded portal's support desk API, signed in as the demo agent (not through the console). */
async function deskAsAgent(userDataDir: string) {
  const profiles = JSON.parse(await readFile(join(userDataDir, 'profiles.json'), 'utf8')) as unknown;
  const list = (Array.isArray(profiles) ? profiles : (profiles as { profiles: unknown[] }).profiles) as { url: string; embedded: boolean }[];
  const base = list.find((profile) => profile.embedded)!.url;
  const dispatcher = new Agent({ connect: { rejectUnauthorized: false } });
  const call = async (method: 'GET' | 'POST', path: string, options: { token?: string; body?: unknown } = {}) => {
    const response = await request(new URL(`/desk/api/v1${path}`, base), {
      method,
      dispatcher,
      headers: {
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    return { status: response.statusCode, json: (await response.body.json()) as Record<string, unknown> };
  };
  const signedIn = await call('POST', '/sessions', { body: DEMO_AGENT });
  expect(signedIn.status).toBe(201);
  const token = signedIn.json.token as string;
  return {
    call: (method: 'GET' | 'POST', path: string, body?: unknown) => call(method, path, { token, ...(body === undefined ? {} : { body }) }),
    close: () => dispatcher.close(),
  };
}

async function fileCriticalTicket(page: Page) {
  await page.getByTestId('new-ticket').click();
  // Issue 11: nothing is preselected, and the signed-in administrator's e-mail is already there.
  await expect(page.getByRole('radio', { name: 'Down – cannot be used' })).not.toBeChecked();
  await expect(page.getByRole('textbox', { name: 'E-mail' })).toHaveValue('admin@muster-gmbh.de');
  await page.getByRole('radio', { name: 'Production system' }).check();
  await page.getByRole('radio', { name: 'Down – cannot be used' }).check();
  await expect(page.getByTestId('proposed-severity')).toHaveText('Critical');
  await page.getByRole('textbox', { name: 'Subject' }).fill(SUBJECT);
  await page.getByRole('textbox', { name: 'Steps to reproduce' }).fill('1. Open https://portal.muster-gmbh.de\n2. Sign in with any account');
  await page.getByRole('textbox', { name: 'Expected result' }).fill('The portal start page appears.');
  await page.getByRole('textbox', { name: 'Actual result' }).fill('Every user gets "503 Service Unavailable" after signing in.');
  await page.getByRole('textbox', { name: 'Available' }).fill('Mon–Fri 8–18, today until 22:00');
  await page.getByTestId('send-ticket').click();
  await expect(page.getByTestId('ticket-detail').getByRole('heading', { level: 1 })).toContainText(SUBJECT);
}

test('an agent answers a ticket: the console shows the answer, marks it unread, and the clock says met', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  running = await openSignedInConsole(page);
  await page.getByTestId('nav-support').click();
  await fileCriticalTicket(page);
  await expect(page.getByTestId('sla-card').getByTestId('time-left')).toContainText('of support time left');
  await page.getByRole('link', { name: 'Back to tickets' }).click();

  const row = page.getByTestId('ticket-table').getByRole('row').filter({ hasText: SUBJECT });
  await expect(row.getByTestId('status-badge')).toHaveText('Open');
  await expect(row.getByTestId('unread-badge')).toHaveCount(0);
  await expectTimeLeftInside(page);
  const navBadge = page.getByTestId('support-unread-nav');
  // The demo's older ticket already has one unread answer.
  await expect(navBadge).toContainText('1');

  const desk = await deskAsAgent(running.userDataDir);
  try {
    const queue = await desk.call('GET', '/tickets');
    const items = queue.json.items as { id: string; subject: string; severity: string }[];
    // The queue puts the critical ticket first.
    expect(items[0]).toMatchObject({ subject: SUBJECT, severity: 'critical' });
    const answered = await desk.call('POST', `/tickets/${items[0]!.id}/answers`, { body: ANSWER });
    expect(answered.status).toBe(201);
  } finally {
    await desk.close();
  }

  // The console finds the answer by itself (no reload): the unread marks, the new status and the stopped clock.
  await expect(row.getByTestId('unread-badge')).toHaveText('1 new', { timeout: 15_000 });
  await expect(navBadge).toContainText('2');
  await expect(row.getByTestId('status-badge')).toHaveText('In progress');
  await expect(row.getByTestId('time-left')).toHaveText('First response met');
  await expectTimeLeftInside(page);
  await page.screenshot({ path: test.info().outputPath('support-desk-list.png'), fullPage: true });

  await row.click();
  const detail = page.getByTestId('ticket-detail');
  const answer = detail.getByTestId('message-agent');
  await expect(answer).toContainText(ANSWER);
  await expect(answer).toContainText('Sabine Support (Support desk)');
  await expect(answer.getByTestId('message-new')).toHaveText('New');
  await expect(detail.getByTestId('sla-card').getByTestId('time-left')).toHaveText('First response met');
  // Seen: the navbar is back to the demo's one unread answer.
  await expect(navBadge).toContainText('1');
  await page.screenshot({ path: test.info().outputPath('support-desk-ticket.png'), fullPage: true });

  await page.getByRole('link', { name: 'Back to tickets' }).click();
  await expect(row.getByTestId('unread-badge')).toHaveCount(0);
});
