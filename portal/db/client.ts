import { readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { PgTransaction, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { z } from 'zod';
import { timedStep, type StartTimings } from '../start-timings';
import { isInitialisedDataDir, pgliteExtensions, readPreparedDb } from './prepared';
import { unpackPreparedDb } from './prepared-unpack';
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
  | { kind: 'pglite-memory'; small?: boolean }
  | { kind: 'pglite-dir'; dataDir: string; small?: boolean }
  | { kind: 'postgres'; databaseUrl: string };

/**
 * Postgres settings for a PGlite that must stay small (the console's embedded portal, issue 14). PGlite keeps
 * Postgres's shared memory inside its WebAssembly memory: the stock 128 MB of shared_buffers outgrow PGlite's
 * initial 128 MiB, are touched at every start and cost ~130 MiB of resident memory (measured: 293 MiB after
 * opening the demo database, 141 MiB with 16 MB). The demo database (~11 MB) fits; the OS caches the files.
 * PostgreSQL deployments and the portal's other PGlite uses keep the defaults.
 */
export const SMALL_PGLITE_SETTINGS: readonly string[] = ['shared_buffers=16MB'];

/** PGlite's options: its extensions, and on `small` the settings above after PGlite's own start parameters. */
export function pgliteOptions(small: boolean): PGliteOptions {
  if (!small) return { extensions: pgliteExtensions };
  return { extensions: pgliteExtensions, startParams: [...PGlite.defaultStartParams, ...SMALL_PGLITE_SETTINGS.flatMap((setting) => ['-c', setting])] };
}

export interface OpenDatabase {
  db: PortalDb;
  target: DatabaseTarget['kind'];
  /** How PGlite came up: from the prepared database (no initdb), by initdb, or on an existing data directory. */
  origin?: 'prepared' | 'initdb' | 'existing';
  /** How long opening took: `database` (PGlite: WebAssembly and data directory) and `migrations`. */
  timings: StartTimings;
  close(): Promise<void>;
}

export const defaultMigrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Opens the database and brings its schema up to date with drizzle's migrator. */
export async function openDatabase(target: DatabaseTarget, migrationsFolder = defaultMigrationsFolder): Promise<OpenDatabase> {
  if (target.kind === 'postgres') return openPostgres(target.databaseUrl, migrationsFolder);
  return openPglite(target.kind === 'pglite-dir' ? target.dataDir : undefined, migrationsFolder, pgliteOptions(target.small === true));
}

async function openPglite(dataDir: string | undefined, migrationsFolder: string, options: PGliteOptions): Promise<OpenDatabase> {
  const timings: StartTimings = [];
  const { client, origin } = await timedStep(timings, 'database', () => startPglite(dataDir, migrationsFolder, options));
  try {
    const db = drizzlePglite({ client, schema });
    // Also on the prepared database: it may predate the newest migrations; applied ones are skipped.
    await timedStep(timings, 'migrations', async () => {
      if (origin === 'existing' && (await migratedUpTo(client)) >= newestMigration(migrationsFolder)) return;
      await migratePglite(db, { migrationsFolder });
    });
    return { db, target: dataDir === undefined ? 'pglite-memory' : 'pglite-dir', origin, timings, close: () => client.close() };
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
}

const Journal = z.object({ entries: z.array(z.object({ when: z.number() })) });

/** The newest migration's time in the journal (drizzle applies those newer than the database's newest). */
export function newestMigration(migrationsFolder: string): number {
  const journal = Journal.parse(JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')));
  return Math.max(...journal.entries.map((entry) => entry.when));
}

/**
 * The newest migration applied to the database, asked the way drizzle's migrator asks it; -1 when it has none.
 * A database already at the journal's newest skips the migrator, which reads and hashes every SQL file and
 * creates its schema and table (if not there) in a transaction of its own: nothing it would apply.
 */
async function migratedUpTo(client: PGlite): Promise<number> {
  try {
    const result = await client.query<{ created_at: string | number | null }>('select max(created_at) as created_at from drizzle.__drizzle_migrations');
    const newest = result.rows[0]?.created_at;
    return newest === null || newest === undefined ? -1 : Number(newest);
  } catch {
    return -1;
  }
}

async function startPglite(
  dataDir: string | undefined,
  migrationsFolder: string,
  options: PGliteOptions,
): Promise<{ client: PGlite; origin: NonNullable<OpenDatabase['origin']> }> {
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  const existing = dataDir !== undefined && isInitialisedDataDir(dataDir);
  const prepared = existing ? null : await readPreparedDb(migrationsFolder);
  let client = prepared ? await loadPrepared(dataDir, prepared, options) : null;
  const origin = existing ? 'existing' : client ? 'prepared' : 'initdb';
  client ??= dataDir === undefined ? new PGlite(options) : new PGlite(dataDir, options);
  await client.waitReady;
  return { client, origin };
}

/**
 * The prepared database in a fresh data directory (unpacked there, see prepared-unpack.ts) or in memory (PGlite's
 * loadDataDir); null (directory emptied again) if it cannot be loaded.
 */
async function loadPrepared(dataDir: string | undefined, tarball: Buffer, pglite: PGliteOptions): Promise<PGlite | null> {
  let client: PGlite | undefined;
  try {
    if (dataDir === undefined) {
      client = new PGlite({ ...pglite, loadDataDir: new Blob([new Uint8Array(tarball)]) });
    } else {
      await unpackPreparedDb(tarball, dataDir);
      client = new PGlite(dataDir, pglite);
    }
    await client.waitReady;
    return client;
  } catch (error) {
    process.stderr.write(`portal: the prepared database could not be loaded (${error instanceof Error ? error.message : String(error)}); initialising a new one\n`);
    await client?.close().catch(() => undefined);
    if (dataDir !== undefined) {
      await rm(dataDir, { recursive: true, force: true });
      await mkdir(dataDir, { recursive: true });
    }
    return null;
  }
}

/** node-postgres loads only for PostgreSQL: a PGlite portal (the console's embedded one) starts without it. */
async function openPostgres(databaseUrl: string, migrationsFolder: string): Promise<OpenDatabase> {
  const postgres = await import('./postgres');
  return postgres.openPostgres(databaseUrl, migrationsFolder);
}
