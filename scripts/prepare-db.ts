// Build step (electron-vite build, main): the prepared, migrated PGlite database the embedded portal loads on
// its first run instead of running initdb (portal/db/prepared.ts). Also runnable alone: npx tsx scripts/prepare-db.ts
import { copyFileSync, cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPreparedDb, PREPARED_DB_FILE, PREPARED_DB_META } from '../portal/db/prepared';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Kept between builds (out/ is emptied by every build): rebuilt only when the migrations change. */
const cacheDir = join(root, '.tmp', 'prepared-db');

/** Writes prepared-db.tar.gz and its fingerprint next to `outMainDir/migrations`, where the bundled portal looks. */
export async function preparePortalDb(outMainDir: string, migrationsFolder = join(root, 'portal/db/migrations')): Promise<{ built: boolean }> {
  const cachedMigrations = join(cacheDir, 'migrations');
  rmSync(cachedMigrations, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  cpSync(migrationsFolder, cachedMigrations, { recursive: true });
  const built = await buildPreparedDb(cachedMigrations);
  mkdirSync(outMainDir, { recursive: true });
  for (const file of [PREPARED_DB_FILE, PREPARED_DB_META]) copyFileSync(join(cacheDir, file), join(outMainDir, file));
  return { built };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const { built } = await preparePortalDb(join(root, 'out/main'));
  console.log(`prepared database ${built ? 'built' : 'up to date'} in ${Math.round(performance.now() - started)} ms: out/main/${PREPARED_DB_FILE}`);
}
