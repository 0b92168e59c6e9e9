// The end of npm test: one line per run saying what it did (or why it did not run), then one closing line over
// all runs, "N passed, N failed, N skipped", alone and last (CI reads it). Each test counts once per run it ran in:
// the PostgreSQL run holds only the portal test files that use the shared test database (scripts/test.sh).
// Exits 1 when a test failed, a runner failed outside its tests, a run that had to happen did not, or the
// PostgreSQL run's files and the shared-database record disagree.
import { existsSync, readFileSync } from 'node:fs';
import { basename, relative } from 'node:path';
import { postgresTestFiles, readRecord } from './postgres-test-files.mjs';

const ELECTRON_SPEC = 'electron.spec.ts';

const counts = (passed, failed, skipped) => ({ passed, failed, skipped });
const add = (left, right) => counts(left.passed + right.passed, left.failed + right.failed, left.skipped + right.skipped);
const describe = (c) => `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`;
const files = (n) => `${n} file${n === 1 ? '' : 's'}`;

function vitestCounts(report) {
  return counts(report.numPassedTests, report.numFailedTests, report.numPendingTests + (report.numTodoTests ?? 0));
}

/** Every test of a Playwright JSON report with its spec file. */
function playwrightTests(report) {
  const tests = [];
  const walk = (suite, file) => {
    const here = suite.file ?? file;
    for (const spec of suite.specs ?? []) for (const test of spec.tests) tests.push({ file: basename(spec.file ?? here), test });
    for (const child of suite.suites ?? []) walk(child, here);
  };
  for (const suite of report.suites ?? []) walk(suite, suite.file);
  return tests;
}

function playwrightCounts(tests) {
  return tests.reduce(
    (sum, { test }) =>
      add(sum, counts(test.status === 'expected' ? 1 : 0, test.status === 'unexpected' || test.status === 'flaky' ? 1 : 0, test.status === 'skipped' ? 1 : 0)),
    counts(0, 0, 0),
  );
}

function skipReason(tests) {
  for (const { test } of tests) {
    const skip = (test.annotations ?? []).find((annotation) => annotation.type === 'skip' && annotation.description);
    if (skip) return skip.description;
  }
  return 'no reason given';
}

/**
 * @param {object} input
 * @param {{ report: object | null, exitCode: number }} input.vitest the first vitest run (PGlite)
 * @param {{ report: object | null, exitCode: number, notRun: string | null, expectedFiles: string[], usedFiles: string[] }} input.postgres
 *   notRun: why it did not run; expectedFiles: what the first run recorded; usedFiles: what the PostgreSQL run recorded
 * @param {{ report: object | null, exitCode: number }} input.playwright
 * @param {boolean} input.ci CI=true: the PostgreSQL run must happen, and the OpenLDAP server must be there
 * @param {string | null} [input.ldapNotRun] why scripts/with-slapd.sh had no OpenLDAP server (null: it had one)
 * @param {string} input.root the folder the reports' file names are relative to
 * @returns {{ lines: string[], ok: boolean }}
 */
export function summarize({ vitest, postgres, playwright, ci, root, ldapNotRun = null }) {
  const lines = [];
  let total = counts(0, 0, 0);
  let ok = true;
  const failRun = (line) => {
    lines.push(line);
    ok = false;
  };
  const runnerExit = (name, exitCode, c) => {
    if (exitCode !== 0 && c.failed === 0) failRun(`  ${name} exited with code ${exitCode} outside its tests: see its errors above`);
    if (exitCode !== 0 || c.failed > 0) ok = false;
  };

  if (vitest.report) {
    const c = vitestCounts(vitest.report);
    total = add(total, c);
    lines.push(`vitest (PGlite): ${describe(c)} in ${files(vitest.report.testResults.length)}`);
    runnerExit('vitest', vitest.exitCode, c);
  } else {
    failRun(`vitest (PGlite): no report (exit code ${vitest.exitCode})`);
  }

  if (postgres.notRun !== null) {
    if (ci) failRun(`PostgreSQL: not run, ${postgres.notRun} (CI=true needs this run)`);
    else lines.push(`PostgreSQL: not run, ${postgres.notRun}`);
    if (postgres.exitCode !== 0) failRun(`  the PostgreSQL run exited with code ${postgres.exitCode}`);
  } else if (!postgres.report) {
    failRun(`PostgreSQL: no report (exit code ${postgres.exitCode})`);
  } else {
    const c = vitestCounts(postgres.report);
    total = add(total, c);
    const ran = postgres.report.testResults.map((result) => relative(root, result.name)).sort();
    lines.push(`PostgreSQL: ${describe(c)} in ${files(ran.length)}`);
    runnerExit('vitest on PostgreSQL', postgres.exitCode, c);
    const withoutDatabase = ran.filter((file) => !postgres.usedFiles.includes(file));
    if (withoutDatabase.length > 0) failRun(`  ran on PostgreSQL without starting a portal on its test database: ${withoutDatabase.join(', ')}`);
    const missing = postgres.expectedFiles.filter((file) => !ran.includes(file));
    if (missing.length > 0) failRun(`  use the shared test database but did not run on PostgreSQL: ${missing.join(', ')}`);
  }

  if (ldapNotRun) {
    if (ci) failRun(`OpenLDAP: not run, ${ldapNotRun} (CI=true needs the directory sync tests)`);
    else lines.push(`OpenLDAP: not run, ${ldapNotRun}; the directory sync tests skipped`);
  }

  if (playwright.report) {
    const tests = playwrightTests(playwright.report);
    const browser = tests.filter((entry) => entry.file !== ELECTRON_SPEC);
    const electron = tests.filter((entry) => entry.file === ELECTRON_SPEC);
    const browserCounts = playwrightCounts(browser);
    const electronCounts = playwrightCounts(electron);
    total = add(add(total, browserCounts), electronCounts);
    lines.push(`Playwright (Chromium): ${describe(browserCounts)} in ${files(new Set(browser.map((entry) => entry.file)).size)}`);
    if (electron.length === 0) lines.push('Electron: not run, no Electron spec in the report');
    else if (electronCounts.skipped === electron.length) lines.push(`Electron: skipped, ${skipReason(electron)}`);
    else lines.push(`Electron: ${describe(electronCounts)}`);
    runnerExit('Playwright', playwright.exitCode, add(browserCounts, electronCounts));
    for (const error of playwright.report.errors ?? []) failRun(`  Playwright: ${String(error.message ?? error).split('\n')[0]}`);
  } else {
    failRun(`Playwright (Chromium): no report (exit code ${playwright.exitCode})`);
    lines.push('Electron: not run, Playwright did not report');
  }

  lines.push(describe(total));
  return { lines, ok };
}

const readJson = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);

if (import.meta.url === `file://${process.argv[1]}`) {
  // Arguments "vitest=<exit code>" "postgres=<exit code>" "playwright=<exit code>" from scripts/test.sh.
  const codes = Object.fromEntries(process.argv.slice(2).map((arg) => [arg.slice(0, arg.indexOf('=')), Number(arg.slice(arg.indexOf('=') + 1))]));
  const notRun = existsSync('.tmp/postgres-not-run') ? readFileSync('.tmp/postgres-not-run', 'utf8').trim() : null;
  const { lines, ok } = summarize({
    vitest: { report: readJson('.tmp/vitest.json'), exitCode: codes.vitest ?? 0 },
    postgres: {
      report: notRun === null ? readJson('.tmp/vitest-postgres.json') : null,
      exitCode: codes.postgres ?? 0,
      notRun,
      expectedFiles: postgresTestFiles(readRecord('.tmp/shared-db-files')),
      usedFiles: postgresTestFiles(readRecord('.tmp/shared-db-files-postgres')),
    },
    playwright: { report: readJson('.tmp/playwright.json'), exitCode: codes.playwright ?? 0 },
    ci: process.env.CI === 'true',
    root: process.cwd(),
    ldapNotRun: existsSync('.tmp/slapd-not-run') ? readFileSync('.tmp/slapd-not-run', 'utf8').trim() : null,
  });
  console.log('== summary');
  for (const line of lines) console.log(line);
  process.exit(ok ? 0 : 1);
}
