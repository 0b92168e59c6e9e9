import type { Page } from '@playwright/test';

/**
 * The instant every end-to-end run starts at, so no spec depends on the day it runs: the console's embedded portal
 * starts its clock here (PORTAL_CLOCK) and the page's clock too (Playwright's page clock); both then run on.
 * A Wednesday in support hours, the day after June's first Tuesday (2027-06-01): the same day a year on lies before
 * June 2028's first Tuesday, so "the windows of the next 365 days" would hold only 11 (the bug of 2026-12-04).
 */
export const E2E_CLOCK = '2027-06-02T10:15:00+02:00';

/** Puts the page's Date (and its timers) on `instant`, from where time flows as usual. Call before the page loads. */
export async function startPageClock(page: Page, instant: string = E2E_CLOCK): Promise<void> {
  await page.clock.install({ time: new Date(instant) });
}
