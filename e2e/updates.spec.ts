import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { E2E_CLOCK } from './support/clock';
import { type RunningConsole, closeSignedInArea, openSignedInArea } from './support/console';

const ZONE = 'Europe/Berlin';

test.describe.configure({ mode: 'serial' });

let page: Page;
let running: RunningConsole;

test.beforeAll(async ({ browser }) => {
  ({ page, running } = await openSignedInArea(browser, 'updates', 'Updates and maintenance'));
});

test.afterAll(() => closeSignedInArea(page, running));

/** A datetime-local value in the portal's zone, `days` and `hours` from the page's now (which runs from E2E_CLOCK). */
async function portalTimeFromNow(days: number, hours = 0): Promise<string> {
  const now = await page.evaluate(() => Date.now());
  return DateTime.fromMillis(now).setZone(ZONE).plus({ days, hours }).toFormat("yyyy-MM-dd'T'HH:mm");
}

test('shows version, track, the portal time zone and why security fixes cannot be deferred', async () => {
  await expect(page.getByTestId('time-zone-note')).toHaveText(`All times in the portal's time zone: ${ZONE}`);
  await expect(page.getByTestId('installed-version')).toHaveText('12.0.3');
  await expect(page.getByTestId('current-track')).toHaveText('Silent Track');
  await expect(page.getByTestId('critical-maintenance')).toContainText('Notfallwartung Datenbank-Cluster');
  const security = page.getByTestId('release-12.0.4');
  await expect(security.getByTestId('security-not-deferrable')).toContainText('Security fixes cannot be deferred');
  await expect(security.getByRole('button', { name: 'Defer …' })).toHaveCount(0);
  await expect(page.getByTestId('release-13.0.0').getByTestId('planned-window')).toContainText('Planned for the maintenance window');
});

test('defers the major release, shows the countdown and the 14-day warning, then cancels the deferral', async () => {
  const major = page.getByTestId('release-13.0.0');
  await major.getByRole('button', { name: 'Defer …' }).click();
  const dialog = page.getByTestId('defer-dialog');
  const until = dialog.getByLabel(/Defer until/);

  // Past the 6-month limit: the console explains the rule and does not send it.
  await until.fill(await portalTimeFromNow(200));
  await expect(dialog).toContainText('At most 6 months after the release');
  await expect(dialog.getByRole('button', { name: 'Defer', exact: true })).toBeDisabled();

  await until.fill(await portalTimeFromNow(10, 2));
  await dialog.getByLabel('Reason').fill('Workflows müssen vorher angepasst werden');
  await expect(dialog.getByTestId('security-schedule')).toBeVisible();
  await dialog.getByRole('button', { name: 'Defer', exact: true }).click();
  await expect(dialog).toBeHidden();

  const details = major.getByTestId('deferral-details');
  await expect(details.getByTestId('deferral-countdown')).toHaveText(/^10 days(, \d+ hours?)? left$/);
  // The warning counts like the countdown beside it: 10 whole days, not 11.
  await expect(details.getByTestId('deferral-warning')).toContainText('ends in 10 days');
  await expect(details).toContainText('Reason: Workflows müssen vorher angepasst werden');
  await expect(details.getByTestId('security-schedule')).toContainText('What the deferral means');

  await major.getByRole('button', { name: 'Cancel deferral …' }).click();
  const confirm = page.getByTestId('cancel-deferral-dialog');
  await expect(confirm).toContainText('The update is then applied in the next maintenance window');
  await confirm.getByRole('button', { name: 'Cancel deferral', exact: true }).click();
  await expect(major.getByTestId('deferral-details')).toHaveCount(0);
  await expect(major.getByRole('button', { name: 'Defer …' })).toBeVisible();
});

test('switches to the Steady Track after confirmation', async () => {
  await page.getByRole('button', { name: 'Switch to the Steady Track …' }).click();
  const dialog = page.getByTestId('track-dialog');
  await expect(dialog).toContainText('Then also applied:');
  await expect(dialog).toContainText('12.1.0 Neue Dashboard-Widgets');
  await dialog.getByRole('button', { name: 'Switch track' }).click();
  await expect(page.getByTestId('current-track')).toHaveText('Steady Track');
  await expect(page.getByRole('banner')).toContainText('Steady Track');
  await expect(page.getByTestId('release-12.1.0')).toBeVisible();
});

test('exports the next 12 monthly windows as a .ics file that parses, as the page says', async () => {
  // E2E_CLOCK is the day after June 2027's first Tuesday: the export runs from July 2027 to June 2028 (6 June 2028).
  expect(E2E_CLOCK.slice(0, 10)).toBe('2027-06-02');
  const monthly = await exportMonthlySummaries(page);
  expect(monthly[0]).toBe('Monthly maintenance July 2027');
  expect(monthly.at(-1)).toBe('Monthly maintenance June 2028');
});

test.describe('the export on the day before a first Tuesday', () => {
  let dayBefore: Page;
  let dayBeforeConsole: RunningConsole;
  test.beforeAll(async ({ browser }) => {
    // Monday 5 July 2027; the first Tuesday is the 6th. The 12 windows run from July 2027 to June 2028.
    ({ page: dayBefore, running: dayBeforeConsole } = await openSignedInArea(browser, 'updates', 'Updates and maintenance', '2027-07-05T12:00:00+02:00'));
  });
  test.afterAll(() => closeSignedInArea(dayBefore, dayBeforeConsole));

  test('holds the coming window and the eleven after it', async () => {
    const monthly = await exportMonthlySummaries(dayBefore);
    expect(monthly[0]).toBe('Monthly maintenance July 2027');
    expect(monthly.at(-1)).toBe('Monthly maintenance June 2028');
  });
});

/** Exports the calendar from the Maintenance calendar tab and returns the monthly events' summaries, checked on the way. */
async function exportMonthlySummaries(on: Page): Promise<string[]> {
  await on.getByRole('tab', { name: 'Maintenance calendar' }).click();
  await expect(on.getByTestId('calendar-table')).toContainText('Notfallwartung Datenbank-Cluster');
  await expect(on.getByTestId('export-holds')).toHaveText(
    'The export holds the next 12 monthly windows (one in progress counts) and the critical maintenance announced until the last of them ends.',
  );
  const [download] = await Promise.all([
    on.waitForEvent('download'),
    on.getByRole('button', { name: 'Export as iCalendar (.ics)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('maintenance-muster-gmbh-portal.ics');
  const events = parseEvents(await readFile(await download.path(), 'utf8'));

  const monthly = events.filter((event) => event.CATEGORIES === 'MAINTENANCE');
  const critical = events.filter((event) => event.CATEGORIES === 'MAINTENANCE,CRITICAL');
  expect(monthly).toHaveLength(12);
  expect(critical.map((event) => event.SUMMARY)).toEqual(['Notfallwartung Datenbank-Cluster']);
  // Worded in the console's language (English here): "Monthly maintenance April 2027".
  expect(monthly.every((event) => /^Monthly maintenance [A-Z][a-z]+ \d{4}$/.test(event.SUMMARY ?? ''))).toBe(true);
  for (const event of monthly) {
    // Every monthly window starts on the first Tuesday of its month at 17:00 Berlin time, whatever the DST.
    const start = DateTime.fromFormat(event.DTSTART ?? '', "yyyyMMdd'T'HHmmss'Z'", { zone: 'utc' }).setZone(ZONE);
    expect([start.weekday, start.day <= 7, start.hour, start.minute]).toEqual([2, true, 17, 0]);
  }
  return monthly.map((event) => event.SUMMARY ?? '');
}

/** A small RFC 5545 reader: unfolds continuation lines and collects each VEVENT's properties. */
function parseEvents(text: string): Array<Record<string, string>> {
  expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(text.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
  const lines = text.split('\r\n').reduce<string[]>((unfolded, line) => {
    if (line.startsWith(' ')) unfolded[unfolded.length - 1] += line.slice(1);
    else if (line !== '') unfolded.push(line);
    return unfolded;
  }, []);
  const events: Array<Record<string, string>> = [];
  let current: Record<string, string> | null = null;
  let depth = 0;
  for (const line of lines) {
    const colon = line.indexOf(':');
    const [name, value] = [line.slice(0, colon), line.slice(colon + 1)];
    if (name === 'BEGIN' && value === 'VEVENT') current = {};
    else if (name === 'BEGIN' && current) depth += 1;
    else if (name === 'END' && value === 'VEVENT' && current) {
      events.push(current);
      current = null;
    } else if (name === 'END' && current) depth -= 1;
    else if (current && depth === 0) current[name] = value.replace(/\\([\\;,])/g, '$1').replace(/\\n/g, '\n');
  }
  return events;
}
