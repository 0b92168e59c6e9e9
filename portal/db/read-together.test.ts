import { count, sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { openDatabase, readTogether, type OpenDatabase, type PortalDb, type PortalExecutor } from './client';
import { resilientPool } from './postgres';
import * as schema from './schema';

/**
 * Two reads that note when they start and end. Started together, both have started before either has
 * ended (whichever the database answers first); one after another, each ends before the next starts.
 * No pause decides it: only whether readTogether waits for the first read before it starts the second.
 */
async function tracedReads(executor: PortalExecutor) {
  const log: string[] = [];
  const read = (name: string) => async () => {
    log.push(`start ${name}`);
    const result = (await executor.execute(sql`select ${name}::text as name`)) as unknown as { rows: { name: string }[] };
    log.push(`end ${name}`);
    return result.rows[0]?.name;
  };
  const results = await readTogether(executor, [read('first'), read('second'), () => 'plain value']);
  return { results, log };
}

const startedTogether = (log: string[]) => {
  expect(log.slice(0, 2)).toEqual(['start first', 'start second']);
  expect(log.slice(2).sort()).toEqual(['end first', 'end second']);
};
const oneAfterAnother = ['start first', 'end first', 'start second', 'end second'];

describe('readTogether on PGlite', () => {
  let open: OpenDatabase;
  beforeAll(async () => {
    open = await openDatabase({ kind: 'pglite-memory' });
  });
  afterAll(() => open?.close());

  it('starts the reads together on the database and answers the results in order', async () => {
    expect(open.db).not.toBeInstanceOf(PgTransaction);
    const { results, log } = await tracedReads(open.db);
    expect(results).toEqual(['first', 'second', 'plain value']);
    startedTogether(log);
  });

  it('runs them one after another in a transaction, results still in order', async () => {
    const { results, log } = await open.db.transaction(async (tx) => {
      expect(tx).toBeInstanceOf(PgTransaction);
      return tracedReads(tx);
    });
    expect(results).toEqual(['first', 'second', 'plain value']);
    expect(log).toEqual(oneAfterAnother);
  });

  it('runs drizzle query builders given as thunks and types each result', async () => {
    const [[users], [sessions], name] = await open.db.transaction((tx) =>
      readTogether(tx, [
        () => tx.select({ n: count() }).from(schema.users),
        () => tx.select({ n: count() }).from(schema.sessions),
        async () => 'done',
      ]),
    );
    expectTypeOf(users).toEqualTypeOf<{ n: number } | undefined>();
    expectTypeOf(name).toEqualTypeOf<string>();
    expect(users).toEqual({ n: 0 });
    expect(sessions).toEqual({ n: 0 });
    expect(name).toBe('done');
  });

  it('stops at the first read that fails in a transaction', async () => {
    const started: string[] = [];
    const failing = open.db.transaction((tx) =>
      readTogether(tx, [
        async () => {
          started.push('first');
          throw new Error('first failed');
        },
        async () => {
          started.push('second');
          return 2;
        },
      ]),
    );
    await expect(failing).rejects.toThrow('first failed');
    expect(started).toEqual(['first']);
  });
});

/** Runs where scripts/with-postgres.sh provides a throwaway PostgreSQL server. */
const serverUrl = process.env.PORTAL_TEST_DATABASE_URL;

describe.skipIf(serverUrl === undefined)('readTogether on node-postgres', () => {
  let pool: ReturnType<typeof resilientPool>;
  let db: PortalDb;
  beforeAll(() => {
    pool = resilientPool(serverUrl as string);
    db = drizzleNodePg({ client: pool.pool, schema });
  });
  afterAll(() => pool?.close());

  it('starts the reads together on the pool', async () => {
    expect(db).not.toBeInstanceOf(PgTransaction);
    const { results, log } = await tracedReads(db);
    expect(results).toEqual(['first', 'second', 'plain value']);
    startedTogether(log);
  });

  it("runs them one after another on the transaction's single connection", async () => {
    const { results, log } = await db.transaction(async (tx) => {
      expect(tx).toBeInstanceOf(PgTransaction);
      return tracedReads(tx);
    });
    expect(results).toEqual(['first', 'second', 'plain value']);
    expect(log).toEqual(oneAfterAnother);
  });
});
