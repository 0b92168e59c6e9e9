import { expect, test, type Page } from '@playwright/test';
import { LOCAL_PROFILE, openConsole, signIn, type RunningConsole } from './support/console';

/** Chunks that belong to the signed-in shell or to one area (electron.vite.config.ts, renderer/src/app/nav.ts). */
const FEATURE_CHUNK = /\/assets\/(AppLayout|OverviewPage|UsersArea|RightsPage|ApplicationsArea|LayoutsArea|UpdatesPage|SupportPage|DiagnosticsPage|OfflineTicket|ChangePasswordDialog|PasswordRequirements|vendor-codemirror|password-dictionary)-/;
const INITIAL_JS_BUDGET = 350 * 1024;

let running: RunningConsole | undefined;
test.afterEach(async () => {
  await running?.stop();
  running = undefined;
});

interface LoadedScript {
  url: string;
  encoding: string | null;
  cacheControl: string | null;
  bytes: number;
}

/** Every script response of the page, with its encoding and the bytes that came over the wire. */
function recordScripts(page: Page): LoadedScript[] {
  const scripts: LoadedScript[] = [];
  page.on('response', async (response) => {
    if (!response.url().endsWith('.js')) return;
    const headers = await response.allHeaders();
    const sizes = await response.request().sizes();
    scripts.push({ url: response.url(), encoding: headers['content-encoding'] ?? null, cacheControl: headers['cache-control'] ?? null, bytes: sizes.responseBodySize });
  });
  return scripts;
}

test('the sign-in screen loads no feature code, compressed and cacheable, within the initial JS budget', async ({ page }) => {
  const scripts = recordScripts(page);
  running = await openConsole(page);
  await expect(page.getByTestId(`profile-${LOCAL_PROFILE}`).getByRole('button', { name: /Connect/ })).toBeEnabled({ timeout: 60_000 });

  const initial = [...scripts];
  expect(initial.length).toBeGreaterThan(0);
  expect(initial.filter((script) => FEATURE_CHUNK.test(script.url)).map((script) => script.url)).toEqual([]);
  for (const script of initial.filter((entry) => entry.url.includes('/assets/'))) {
    // Files under 1 KB are not precompressed (main/precompress.ts): it would save less than a packet.
    if (script.encoding === null) expect(script.bytes, script.url).toBeLessThan(1024);
    else expect(script.encoding, script.url).toBe('br');
    expect(script.cacheControl, script.url).toBe('private, max-age=31536000, immutable');
  }
  expect(initial.filter((entry) => !entry.url.includes('/assets/')).map((script) => script.url)).toEqual([]);
  const total = initial.reduce((sum, script) => sum + script.bytes, 0);
  console.log(`sign-in screen: ${initial.length} scripts, ${(total / 1024).toFixed(1)} KB over the wire (brotli)`);
  expect(total).toBeLessThan(INITIAL_JS_BUDGET);

  await signIn(page);
  await expect(page.getByTestId('portal-name')).toContainText('Muster GmbH Portal');
  await expect.poll(() => scripts.some((script) => /\/assets\/OverviewPage-/.test(script.url))).toBe(true);
  expect(scripts.some((script) => /vendor-codemirror|password-dictionary/.test(script.url))).toBe(false);

  await page.getByTestId('nav-layouts').click();
  await expect.poll(() => scripts.some((script) => /\/assets\/vendor-codemirror-/.test(script.url))).toBe(true);
});

test.describe('the start-up shell', () => {
  test.use({ locale: 'de-DE' });

  test('paints before any app script runs, in the system language, and the app replaces it', async ({ page }) => {
    // Hold the app back: what shows meanwhile is index.html alone.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/start-[^/]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    running = await openConsole(page);
    const shell = page.getByTestId('boot-shell');
    await expect(shell.getByRole('heading', { name: 'Portal Console' })).toBeVisible();
    await expect(shell.getByRole('status')).toHaveText('Wird gestartet …');
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await page.screenshot({ path: test.info().outputPath('boot-shell.png') });

    release();
    await expect(page.getByRole('heading', { name: 'Mit einem Portal verbinden' })).toBeVisible({ timeout: 60_000 });
    await expect(shell).toHaveCount(0);
  });
});
