import { appendFileSync, cpSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortal } from '../server';
import { defaultMigrationsFolder, openDatabase } from './client';
import { buildPreparedDb, readPreparedDb } from './prepared';
import { users } from './schema';

let dir: string;
let migrations: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portal-prepared-db-'));
  migrations = join(dir, 'migrations');
  cpSync(defaultMigrationsFolder, migrations, { recursive: true });
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function journalEntries(db: Awaited<ReturnType<typeof openDatabase>>['db']): Promise<number | undefined> {
  // PGlite answers { rows }: the driver-neutral handle types execute() loosely.
  const result = (await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as { rows: { n: number }[] };
  return result.rows[0]?.n;
}

describe('the prepared database', () => {
  it('is built once for a set of migrations and then kept', async () => {
    expect(await readPreparedDb(migrations)).toBeNull();
    expect(await buildPreparedDb(migrations)).toBe(true);
    expect(await buildPreparedDb(migrations)).toBe(false);
    expect(await readPreparedDb(migrations)).not.toBeNull();
  }, 120_000);

  it('is what a new data directory starts from, fully migrated; a second start keeps the directory', async () => {
    const dataDir = join(dir, 'data-prepared');
    const first = await openDatabase({ kind: 'pglite-dir', dataDir }, migrations);
    try {
      expect(first.origin).toBe('prepared');
      expect(await journalEntries(first.db)).toBe(readdirSync(migrations).filter((name) => name.endsWith('.sql')).length);
      await first.db.execute("insert into users (login, display_name, email, password_hash) values ('kept', 'Kept', 'kept@example.com', 'x')");
    } finally {
      await first.close();
    }
    const second = await openDatabase({ kind: 'pglite-dir', dataDir }, migrations);
    try {
      expect(second.origin).toBe('existing');
      expect((await second.db.select({ n: count() }).from(users))[0]?.n).toBe(1);
    } finally {
      await second.close();
    }
  }, 120_000);

  it("takes the demo company on top at a portal's first start", async () => {
    const portal = await startPortal({ dataDir: join(dir, 'portal'), demo: true, environment: 'dev', migrationsFolder: migrations });
    try {
      expect((await portal.db.select({ n: count() }).from(users))[0]?.n).toBeGreaterThan(10);
    } finally {
      await portal.close();
    }
  }, 120_000);

  it('is not loaded for other migrations: the database is then initialised and migrated as before', async () => {
    appendFileSync(join(migrations, readdirSync(migrations).filter((name) => name.endsWith('.sql')).sort().at(-1)!), '\n-- changed\n');
    expect(await readPreparedDb(migrations)).toBeNull();
    const database = await openDatabase({ kind: 'pglite-dir', dataDir: join(dir, 'data-changed') }, migrations);
    try {
      expect(database.origin).toBe('initdb');
      expect((await database.db.select({ n: count() }).from(users))[0]?.n).toBe(0);
    } finally {
      await database.close();
    }
  }, 120_000);
});
