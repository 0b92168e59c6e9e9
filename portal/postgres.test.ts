import { count } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from './db/schema';
import { startTestPortal } from './test-support';

/** A throwaway PostgreSQL database: this test wipes its public and drizzle schemas. */
const databaseUrl = process.env.PORTAL_TEST_DATABASE_URL;

if (databaseUrl === undefined) {
  console.info('portal/postgres.test.ts skipped: set PORTAL_TEST_DATABASE_URL to a throwaway PostgreSQL database to run it');
}

async function wipe(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('drop schema if exists drizzle cascade; drop schema public cascade; create schema public;');
  } finally {
    await client.end();
  }
}

describe.skipIf(databaseUrl === undefined)('PostgreSQL via DATABASE_URL', () => {
  const url = databaseUrl as string;
  beforeAll(async () => wipe(url));
  afterAll(async () => wipe(url));

  it('migrates, seeds once, signs in and keeps data across restarts', async () => {
    const first = await startTestPortal({ databaseUrl: url, memory: false, demo: true });
    try {
      const token = await first.signInAdmin();
      expect((await first.request('GET', '/api/v1/portal', { token })).json()).toMatchObject({ name: 'Muster GmbH Portal' });
      await first.addUser({ login: 'pg.admin', password: 'Richtig-123', isAdmin: true });
    } finally {
      await first.close();
    }
    const second = await startTestPortal({ databaseUrl: url, memory: false, demo: true });
    try {
      const [row] = await second.portal.db.select({ n: count() }).from(users);
      expect(row?.n).toBe(51);
      expect(await second.signInAdmin('pg.admin', 'Richtig-123')).toEqual(expect.any(String));
      const audit = (await second.request('GET', '/api/v1/audit?limit=5', { token: await second.signInAdmin() })).json();
      expect(audit.items[0]).toMatchObject({ action: 'session.login', actorLogin: 'admin' });
    } finally {
      await second.close();
    }
  });
});
