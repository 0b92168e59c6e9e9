import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Every "Time left" badge of the ticket list is whole (its text not cut) and ends inside `box`: the table (at
 * 1440 px the column used to cut it) or, in a window too narrow for the columns, the frame it scrolls in.
 */
export async function expectTimeLeftInside(page: Page, box: Locator = page.getByTestId('ticket-table')): Promise<void> {
  const bounds = await box.boundingBox();
  const badges = page.getByTestId('ticket-table').getByTestId('time-left');
  expect(await badges.count()).toBeGreaterThan(0);
  for (const badge of await badges.all()) {
    const badgeBox = await badge.boundingBox();
    expect(badgeBox!.x + badgeBox!.width).toBeLessThanOrEqual(bounds!.x + bounds!.width);
    expect(await badge.evaluate((element) => element.scrollWidth - element.clientWidth)).toBeLessThanOrEqual(0);
  }
}
