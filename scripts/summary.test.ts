import { describe, expect, it } from 'vitest';
import { postgresTestFiles } from './postgres-test-files.mjs';
import { summarize } from './summary.mjs';

const root = '/repo';
const CLOSING_LINE = /^(\w+: )?\d+ passed, \d+ failed(, \d+ skipped)?$/;

function vitestReport(files: string[], passed: number, failed = 0, skipped = 0) {
  return {
    numPassedTests: passed,
    numFailedTests: failed,
    numPendingTests: skipped,
    numTodoTests: 0,
    testResults: files.map((file) => ({ name: `${root}/${file}` })),
  };
}

const test = (status: string, annotations: { type: string; description?: string }[] = []) => ({ status, annotations });

function playwrightReport(byFile: Record<string, ReturnType<typeof test>[]>) {
  return {
    suites: Object.entries(byFile).map(([file, tests]) => ({ title: file, file, specs: [{ title: 'spec', file, tests }] })),
    errors: [],
    stats: {},
  };
}

const portalFiles = ['portal/routes/users.test.ts', 'portal/server.test.ts'];

function input(overrides: Partial<Parameters<typeof summarize>[0]> = {}): Parameters<typeof summarize>[0] {
  return {
    vitest: { report: vitestReport([...portalFiles, 'portal/db/ids.test.ts', 'main/backend.test.ts'], 100, 0, 2), exitCode: 0 },
    postgres: { report: vitestReport(portalFiles, 40), exitCode: 0, notRun: null, expectedFiles: portalFiles, usedFiles: portalFiles },
    playwright: {
      report: playwrightReport({
        'users.spec.ts': [test('expected'), test('expected')],
        'electron.spec.ts': [test('skipped', [{ type: 'skip', description: 'Electron runtime not available: no download possible' }])],
      }),
      exitCode: 0,
    },
    ci: false,
    root,
    ...overrides,
  };
}

describe('the closing summary', () => {
  it('names every run with its counts and closes with one line over all of them, alone and last', () => {
    const { lines, ok } = summarize(input());
    expect(lines).toEqual([
      'vitest (PGlite): 100 passed, 0 failed, 2 skipped in 4 files',
      'PostgreSQL: 40 passed, 0 failed, 0 skipped in 2 files',
      'Playwright (Chromium): 2 passed, 0 failed, 0 skipped in 1 file',
      'Electron: skipped, Electron runtime not available: no download possible',
      '142 passed, 0 failed, 3 skipped',
    ]);
    expect(ok).toBe(true);
    // Only the last line has the form CI reads.
    expect(lines.filter((line) => CLOSING_LINE.test(line))).toEqual(['142 passed, 0 failed, 3 skipped']);
  });

  it('says the PostgreSQL run did not run and why; fine on a developer machine, a failure in CI', () => {
    const notRun = { report: null, exitCode: 0, notRun: 'no server', expectedFiles: portalFiles, usedFiles: [] };
    const here = summarize(input({ postgres: notRun }));
    expect(here.lines).toContain('PostgreSQL: not run, no server');
    expect(here.lines.at(-1)).toBe('102 passed, 0 failed, 3 skipped');
    expect(here.ok).toBe(true);
    const inCi = summarize(input({ postgres: { ...notRun, exitCode: 1 }, ci: true }));
    expect(inCi.lines).toContain('PostgreSQL: not run, no server (CI=true needs this run)');
    expect(inCi.ok).toBe(false);
  });

  it('fails when a file ran on PostgreSQL without its test database, or one that uses it did not run there', () => {
    const extra = summarize(input({ postgres: { ...input().postgres, report: vitestReport([...portalFiles, 'portal/db/ids.test.ts'], 45) } }));
    expect(extra.lines).toContain('  ran on PostgreSQL without starting a portal on its test database: portal/db/ids.test.ts');
    expect(extra.ok).toBe(false);
    const missing = summarize(input({ postgres: { ...input().postgres, report: vitestReport([portalFiles[0]!], 20) } }));
    expect(missing.lines).toContain('  use the shared test database but did not run on PostgreSQL: portal/server.test.ts');
    expect(missing.ok).toBe(false);
  });

  it('counts a failed test, a runner that failed outside its tests and a missing report as failures', () => {
    expect(summarize(input({ vitest: { report: vitestReport(portalFiles, 10, 1), exitCode: 1 } })).ok).toBe(false);
    const outside = summarize(input({ playwright: { ...input().playwright, exitCode: 1 } }));
    expect(outside.lines).toContain('  Playwright exited with code 1 outside its tests: see its errors above');
    expect(outside.ok).toBe(false);
    const noReport = summarize(input({ vitest: { report: null, exitCode: 1 } }));
    expect(noReport.lines[0]).toBe('vitest (PGlite): no report (exit code 1)');
    expect(noReport.ok).toBe(false);
  });

  it('counts Electron tests that ran, and a flaky one as failed', () => {
    const report = playwrightReport({ 'electron.spec.ts': [test('expected'), test('flaky')], 'users.spec.ts': [test('unexpected')] });
    const { lines } = summarize(input({ playwright: { report, exitCode: 1 } }));
    expect(lines).toContain('Electron: 1 passed, 1 failed, 0 skipped');
    expect(lines).toContain('Playwright (Chromium): 0 passed, 1 failed, 0 skipped in 1 file');
  });
});

describe('the PostgreSQL run’s files', () => {
  it('are the portal files of the record, each once, sorted', () => {
    const record = ['portal/server.test.ts', 'main/backend.test.ts', 'portal/routes/users.test.ts', 'portal/server.test.ts', ''].join('\n');
    expect(postgresTestFiles(record)).toEqual(['portal/routes/users.test.ts', 'portal/server.test.ts']);
  });
  it('names a run without OpenLDAP, and fails it in CI', () => {
    const local = summarize(input({ ldapNotRun: 'no OpenLDAP server (slapd) installed' }));
    expect(local.lines).toContain('OpenLDAP: not run, no OpenLDAP server (slapd) installed; the directory sync tests skipped');
    expect(local.ok).toBe(true);
    const ci = summarize(input({ ldapNotRun: 'no OpenLDAP server (slapd) installed', ci: true }));
    expect(ci.lines).toContain('OpenLDAP: not run, no OpenLDAP server (slapd) installed (CI=true needs the directory sync tests)');
    expect(ci.ok).toBe(false);
  });
});
