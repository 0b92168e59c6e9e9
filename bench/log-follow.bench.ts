import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startPortal, type RunningPortal } from '../portal/server';
import { startBrowserHost } from './users.bench';

const UNLIMITED = { max: 1_000_000, windowMs: 60_000 };
const ADMIN = { login: 'admin', password: 'Admin-Portal-2026' };
/** BENCH_LOG_LINES for a quicker look. */
const LINES = Number(process.env.BENCH_LOG_LINES ?? 100_000);
const CHUNKS = 4;
const PROFILE = 'Bench portal';

/**
 * Issue 11: follow the server log live. A reference portal in this process writes LINES lines as fast as it
 * can, in CHUNKS; the console (browser mode, Chromium) follows them with a text filter. Prints the lines
 * per second that reach the view and the renderer's JS heap (after a garbage collection) after each chunk.
 */
export async function benchLogFollow(): Promise<void> {
  const userData = mkdtempSync(join(tmpdir(), 'portal-console-bench-log-'));
  const portal = await startPortal({ memory: true, demo: true, environment: 'test', rateLimit: UNLIMITED, loginRateLimit: UNLIMITED });
  writeBenchProfile(userData, portal);
  const host = await startBrowserHost(userData);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--js-flags=--expose-gc'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await openFollowedLog(page, host.url);
    const heap = [await heapMiB(page)];
    const started = performance.now();
    const perChunk = Math.ceil(LINES / CHUNKS);
    for (let chunk = 0; chunk < CHUNKS; chunk += 1) {
      const last = Math.min(LINES, (chunk + 1) * perChunk);
      await writeLines(portal, chunk * perChunk + 1, last);
      await page.locator('[data-testid="log-row"]', { hasText: new RegExp(`bench-line ${last}\\b`) }).waitFor({ timeout: 300_000 });
      heap.push(await heapMiB(page));
    }
    const seconds = (performance.now() - started) / 1000;
    const rows = await page.getByTestId('log-row').count();
    console.log(`log follow: ${LINES} lines shown in ${seconds.toFixed(1)} s = ${(LINES / seconds).toFixed(0)} lines/s (written as fast as the portal logs)`);
    console.log(`log follow: renderer heap after gc ${heap.map((mib) => mib.toFixed(1)).join(' -> ')} MiB (start, then after each ${perChunk} lines); last/first ${(heap.at(-1)! / heap[0]!).toFixed(2)}`);
    console.log(`log follow: ${rows} rows in the DOM (virtual list), at most 5,000 entries kept`);
  } finally {
    await browser.close();
    host.stop();
    await portal.close();
  }
}

/** The profile of the bench's portal, pinned, written before the console starts. */
function writeBenchProfile(userData: string, portal: RunningPortal): void {
  const profile = {
    id: 'bench-portal',
    name: PROFILE,
    url: portal.url,
    environment: 'test',
    pin: portal.spki,
    backupPin: null,
    lastLogin: null,
    rememberPassword: false,
    portalForbidsRemember: false,
    embedded: false,
    createdAt: new Date().toISOString(),
  };
  writeFileSync(join(userData, 'profiles.json'), JSON.stringify({ version: 1, profiles: [profile], lastUsedProfileId: null }));
}

async function openFollowedLog(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId(`profile-${PROFILE}`).getByRole('button', { name: /Connect|Verbinden/ }).click();
  const panel = page.getByTestId('sign-in-panel');
  await panel.getByRole('textbox', { name: /^(Login|Benutzername)$/ }).fill(ADMIN.login);
  await panel.getByRole('textbox', { name: /^(Password|Passwort)$/ }).fill(ADMIN.password);
  await panel.getByRole('button', { name: /^(Sign in|Anmelden)$/ }).click();
  await page.getByTestId('nav-diagnostics').click();
  await page.getByTestId('diagnostics-tab-logs').click();
  const contains = page.getByTestId('log-filters').getByRole('textbox', { name: /^(Contains|Enthält)$/ });
  await contains.fill('bench-line');
  await contains.press('Enter');
  await page.getByTestId('log-empty').waitFor();
  await page.getByRole('switch', { name: /Follow live|Live verfolgen/ }).check();
}

/** Writes lines from..to into the portal's log, yielding between batches as a busy portal would. */
async function writeLines(portal: RunningPortal, from: number, to: number): Promise<void> {
  for (let line = from; line <= to; line += 1) {
    // The trailing space keeps "bench-line 1 " from matching "bench-line 10".
    portal.app.serverLog.info(`bench-line ${line} `, { n: line });
    if (line % 1000 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

async function heapMiB(page: Page): Promise<number> {
  return page.evaluate(() => {
    (globalThis as unknown as { gc?: () => void }).gc?.();
    return (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize / 1024 / 1024;
  });
}
