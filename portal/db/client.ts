import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { PgTransaction, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema';

export type PortalSchema = typeof schema;
/** The driver-neutral database handle every query is written against (PGlite and node-postgres both fit). */
export type PortalDb = PgDatabase<PgQueryResultHKT, PortalSchema>;
export type PortalTx = PgTransaction<PgQueryResultHKT, PortalSchema, ExtractTablesWithRelations<PortalSchema>>;
/** Anything queries can run on: the database itself or an open transaction. */
export type PortalExecutor = PortalDb | PortalTx;

/** Each read's result, in the order of the reads. */
export type ReadResults<Reads extends readonly (() => unknown)[]> = {
  -readonly [K in keyof Reads]: Reads[K] extends () => infer Result ? Awaited<Result> : never;
};

/**
 * Runs independent reads on `executor` and answers their results in order: all at once on the database,
 * one after another in a transaction. The pool gives each concurrent query a connection of its own, but a
 * transaction is one connection, and node-postgres 8 deprecates (pg 9 refuses) a query sent while another
 * is still running on it. Pass thunks, not queries: drizzle's query builders start only when awaited.
 */
export async function readTogether<const Reads extends readonly (() => unknown)[]>(executor: PortalExecutor, reads: Reads): Promise<ReadResults<Reads>> {
  if (!(executor instanceof PgTransaction)) return (await Promise.all(reads.map((read) => read()))) as ReadResults<Reads>;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as ReadResults<Reads>;
}

export type DatabaseTarget =
  | { kind: 'pglite-memory' }
  | { kind: 'pglite-dir'; dataDir: string }
  | { kind: 'postgres'; databaseUrl: string };

export interface OpenDatabase {
  db: PortalDb;
  target: DatabaseTarget['kind'];
  close(): Promise<void>;
}

export const defaultMigrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Opens the database and brings its schema up to date with drizzle's migrator. */
export async function openDatabase(target: DatabaseTarget, migrationsFolder = defaultMigrationsFolder): Promise<OpenDatabase> {
  if (target.kind === 'postgres') return openPostgres(target.databaseUrl, migrationsFolder);
  return openPglite(target.kind === 'pglite-dir' ? target.dataDir : undefined, migrationsFolder);
}

async function openPglite(dataDir: string | undefined, migrationsFolder: string): Promise<OpenDatabase> {
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  // pg_trgm backs the users' search-as-you-type index (migration users_pg_trgm).
  const extensions = { pg_trgm };
  const client = dataDir === undefined ? new PGlite({ extensions }) : new PGlite(dataDir, { extensions });
  try {
    const db = drizzlePglite({ client, schema });
    await migratePglite(db, { migrationsFolder });
    return { db, target: dataDir === undefined ? 'pglite-memory' : 'pglite-dir', close: () => client.close() };
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
}

async function openPostgres(databaseUrl: string, migrationsFolder: string): Promise<OpenDatabase> {
  const pool = resilientPool(databaseUrl);
  try {
    const db = drizzleNodePg({ client: pool.pool, schema });
    await migrateNodePg(db, { migrationsFolder });
    return { db, target: 'postgres', close: pool.close };
  } catch (error) {
    await pool.close().catch(() => undefined);
    throw error;
  }
}

/**
 * A pool that survives losing an idle connection and closes completely.
 * pg's Pool emits 'error' when the server drops an idle connection (restart, failover, a firewall's
 * idle timeout, pg_terminate_backend); with no listener that is an uncaught exception that takes the
 * portal down. The pool has already discarded that connection, so the next query simply opens another.
 * Its end() resolves before the connections have closed; close() waits for them, so that whoever drops
 * or stops the database next does not hit connections still saying goodbye.
 */
export function resilientPool(databaseUrl: string, onLost: (error: Error) => void = reportLostConnection): { pool: pg.Pool; close(): Promise<void> } {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  let open = 0;
  let allRemoved: (() => void) | undefined;
  let closing = false;
  pool.on('connect', () => (open += 1));
  pool.on('remove', () => {
    open -= 1;
    if (open === 0) allRemoved?.();
  });
  pool.on('error', (error) => {
    if (!closing) onLost(error);
  });
  const close = async () => {
    closing = true;
    const removed = open === 0 ? Promise.resolve() : new Promise<void>((resolve) => (allRemoved = resolve));
    await pool.end();
    await removed;
  };
  return { pool, close };
}

function reportLostConnection(error: Error): void {
  process.stderr.write(`portal: an idle database connection was lost (${error.message}); the next query opens a new one\n`);
}
