import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
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
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  try {
    const db = drizzleNodePg({ client: pool, schema });
    await migrateNodePg(db, { migrationsFolder });
    return { db, target: 'postgres', close: () => pool.end() };
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
}
