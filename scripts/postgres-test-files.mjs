// The test files of the PostgreSQL run, one a line, sorted: the portal test files that the first vitest run
// recorded as starting a test portal on the shared test database (portal/test-support.ts notes each one in the
// file PORTAL_TEST_SHARED_DB_RECORD names). Usage: node scripts/postgres-test-files.mjs <record file>
import { existsSync, readFileSync } from 'node:fs';

/** Sorted, without repeats, only portal/ files (console tests start test portals too, but are not the portal's). */
export function postgresTestFiles(recordText) {
  const files = recordText
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('portal/') && line.endsWith('.test.ts'));
  return [...new Set(files)].sort();
}

export function readRecord(path) {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const record = process.argv[2];
  if (record === undefined) {
    console.error('usage: node scripts/postgres-test-files.mjs <record file>');
    process.exit(2);
  }
  for (const file of postgresTestFiles(readRecord(record))) console.log(file);
}
