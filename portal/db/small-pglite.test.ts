import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase, pgliteOptions, SMALL_PGLITE_SETTINGS } from './client';

async function setting(database: Awaited<ReturnType<typeof openDatabase>>, name: 'shared_buffers'): Promise<string | undefined> {
  const result = (await database.db.execute(sql.raw(`show ${name}`))) as unknown as { rows: Array<Record<string, string>> };
  return result.rows[0]?.[name];
}

describe('a small PGlite (the embedded portal)', () => {
  it("adds its settings after PGlite's own start parameters; the default PGlite keeps them", () => {
    expect(SMALL_PGLITE_SETTINGS).toContain('shared_buffers=16MB');
    const small = pgliteOptions(true).startParams!;
    expect(small.slice(0, PGlite.defaultStartParams.length)).toEqual(PGlite.defaultStartParams);
    expect(small.slice(PGlite.defaultStartParams.length)).toEqual(SMALL_PGLITE_SETTINGS.flatMap((setting) => ['-c', setting]));
    expect(pgliteOptions(false).startParams).toBeUndefined();
  });

  it('runs with 16 MB of shared buffers instead of 128 MB', async () => {
    const small = await openDatabase({ kind: 'pglite-memory', small: true });
    try {
      expect(await setting(small, 'shared_buffers')).toBe('16MB');
    } finally {
      await small.close();
    }
    const stock = await openDatabase({ kind: 'pglite-memory' });
    try {
      expect(await setting(stock, 'shared_buffers')).toBe('128MB');
    } finally {
      await stock.close();
    }
  }, 120_000);
});
