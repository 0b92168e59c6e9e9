import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { resilientPool } from './postgres';

/** Runs where scripts/with-postgres.sh (npm test) provides a throwaway PostgreSQL server. */
const serverUrl = process.env.PORTAL_TEST_DATABASE_URL;

if (serverUrl === undefined) {
  console.info('portal/db/client.test.ts skipped: set PORTAL_TEST_DATABASE_URL to a throwaway PostgreSQL database to run it');
}

function urlNamed(applicationName: string): string {
  const url = new URL(serverUrl as string);
  url.searchParams.set('application_name', applicationName);
  return url.toString();
}

async function terminateConnectionsOf(applicationName: string): Promise<number> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const result = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [applicationName]);
    return result.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

async function openTwoConnections(pool: pg.Pool): Promise<void> {
  const [first, second] = [await pool.connect(), await pool.connect()];
  first.release();
  second.release();
}

describe.skipIf(serverUrl === undefined)('the PostgreSQL pool', () => {
  it('survives the server dropping its idle connections and opens new ones', async () => {
    const name = `pool_test_${randomBytes(4).toString('hex')}`;
    const lost: Error[] = [];
    const { pool, close } = resilientPool(urlNamed(name), (error) => lost.push(error));
    try {
      await openTwoConnections(pool);
      expect(await terminateConnectionsOf(name)).toBe(2);
      await expect.poll(() => lost.length).toBe(2);
      expect(lost[0]?.message).toMatch(/terminating connection/);
      const { rows } = await pool.query<{ one: number }>('select 1 as one');
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await close();
    }
  });

  it('closes only when every connection has ended, and says nothing about connections it closes itself', async () => {
    const lost: Error[] = [];
    const { pool, close } = resilientPool(urlNamed(`pool_test_${randomBytes(4).toString('hex')}`), (error) => lost.push(error));
    let removed = 0;
    pool.on('remove', () => (removed += 1));
    await openTwoConnections(pool);
    await close();
    expect(removed).toBe(2);
    expect(lost).toEqual([]);
  });
});
