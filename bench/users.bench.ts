import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Page } from 'playwright-core';
import { LoginResponse } from '../common/portal-api/session';
import { ImportJob, ImportValidation, UserPage, type ImportRowInput } from '../common/portal-api/users';
import { createPinnedAgent } from '../main/services/pinning';
import { PortalClient } from '../main/services/portal-client';
import { firstNames, lastNames } from '../portal/demo/names';
import { startPortal } from '../portal/server';
import { seedSyntheticUsers, syntheticUser } from '../portal/users/seed-users';
import { SEARCH_DEBOUNCE_MS } from '../renderer/src/features/users/search-debounce';
import { summarise, timed } from './stats';

/** BENCH_USERS for a quicker look at fewer users. */
const SEEDED_USERS = Number(process.env.BENCH_USERS ?? 100_000);
const SEARCH_QUERIES = 200;
const IMPORT_ROWS = 10_000;
const UNLIMITED = { max: 1_000_000, windowMs: 60_000 };
const ADMIN = { login: 'admin', password: 'Admin-Portal-2026' };

/**
 * Issue 3: 100,000 users. Seeds them into the data folder of a console's local test portal, measures
 * the API (first page, search as you type, a 10,000-row import), then opens that console in Chromium
 * and scrolls the whole list, counting the rows that exist in the DOM.
 */
export async function benchUsers(): Promise<void> {
  const userData = mkdtempSync(join(tmpdir(), 'portal-console-bench-users-'));
  const portal = await startPortal({ dataDir: join(userData, 'local-portal'), demo: true, environment: 'dev', rateLimit: UNLIMITED, loginRateLimit: UNLIMITED });
  let total = 0;
  try {
    const seeded = await timed(() => seedSyntheticUsers(portal.db, SEEDED_USERS, new Date()));
    console.log(`seed: ${SEEDED_USERS} users in ${(seeded.ms / 1000).toFixed(1)} s (batched inserts, all list indexes maintained)`);
    const anonymous = new PortalClient(portal.url, createPinnedAgent({ primary: portal.spki }));
    const { token } = (await anonymous.post('/sessions', LoginResponse, { body: ADMIN })).data;
    const client = anonymous.withToken(token);
    total = await benchFirstPage(client);
    await benchSearch(client);
    await benchImport(client);
  } finally {
    await portal.close();
  }
  await benchScrolling(userData, total + IMPORT_ROWS);
}

async function benchFirstPage(client: PortalClient): Promise<number> {
  const cold = await timed(() => client.get('/users', UserPage, { query: { limit: 100 } }));
  const total = cold.value.data.total ?? 0;
  console.log(`first page (100 rows + total of ${total}), first request: ${cold.ms.toFixed(1)} ms`);
  for (const sort of ['displayName', 'lastLoginAt', 'status'] as const) {
    const samples: number[] = [];
    for (let i = 0; i < 30; i += 1) samples.push((await timed(() => client.get('/users', UserPage, { query: { limit: 100, sort, dir: i % 2 ? 'desc' : 'asc' } }))).ms);
    summarise(`first page sort=${sort} (with total)`, samples);
  }
  const deep = await pageDeep(client, 50);
  summarise('next page deep in the list (keyset, pages 2..50)', deep);
  return total;
}

async function pageDeep(client: PortalClient, pages: number): Promise<number[]> {
  const samples: number[] = [];
  let cursor: string | null = (await client.get('/users', UserPage, { query: { limit: 100 } })).data.nextCursor;
  for (let i = 1; i < pages && cursor !== null; i += 1) {
    const next = cursor;
    const { ms, value } = await timed(() => client.get('/users', UserPage, { query: { limit: 100, cursor: next } }));
    samples.push(ms);
    cursor = value.data.nextCursor;
  }
  return samples;
}

/** Every keystroke of typing names, logins and e-mail fragments, as a user types them (200 queries). */
function typedQueries(): string[] {
  const words: string[] = [];
  for (let i = 0; words.flatMap((w) => prefixes(w)).length < SEARCH_QUERIES; i += 1) {
    const first = firstNames[(i * 7) % firstNames.length] as string;
    const last = lastNames[(i * 13) % lastNames.length] as string;
    const forms = [`${first} ${last}`, `${last.toLowerCase()}`, `u${(i * 7919) % SEEDED_USERS}`, `${first.toLowerCase()}.`];
    words.push(forms[i % forms.length] as string);
  }
  return words.flatMap((word) => prefixes(word)).slice(0, SEARCH_QUERIES);
}

function prefixes(word: string): string[] {
  return Array.from({ length: word.length }, (_, i) => word.slice(0, i + 1));
}

async function benchSearch(client: PortalClient): Promise<void> {
  const samples: number[] = [];
  let hits = 0;
  for (const q of typedQueries()) {
    const { ms, value } = await timed(() => client.get('/users', UserPage, { query: { q, limit: 100 } }));
    samples.push(ms);
    hits += value.data.items.length;
  }
  summarise(`search as you type (${SEARCH_QUERIES} queries, first page + total, avg ${(hits / SEARCH_QUERIES).toFixed(0)} rows)`, samples);
}

async function benchImport(client: PortalClient): Promise<void> {
  const rows: ImportRowInput[] = Array.from({ length: IMPORT_ROWS }, (_, i) => ({
    login: `import.bench.${i}`,
    displayName: `${firstNames[i % firstNames.length]} Import ${i}`,
    email: `import.${i}@bench.example`,
    language: i % 3 === 0 ? 'en' : 'de',
    enabled: 'ja',
    groups: i % 4 === 0 ? 'Vertrieb' : '',
  }));
  const validation = await timed(() => client.post('/users/import/validate', ImportValidation, { body: { rows } }));
  console.log(`import preview (validate ${IMPORT_ROWS} rows, nothing written): ${validation.ms.toFixed(0)} ms`);
  const started = performance.now();
  let job = (await client.post('/users/import', ImportJob, { body: { rows } })).data;
  let polls = 0;
  while (job.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 100));
    job = (await client.get(`/users/import/${job.id}`, ImportJob)).data;
    polls += 1;
  }
  const ms = performance.now() - started;
  console.log(`import ${IMPORT_ROWS} rows: ${job.state}, ${job.created} created, ${job.skipped} skipped in ${(ms / 1000).toFixed(2)} s (${polls} progress polls, ${((IMPORT_ROWS / ms) * 1000).toFixed(0)} rows/s)`);
}

export async function startBrowserHost(userData: string): Promise<{ url: string; stop(): void }> {
  const host = spawn(process.execPath, ['out/main/browser-main.js', '--json', '--user-data', userData], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: host.stdout! }).once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
    host.once('exit', (code) => reject(new Error(`browser host exited with ${code}`)));
  });
  return { url, stop: () => host.kill('SIGTERM') };
}

async function signInAndOpenUsers(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.getByTestId('profile-Local test portal').getByRole('button', { name: /Connect|Verbinden/ }).click();
  const panel = page.getByTestId('sign-in-panel');
  await panel.getByRole('textbox', { name: /^(Login|Benutzername)$/ }).fill(ADMIN.login);
  await panel.getByRole('textbox', { name: /^(Password|Passwort)$/ }).fill(ADMIN.password);
  await panel.getByRole('button', { name: /^(Sign in|Anmelden)$/ }).click();
  await page.getByTestId('nav-users').click();
  const started = performance.now();
  await page.getByTestId('user-row').first().waitFor();
  return performance.now() - started;
}

/**
 * Scrolls the virtual list to its very end: jumps to the bottom, waits for the next page to arrive,
 * again, until every row was reached; after each jump it counts the rows that exist in the DOM.
 */
async function scrollWholeList(page: Page, expected: number): Promise<{ loaded: number; maxRows: number; samples: number; ms: number }> {
  const scroller = page.getByTestId('user-scroll');
  const started = performance.now();
  let maxRows = 0;
  let samples = 0;
  let loaded = 0;
  while (loaded < expected) {
    await scroller.evaluate((element) => element.scrollTo(0, element.scrollHeight));
    const reached = await page
      .waitForFunction(
        (previous) => {
          const indexes = [...document.querySelectorAll<HTMLElement>('[data-testid="user-row"]')].map((row) => Number(row.dataset.rowIndex));
          const last = Math.max(-1, ...indexes);
          return last + 1 > previous ? { last, rows: indexes.length } : false;
        },
        loaded,
        { timeout: 10_000, polling: 10 },
      )
      .then((handle) => handle.jsonValue())
      .catch(() => null);
    if (reached === null || reached === false) break;
    samples += 1;
    maxRows = Math.max(maxRows, reached.rows);
    loaded = reached.last + 1;
  }
  return { loaded, maxRows, samples, ms: performance.now() - started };
}

/** The goal of issue 14: keystroke to updated rows, p95. */
const KEYSTROKE_GOAL_MS = 150;

interface KeyTimings {
  key: number;
  sent: number[];
  answered: number[];
  shown: number;
}

/**
 * Marks in the page for the parts of a keystroke: the key, each users:list call sent on the socket (after the
 * debounce and the render it causes), its answer arriving, and the list showing that search's own rows.
 * Plain JavaScript in a string: a function would be serialised with the helpers tsx adds to it.
 */
const MARK_SEARCH_TIMINGS = `(() => {
  const fresh = () => ({ key: performance.now(), sent: [], answered: [], shown: 0 });
  window.__keyTimings = { ...fresh(), key: 0 };
  document.addEventListener('keydown', () => { window.__keyTimings = fresh(); }, true);
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (typeof data === 'string' && data.includes('"users:list"')) window.__keyTimings.sent.push(performance.now());
    return send.call(this, data);
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener('message', (event) => {
        if (typeof event.data === 'string' && event.data.includes('"items"')) window.__keyTimings.answered.push(performance.now());
      });
    }
  };
  new MutationObserver(() => {
    const total = document.querySelector('[data-testid="user-total"]');
    if (total && total.dataset.fresh === 'true' && window.__keyTimings.shown === 0) window.__keyTimings.shown = performance.now();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-fresh', 'data-query'] });
})();`;

function ratio(ms: number): string {
  return `${ms.toFixed(0)} ms (${(ms / KEYSTROKE_GOAL_MS).toFixed(2)}x the ${KEYSTROKE_GOAL_MS} ms goal)`;
}

/**
 * Keystroke to rows: types names a key at a time, as a person does, and takes the time from each key to the
 * moment the list shows that search's own rows (user-total's data-query and data-fresh, not the rows kept
 * from the search before). Includes the debounce, the contract round trip, the portal query and rendering;
 * the page's own marks split it into key to request sent, the round trip, and answer to rows shown.
 */
async function benchKeystrokes(page: Page, users: number): Promise<void> {
  const search = page.getByTestId('user-search');
  const samples: number[] = [];
  const parts = { sent: [] as number[], roundTrip: [] as number[], shown: [] as number[] };
  const keys: KeySplit[] = [];
  for (const word of ['Müller', 'schmidt', 'u4321', 'anna.', 'Weber']) {
    await search.fill('');
    await page.locator('[data-testid="user-total"][data-query=""][data-fresh="true"]').waitFor();
    await search.focus();
    for (let i = 1; i <= word.length; i += 1) {
      const typed = word.slice(0, i).trim();
      const started = performance.now();
      await page.keyboard.type(word[i - 1]!);
      await page.waitForFunction(
        (query) => {
          const total = document.querySelector<HTMLElement>('[data-testid="user-total"]');
          return total?.dataset.query === query && total.dataset.fresh === 'true';
        },
        typed,
        { polling: 'raf', timeout: 10_000 },
      );
      const ms = performance.now() - started;
      samples.push(ms);
      const split = splitKey(typed, ms, await page.evaluate(() => (window as unknown as { __keyTimings?: KeyTimings }).__keyTimings));
      if (split === null) continue;
      keys.push(split);
      parts.sent.push(split.sent);
      parts.roundTrip.push(split.roundTrip);
      parts.shown.push(split.shown);
    }
  }
  const figures = summarise('renderer: keystroke to rows (Chromium, one key at a time)', samples);
  summarise('  of which key to request sent (debounce + render)', parts.sent);
  summarise('  of which request to answer (socket, backend, portal query)', parts.roundTrip);
  summarise('  of which answer to rows shown (parse + render)', parts.shown);
  console.log(`renderer: keystroke to rows at ${users} users: p50 ${ratio(figures.p50)}, p95 ${ratio(figures.p95)}`);
  const slowest = [...keys].sort((a, b) => b.ms - a.ms).slice(0, 3);
  for (const key of slowest) {
    console.log(`  slow key "${key.typed}": ${key.ms.toFixed(0)} ms = sent ${key.sent.toFixed(0)} + round trip ${key.roundTrip.toFixed(0)} + rows ${key.shown.toFixed(0)} ms`);
  }
}

interface KeySplit {
  typed: string;
  ms: number;
  sent: number;
  roundTrip: number;
  shown: number;
}

/** The parts of one key: the last answer before the rows showed, and the last request sent before that answer. */
function splitKey(typed: string, ms: number, marks: KeyTimings | undefined): KeySplit | null {
  if (marks === undefined || marks.shown === 0) return null;
  const answered = marks.answered.filter((at) => at <= marks.shown).at(-1);
  const sent = answered === undefined ? undefined : marks.sent.filter((at) => at <= answered).at(-1);
  if (answered === undefined || sent === undefined) return null;
  return { typed, ms, sent: sent - marks.key, roundTrip: answered - sent, shown: marks.shown - answered };
}

async function benchScrolling(userData: string, expected: number): Promise<void> {
  const host = await startBrowserHost(userData);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.addInitScript(MARK_SEARCH_TIMINGS);
    const firstRows = await signInAndOpenUsers(page, host.url);
    console.log(`renderer: first rows of ${expected} users visible ${firstRows.toFixed(0)} ms after opening the list`);
    const target = syntheticUser(4321, new Date());
    const typed = await timed(async () => {
      await page.getByTestId('user-search').fill(`${target.displayName} u4321`);
      await page.locator(`[data-testid="user-row"][data-login="${target.login}"]`).waitFor();
    });
    console.log(`renderer: search typed to matching row shown ${typed.ms.toFixed(0)} ms (a change after a pause searches at once; keys closer than ${SEARCH_DEBOUNCE_MS} ms wait for the pause)`);
    await benchKeystrokes(page, expected);
    await page.getByTestId('user-search').fill('');
    await page.getByTestId('user-total').filter({ hasText: `${expected} users` }).waitFor();
    const scrolled = await scrollWholeList(page, expected);
    console.log(
      `renderer: scrolled through ${scrolled.loaded} of ${expected} rows in ${(scrolled.ms / 1000).toFixed(1)} s; ` +
        `DOM rows at most ${scrolled.maxRows} over ${scrolled.samples} samples (ratio DOM/list ${(scrolled.maxRows / Math.max(1, scrolled.loaded)).toFixed(5)})`,
    );
  } finally {
    await browser.close();
    host.stop();
  }
}
