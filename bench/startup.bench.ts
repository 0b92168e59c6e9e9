import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { parseStartLine } from '../portal/start-timings';
import {
  CONNECT_SCREEN_MARK,
  SIGNED_IN_SHELL_MARK,
  SIGN_IN_ANSWERED_MARK,
  SIGN_IN_SENT_MARK,
} from '../renderer/src/features/connect/connect-screen-mark';

/** Medians of five, as in the issue; BENCH_STARTUP_RUNS=1 for a quick look. */
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 5);
const RENDERER = 'out/renderer';
const ADMIN = { login: 'admin', password: 'Admin-Portal-2026' };
const INITIAL_JS_GOAL_KB = 350;
const FIRST_RENDER_GOAL_MS = 200;

/**
 * Issue 14: start to signed-in shell in browser mode against a minimal page served and rendered the same way
 * (first runs on a fresh user-data folder, later runs on the same one), the sign-in screen's JS, time to
 * first render, and the embedded portal's RSS after sign-in. Needs `npm run build` first.
 */
export async function benchStartup(): Promise<void> {
  if (!existsSync(join(RENDERER, 'index.html'))) throw new Error('No build in out/: run npm run build first');
  printInitialJs();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const minimal = await repeat(() => minimalPageRun(browser));
    const first: ConsoleRun[] = [];
    const later: ConsoleRun[] = [];
    const portalStarts: PortalStarts[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const userData = mkdtempSync(join(tmpdir(), 'portal-console-bench-start-'));
      first.push(await consoleRun(browser, userData));
      later.push(await consoleRun(browser, userData));
      portalStarts.push(portalStartLines(userData));
    }
    const baseline = median(minimal.map((run) => run.shellMs));
    console.log(`minimal page (spawn, serve, render): start to page ${baseline.toFixed(0)} ms (median of ${RUNS})`);
    for (const [label, runs] of [['first run', first], ['later run', later]] as const) {
      const shell = median(runs.map((run) => run.shellMs));
      console.log(
        `console ${label}: start to signed-in shell ${shell.toFixed(0)} ms, ratio ${(shell / baseline).toFixed(2)}x the minimal page ` +
          `(page served ${median(runs.map((run) => run.servedMs)).toFixed(0)} ms, local test portal connectable ${median(runs.map((run) => run.connectableMs)).toFixed(0)} ms)`,
      );
    }
    printFirstRender(first, later, minimal);
    printEmbeddedPortal(first, later, portalStarts);
  } finally {
    await browser.close();
  }
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/**
 * The scripts loaded before the connect screen renders (Vite's manifest): the entry, the app it imports once
 * the start-up shell has painted (src/start.tsx), and what those import statically. Areas and the connect
 * screen's own lazy parts are not counted.
 */
export function signInScripts(manifest: Record<string, ManifestChunk>): string[] {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    chunk.imports?.forEach(visit);
  };
  for (const [key, chunk] of Object.entries(manifest)) {
    if (!chunk.isEntry) continue;
    visit(key);
    // The entry's one import(): the app (src/start.tsx, merged by Rollup into a chunk named after it).
    chunk.dynamicImports?.forEach(visit);
  }
  return [...files];
}

function printInitialJs(): void {
  const manifest = JSON.parse(readFileSync(join(RENDERER, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const files = signInScripts(manifest);
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  for (const file of files) {
    const content = readFileSync(join(RENDERER, file));
    raw += content.length;
    gzip += gzipSync(content, { level: 9 }).length;
    brotli += existsSync(join(RENDERER, `${file}.br`)) ? statSync(join(RENDERER, `${file}.br`)).size : Number.NaN;
  }
  const allJs = readdirSync(join(RENDERER, 'assets')).filter((name) => name.endsWith('.js'));
  const allRaw = allJs.reduce((sum, name) => sum + statSync(join(RENDERER, 'assets', name)).size, 0);
  console.log(
    `initial JS (sign-in screen): ${files.length} files, ${kb(raw)} KB minified, ${kb(gzip)} KB gzip, ${kb(brotli)} KB brotli ` +
      `(goal < ${INITIAL_JS_GOAL_KB} KB gzip; ratio ${(gzip / 1024 / INITIAL_JS_GOAL_KB).toFixed(2)} of it); all ${allJs.length} chunks ${kb(allRaw)} KB minified`,
  );
}

interface Run {
  shellMs: number;
  firstPaintMs: number;
}

interface ConsoleRun extends Run {
  /** From navigation start until the connect screen first shows its profiles (its performance mark). */
  connectScreenMs: number;
  servedMs: number;
  connectableMs: number;
  portalRssMiB: number;
  signIn: SignInSplit;
}

/** Connectable to the portal's name, in parts (the page's marks and the console's log line "signed in"). */
interface SignInSplit {
  /** Connectable until the form sent the sign-in: the bench's clicks and typing. */
  typingMs: number;
  /** The sign-in call, sent to answered. */
  callMs: number;
  /** Of the call: the portal's POST /sessions, as a round trip from the console's backend. */
  portalMs: number;
  /** Of the call: the rest in the console's backend and the WebSocket both ways. */
  consoleMs: number;
  /** Answered until the shell with the portal's name was in the document. */
  shellMs: number;
}

async function repeat<T>(run: () => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < RUNS; i += 1) results.push(await run());
  return results;
}

/** Browser mode from the process start to the signed-in shell, signing in on the connect screen as a person would. */
async function consoleRun(browser: Browser, userData: string): Promise<ConsoleRun> {
  const started = performance.now();
  const host = await spawnJsonLine(process.execPath, ['out/main/browser-main.js', '--json', '--user-data', userData]);
  const servedMs = performance.now() - started;
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(host.url);
    const connect = page.getByTestId('profile-Local test portal').getByRole('button', { name: /Connect|Verbinden/ });
    await connect.waitFor();
    const { firstPaintMs, connectScreenMs } = await renderTimes(page);
    await page.waitForFunction(() => !document.querySelector('[data-testid="profile-starting"]'), undefined, { timeout: 120_000, polling: 20 });
    const connectableMs = performance.now() - started;
    const connectableInPage = await page.evaluate(() => performance.now());
    await connect.click();
    const panel = page.getByTestId('sign-in-panel');
    await panel.getByRole('textbox', { name: /^(Login|Benutzername)$/ }).fill(ADMIN.login);
    await panel.getByRole('textbox', { name: /^(Password|Passwort)$/ }).fill(ADMIN.password);
    await panel.getByRole('button', { name: /^(Sign in|Anmelden)$/ }).click();
    await page.getByTestId('portal-name').waitFor({ timeout: 60_000 });
    const shellMs = performance.now() - started;
    const signIn = await signInSplit(page, connectableInPage, userData);
    return { shellMs, servedMs, connectableMs, firstPaintMs, connectScreenMs, portalRssMiB: childRssMiB(host.child), signIn };
  } finally {
    await context.close();
    await stop(host.child);
  }
}

async function signInSplit(page: Page, connectableInPage: number, userData: string): Promise<SignInSplit> {
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, SIGNED_IN_SHELL_MARK);
  const [sent, answered, shell] = await page.evaluate(
    (marks) => marks.map((mark) => performance.getEntriesByName(mark)[0]?.startTime ?? Number.NaN),
    [SIGN_IN_SENT_MARK, SIGN_IN_ANSWERED_MARK, SIGNED_IN_SHELL_MARK],
  );
  const callMs = answered! - sent!;
  const portalMs = lastSignInLine(userData)?.portal ?? Number.NaN;
  return { typingMs: sent! - connectableInPage, callMs, portalMs, consoleMs: callMs - portalMs, shellMs: shell! - answered! };
}

/** The timings of the last "signed in" line in the console's log (main/services/session.ts). */
function lastSignInLine(userData: string): { portal: number; total: number } | undefined {
  const log = join(userData, 'logs', 'console.log');
  if (!existsSync(log)) return undefined;
  const lines = readFileSync(log, 'utf8').split('\n').filter((line) => line.includes('"signed in"'));
  const entry = lines.length > 0 ? (JSON.parse(lines.at(-1)!) as { context?: { ms?: { portal: number; total: number } } }) : undefined;
  return entry?.context?.ms;
}

/** The baseline: a process that serves one small page on 127.0.0.1, rendered by the same browser. */
async function minimalPageRun(browser: Browser): Promise<Run> {
  const server = `
    const http = require('node:http');
    const page = '<!doctype html><title>minimal</title><div id="root"></div><script type="module">document.getElementById("root").innerHTML = "<h2 data-testid=shell>shell</h2>";</script>';
    const s = http.createServer((q, r) => { r.writeHead(200, { 'content-type': 'text/html' }); r.end(page); });
    s.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ url: 'http://127.0.0.1:' + s.address().port + '/' })));
    process.on('SIGTERM', () => process.exit(0));`;
  const started = performance.now();
  const host = await spawnJsonLine(process.execPath, ['-e', server]);
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(host.url);
    await page.getByTestId('shell').waitFor();
    return { shellMs: performance.now() - started, firstPaintMs: await firstContentfulPaint(page) };
  } finally {
    await context.close();
    await stop(host.child);
  }
}

async function firstContentfulPaint(page: Page): Promise<number> {
  return page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN);
}

/** The page's own clock (from navigation start): its first contentful paint and the connect screen's mark. */
async function renderTimes(page: Page): Promise<{ firstPaintMs: number; connectScreenMs: number }> {
  const firstPaintMs = await firstContentfulPaint(page);
  const connectScreenMs = await page.evaluate(
    (mark) => performance.getEntriesByName(mark)[0]?.startTime ?? Number.NaN,
    CONNECT_SCREEN_MARK,
  );
  return { firstPaintMs, connectScreenMs };
}

/**
 * First contentful paint (the start-up shell in index.html, painted before any script runs) and the connect
 * screen with its profiles (React rendered, the backend answered), each against the minimal page's first paint.
 */
function printFirstRender(first: ConsoleRun[], later: ConsoleRun[], minimal: Run[]): void {
  const runs = [...first, ...later];
  const baseline = median(minimal.map((run) => run.firstPaintMs));
  const paint = median(runs.map((run) => run.firstPaintMs));
  const connect = median(runs.map((run) => run.connectScreenMs));
  console.log(
    `time to first render (first contentful paint): ${paint.toFixed(0)} ms, ratio ${(paint / FIRST_RENDER_GOAL_MS).toFixed(2)} of the goal ` +
      `(minimal page ${baseline.toFixed(0)} ms, ${(paint / baseline).toFixed(2)}x it; goal < ${FIRST_RENDER_GOAL_MS} ms)`,
  );
  console.log(
    `time to the connect screen (profiles shown, its performance mark): ${connect.toFixed(0)} ms, ratio ${(connect / FIRST_RENDER_GOAL_MS).toFixed(2)} of the first-render goal ` +
      `(minimal page ${baseline.toFixed(0)} ms, ${(connect / baseline).toFixed(2)}x it; first run ${median(first.map((run) => run.connectScreenMs)).toFixed(0)} ms, later run ${median(later.map((run) => run.connectScreenMs)).toFixed(0)} ms)`,
  );
}

/** The embedded portal's own start lines of one user-data folder (portal/start-timings.ts): its first and later start. */
interface PortalStarts {
  first: Record<string, number> | null;
  later: Record<string, number> | null;
}

function portalStartLines(userData: string): PortalStarts {
  const log = join(userData, 'logs', 'local-portal.log');
  const starts = existsSync(log) ? readFileSync(log, 'utf8').split('\n').map(parseStartLine).filter((steps) => steps !== null) : [];
  return { first: starts[0] ?? null, later: starts[1] ?? null };
}

/** Each start step's median across runs, in the order the portal took them. */
function startSteps(starts: Array<Record<string, number> | null>): string {
  const known = starts.filter((steps) => steps !== null);
  if (known.length === 0) return 'no start line in logs/local-portal.log';
  const steps = Object.keys(known[0]!).filter((step) => step !== 'total');
  const parts = steps.map((step) => `${step} ${median(known.map((steps) => steps[step] ?? Number.NaN)).toFixed(0)}`);
  return `${median(known.map((steps) => steps.total ?? Number.NaN)).toFixed(0)} ms in the portal (${parts.join(', ')})`;
}

/** Issue 14: the embedded portal's start, step by step from its own log, and its RSS after sign-in (goal < 250 MiB). */
function printEmbeddedPortal(first: ConsoleRun[], later: ConsoleRun[], starts: PortalStarts[]): void {
  console.log(`embedded portal start, first run: ${startSteps(starts.map((start) => start.first))}`);
  console.log(`embedded portal start, later run: ${startSteps(starts.map((start) => start.later))}`);
  const signIn = (runs: ConsoleRun[]) => median(runs.map((run) => run.shellMs - run.connectableMs)).toFixed(0);
  console.log(`connectable to signed-in shell (sign-in and the shell's first screen): first run ${signIn(first)} ms, later run ${signIn(later)} ms`);
  printSignInSplit(first, later);
  const all = [...first, ...later];
  const rss = (runs: ConsoleRun[]) => median(runs.map((run) => run.portalRssMiB)).toFixed(0);
  const max = Math.max(...all.map((run) => run.portalRssMiB));
  console.log(
    `embedded portal RSS after sign-in: median ${rss(all)} MiB (first run ${rss(first)} MiB, later run ${rss(later)} MiB), max ${max.toFixed(0)} MiB, ` +
      `ratio ${(max / 250).toFixed(2)} of the goal (< 250 MiB)`,
  );
}

/** Issue 14: where the time from connectable to the portal's name goes (medians, first run / later run). */
function printSignInSplit(first: ConsoleRun[], later: ConsoleRun[]): void {
  const part = (key: keyof SignInSplit) =>
    `${median(first.map((run) => run.signIn[key])).toFixed(0)} / ${median(later.map((run) => run.signIn[key])).toFixed(0)} ms`;
  console.log(
    `  split, first / later run: connect, form and typing until sent ${part('typingMs')}; sign-in call ${part('callMs')} ` +
      `(the portal's POST /sessions ${part('portalMs')}, the console's backend and WebSocket ${part('consoleMs')}); answer to the portal's name shown ${part('shellMs')}`,
  );
}

function spawnJsonLine(command: string, args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ url: (JSON.parse(line) as { url: string }).url, child }));
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** RSS of the console's child processes (the embedded portal), from /proc. */
function childRssMiB(parent: ChildProcess): number {
  let kib = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) !== parent.pid) continue;
      kib += Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    } catch {
      // The process ended meanwhile.
    }
  }
  return kib / 1024;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function kb(bytes: number): string {
  return (bytes / 1024).toFixed(1);
}
