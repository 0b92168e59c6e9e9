import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultFunctionPermissions } from '../../common/portal-api/rights';
import { readFunctionPermissions } from '../rights/function-permissions';
import { ensureSingletons } from '../settings';
import { defaultMigrationsFolder } from './client';
import * as schema from './schema';

/** The migrations folder as it was before migration 0013 (the journal cut after 0012). */
function migrationsBefore0013(): string {
  const folder = mkdtempSync(join(tmpdir(), 'migrations-0012-'));
  cpSync(defaultMigrationsFolder, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number }[] };
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.filter((entry) => entry.idx <= 12) }));
  return folder;
}

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

async function freshDb() {
  const client = await PGlite.create({ extensions: { pg_trgm } });
  return { client, db: drizzle({ client, schema }) };
}

describe('function permission defaults', () => {
  // The security sheet's screen: "Mitglieder können Meldungen hinzufügen" chosen for each function, every "Gäste können
  // abrufen" / "Gäste können teilnehmen" box unticked: "Gäste können nur dann auf Ihre Site zugreifen, wenn Sie dies
  // explizit zulassen."
  it('a new portal: members may add everywhere, guests have nothing', async () => {
    const { client, db } = await freshDb();
    try {
      await migrate(db, { migrationsFolder: defaultMigrationsFolder });
      await ensureSingletons(db, 'prod');
      const { value } = await readFunctionPermissions(db);
      expect(value.functions).toEqual(defaultFunctionPermissions);
      expect(value.functions.every((f) => f.members === 'add' && f.guests === 'none')).toBe(true);
    } finally {
      await client.close();
    }
  });

  it('a portal that existed before keeps what it had (guests read news, calendar and links)', async () => {
    const before = migrationsBefore0013();
    folders.push(before);
    const { client, db } = await freshDb();
    try {
      await migrate(db, { migrationsFolder: before });
      await ensureSingletons(db, 'prod');
      await migrate(db, { migrationsFolder: defaultMigrationsFolder });
      const { value } = await readFunctionPermissions(db);
      const guestsRead = value.functions.filter((f) => f.guests === 'read').map((f) => f.function);
      expect(guestsRead).toEqual(['news', 'calendar', 'links']);
      expect(value.functions.find((f) => f.function === 'news')).toEqual({ function: 'news', members: 'admins_only', guests: 'read' });
    } finally {
      await client.close();
    }
  });
});
