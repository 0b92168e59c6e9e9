import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { z } from 'zod';
import * as schema from './schema';

/**
 * A prepared database: an empty PGlite data directory with initdb done and every migration applied, as a
 * tarball (PGlite dumpDataDir). A first start unpacks it (prepared-unpack.ts) instead of running initdb and
 * the migrations, most of a first start's time. It lies next to the migrations folder it was built from and
 * names their fingerprint: a tarball of other migrations is never loaded; the normal path runs instead.
 */
export const PREPARED_DB_FILE = 'prepared-db.tar.gz';
export const PREPARED_DB_META = 'prepared-db.json';
const PreparedMeta = z.object({ migrations: z.string() });

/** pg_trgm backs the users' search-as-you-type index (migration users_pg_trgm). */
export const pgliteExtensions = { pg_trgm };

export function preparedDbPath(migrationsFolder: string): string {
  return join(dirname(migrationsFolder), PREPARED_DB_FILE);
}

function preparedMetaPath(migrationsFolder: string): string {
  return join(dirname(migrationsFolder), PREPARED_DB_META);
}

/** SHA-256 over the migration journal and every SQL file, in name order. */
export function migrationsFingerprint(migrationsFolder: string): string {
  const hash = createHash('sha256');
  const files = ['meta/_journal.json', ...readdirSync(migrationsFolder).filter((name) => name.endsWith('.sql')).sort()];
  for (const file of files) {
    const path = join(migrationsFolder, file);
    if (existsSync(path)) hash.update(file).update('\0').update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex');
}

/** The prepared tarball for these migrations, or null (none built, or built from other migrations). */
export async function readPreparedDb(migrationsFolder: string): Promise<Buffer | null> {
  const tarball = preparedDbPath(migrationsFolder);
  const metaPath = preparedMetaPath(migrationsFolder);
  if (!existsSync(tarball) || !existsSync(metaPath)) return null;
  const meta = PreparedMeta.safeParse(JSON.parse(await readFile(metaPath, 'utf8')));
  if (!meta.success || meta.data.migrations !== migrationsFingerprint(migrationsFolder)) return null;
  return readFile(tarball);
}

/** A data directory PGlite has initialised already (then nothing may be loaded into it). */
export function isInitialisedDataDir(dataDir: string): boolean {
  return existsSync(join(dataDir, 'PG_VERSION'));
}

/**
 * Builds the prepared database for `migrationsFolder` next to it, unless the one there already matches.
 * Answers whether it built one.
 */
export async function buildPreparedDb(migrationsFolder: string): Promise<boolean> {
  const fingerprint = migrationsFingerprint(migrationsFolder);
  if ((await readPreparedDb(migrationsFolder)) !== null) return false;
  const client = await PGlite.create({ extensions: pgliteExtensions });
  try {
    await migrate(drizzle({ client, schema }), { migrationsFolder });
    await client.query('CHECKPOINT');
    const tarball = Buffer.from(await (await client.dumpDataDir('gzip')).arrayBuffer());
    const target = preparedDbPath(migrationsFolder);
    await writeFile(`${target}.tmp`, tarball);
    await rename(`${target}.tmp`, target);
    await writeFile(preparedMetaPath(migrationsFolder), `${JSON.stringify({ migrations: fingerprint })}\n`);
    return true;
  } finally {
    await client.close();
  }
}
