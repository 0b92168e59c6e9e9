import { appendFileSync, cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq, sql } from 'drizzle-orm';
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

async function usersAndAdmin(db: Awaited<ReturnType<typeof openDatabase>>['db']): Promise<{ n: number; admin: unknown }> {
  const [row] = await db.select({ n: count() }).from(users);
  const [admin] = await db.select({ id: users.id, hash: users.passwordHash }).from(users).where(eq(users.login, 'admin'));
  return { n: row?.n ?? 0, admin };
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

  it('a later start leaves the migrator out when the database has the newest migration, and runs it for a newer one', async () => {
    const dataDir = join(dir, 'data-prepared');
    // Without an applied migration's file the migrator would fail: a start that succeeds did not run it.
    const current = join(dir, 'migrations-current');
    cpSync(migrations, current, { recursive: true });
    rmSync(join(current, readdirSync(current).filter((name) => name.endsWith('.sql')).sort()[0]!));
    const unchanged = await openDatabase({ kind: 'pglite-dir', dataDir }, current);
    await unchanged.close();
    expect(unchanged.origin).toBe('existing');

    const newer = join(dir, 'migrations-newer');
    cpSync(migrations, newer, { recursive: true });
    const journalPath = join(newer, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ idx: number; when: number; tag: string }> };
    const last = journal.entries.at(-1)!;
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag: '9999_later' });
    writeFileSync(journalPath, JSON.stringify(journal));
    writeFileSync(join(newer, '9999_later.sql'), 'CREATE TABLE "later_start_check" ("id" integer);');
    const migrated = await openDatabase({ kind: 'pglite-dir', dataDir }, newer);
    try {
      expect(await journalEntries(migrated.db)).toBe(journal.entries.length);
      await migrated.db.execute(sql`select count(*) from later_start_check`);
    } finally {
      await migrated.close();
    }
  }, 120_000);

  it("takes the demo company on top at a portal's first start, and a later start on it seeds nothing", async () => {
    const options = { dataDir: join(dir, 'portal'), demo: true, environment: 'dev', smallMemory: true, migrationsFolder: migrations } as const;
    const first = await startPortal(options);
    let seeded: { n: number; admin: unknown };
    try {
      expect(first.databaseOrigin).toBe('prepared');
      // The embedded portal's small buffers apply to the prepared database too.
      expect(((await first.db.execute(sql`show shared_buffers`)) as unknown as { rows: Array<{ shared_buffers: string }> }).rows[0]?.shared_buffers).toBe('16MB');
      seeded = await usersAndAdmin(first.db);
      expect(seeded.n).toBeGreaterThan(10);
      // The demo's published password, hashed cheaply (portal/demo/passwords.ts).
      expect(seeded.admin).toMatchObject({ hash: expect.stringMatching(/^scrypt\$1024\$/) });
    } finally {
      await first.close();
    }
    const later = await startPortal(options);
    try {
      expect(later.databaseOrigin).toBe('existing');
      expect(later.startTimings.map(([step]) => step)).toEqual(['tls', 'database', 'migrations', 'data', 'app', 'sweep', 'listen']);
      expect(await usersAndAdmin(later.db)).toEqual(seeded);
    } finally {
      await later.close();
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
