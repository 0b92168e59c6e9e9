// Prints one closing line over both runners (vitest twice: PGlite, then the portal tests on PostgreSQL): "N passed, N failed, N skipped".
import { existsSync, readFileSync } from 'node:fs';

const read = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);
const vitestRuns = [read('.tmp/vitest.json'), read('.tmp/vitest-postgres.json')];
const playwright = read('.tmp/playwright.json');
let passed = 0, failed = 0, skipped = 0;
for (const vitest of vitestRuns.filter(Boolean)) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  skipped += vitest.numPendingTests + (vitest.numTodoTests ?? 0);
}
if (playwright) {
  passed += playwright.stats.expected;
  failed += playwright.stats.unexpected + (playwright.stats.flaky ?? 0);
  skipped += playwright.stats.skipped;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);

// Arguments "runner=exit code" from scripts/test.sh: a runner that failed although no test failed had an
// error outside the tests (vitest: unhandled errors), or did not finish; say so rather than look green.
for (const [runner, code] of process.argv.slice(2).map((arg) => arg.split('='))) {
  if (code !== '0') console.log(`${runner} exited with code ${code}: see its errors above`);
}
