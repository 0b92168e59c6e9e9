import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { PortalDb, PortalExecutor } from '../db/client';
import { problem } from '../http/problem';

// A backup archive is the portal's data as gzipped lines, one kind letter then JSON:
//   H{header}  T"table"  R{row as row_to_json}  ...  E{end: row counts and the SHA-256 of every line before it}
// The same on PGlite and PostgreSQL, streamed both ways, and checked whole before a restore touches anything.

export const ARCHIVE_FORMAT = 'portal-backup';
export const ARCHIVE_VERSION = 1;

/** Not in an archive: the backup history describes archives (a restore keeps it), sessions end with a restore. */
const NOT_ARCHIVED = new Set(['backups', 'sessions']);
/** Rows fetched per round trip while dumping, rows inserted per statement while restoring. */
const DUMP_BATCH = 1000;
const RESTORE_BATCH = 500;

const SchemaMark = z.object({ migrations: z.number().int().min(0), lastMigrationAt: z.string().nullable() });
type SchemaMark = z.infer<typeof SchemaMark>;

const Header = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION),
  createdAt: z.string(),
  engine: z.enum(['pglite', 'postgresql']),
  schema: SchemaMark,
  tables: z.array(z.string()),
});
export type ArchiveHeader = z.infer<typeof Header>;

const End = z.object({ rows: z.record(z.string(), z.number().int().min(0)), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

/** What a verified archive holds. */
export interface ArchiveSummary {
  header: ArchiveHeader;
  rows: Record<string, number>;
}

function rowsOf<T>(result: unknown): T[] {
  // PGlite answers { rows }, node-postgres a QueryResult with rows as well.
  return (result as { rows?: T[] }).rows ?? [];
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The portal's own tables, in a stable order. */
async function archivedTables(db: PortalExecutor): Promise<string[]> {
  const rows = rowsOf<{ name: string }>(await db.execute(sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`));
  return rows.map((row) => row.name).filter((name) => !NOT_ARCHIVED.has(name));
}

/** Which migrations made this database: an archive only restores into the same schema. */
async function schemaMark(db: PortalExecutor): Promise<SchemaMark> {
  const [row] = rowsOf<{ n: number | string; last: string | number | null }>(
    await db.execute(sql`select count(*) as n, max(created_at)::text as last from drizzle.__drizzle_migrations`),
  );
  return { migrations: Number(row?.n ?? 0), lastMigrationAt: row?.last === null || row?.last === undefined ? null : String(row.last) };
}

/**
 * Writes the gzipped archive to `out`, read in one repeatable-read transaction (one consistent snapshot on
 * PostgreSQL; PGlite runs one transaction at a time anyway) with a cursor per table, waiting for the sink
 * to drain, so memory stays flat whatever the size.
 */
export async function writeArchive(db: PortalDb, engine: ArchiveHeader['engine'], now: Date, out: Writable): Promise<void> {
  const gzip = createGzip();
  const written = pipeline(gzip, out);
  const hash = createHash('sha256');
  const counts: Record<string, number> = {};
  const write = async (lines: string[]) => {
    const text = `${lines.join('\n')}\n`;
    hash.update(text);
    if (!gzip.write(text)) await once(gzip, 'drain');
  };
  try {
    await db.transaction(
      async (tx) => {
        const tables = await archivedTables(tx);
        const schema = await schemaMark(tx);
        const header: ArchiveHeader = { format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, createdAt: now.toISOString(), engine, schema, tables };
        await write([`H${JSON.stringify(header)}`]);
        for (const table of tables) {
          await write([`T${JSON.stringify(table)}`]);
          counts[table] = 0;
          await tx.execute(sql.raw(`declare backup_rows no scroll cursor for select row_to_json(t)::text as j from public.${quoted(table)} t`));
          for (;;) {
            const batch = rowsOf<{ j: string }>(await tx.execute(sql.raw(`fetch forward ${DUMP_BATCH} from backup_rows`)));
            if (batch.length > 0) await write(batch.map((row) => `R${row.j}`));
            counts[table] += batch.length;
            if (batch.length < DUMP_BATCH) break;
          }
          await tx.execute(sql.raw('close backup_rows'));
        }
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
  } catch (error) {
    gzip.destroy(error as Error);
    await written.catch(() => undefined);
    throw error;
  }
  gzip.end(`E${JSON.stringify({ rows: counts, sha256: hash.digest('hex') })}\n`);
  await written;
}

export const damagedArchive = (reason: string) =>
  problem(422, 'Unprocessable Content', { code: 'archive_damaged', detail: `The archive is damaged or not a portal backup: ${reason}. Nothing was changed.` });

type Line = { kind: 'H'; header: ArchiveHeader } | { kind: 'T'; table: string } | { kind: 'R'; json: string } | { kind: 'E' };

/**
 * Reads an archive line by line; every line before the end line is hashed and the end line must match,
 * so a truncated or altered archive is refused. `onLine` sees each line (a restore inserts the rows).
 */
async function readArchive(open: () => Readable, onLine: (line: Line) => Promise<void>): Promise<ArchiveSummary> {
  const hash = createHash('sha256');
  const gunzip = createGunzip();
  const source = open();
  source.on('error', (error) => gunzip.destroy(error));
  const reader = createInterface({ input: source.pipe(gunzip), crlfDelay: Infinity });
  let header: ArchiveHeader | null = null;
  let table: string | null = null;
  const counted: Record<string, number> = {};
  let end: z.infer<typeof End> | null = null;
  try {
    for await (const line of reader) {
      if (end !== null) throw damagedArchive('there is data after its end');
      const kind = line.charAt(0);
      const body = line.slice(1);
      if (kind === 'E') {
        end = parseLine(End, body, 'its end line is unreadable');
        continue;
      }
      hash.update(`${line}\n`);
      if (kind === 'H') {
        if (header !== null) throw damagedArchive('it has two headers');
        header = parseLine(Header, body, 'its header is unreadable');
        await onLine({ kind: 'H', header });
      } else if (header === null) {
        throw damagedArchive('it does not start with a header');
      } else if (kind === 'T') {
        table = parseLine(z.string(), body, 'a table name is unreadable');
        if (!header.tables.includes(table)) throw damagedArchive(`the table ${table} is not in its header`);
        counted[table] = 0;
        await onLine({ kind: 'T', table });
      } else if (kind === 'R' && table !== null) {
        counted[table] = (counted[table] ?? 0) + 1;
        await onLine({ kind: 'R', json: body });
      } else {
        throw damagedArchive('a line is unreadable');
      }
    }
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== undefined) throw error;
    throw damagedArchive(`it cannot be unpacked (${(error as Error).message})`);
  } finally {
    source.destroy();
  }
  if (header === null) throw damagedArchive('it is empty');
  if (end === null) throw damagedArchive('it ends early (truncated)');
  if (end.sha256 !== hash.digest('hex')) throw damagedArchive('its checksum does not match its content');
  for (const name of header.tables) {
    if ((counted[name] ?? 0) !== (end.rows[name] ?? -1)) throw damagedArchive(`the table ${name} has not the rows its end line counts`);
  }
  await onLine({ kind: 'E' });
  return { header, rows: end.rows };
}

function parseLine<S extends z.ZodTypeAny>(schema: S, body: string, reason: string): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw damagedArchive(reason);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw damagedArchive(reason);
  return parsed.data;
}

/** Reads the whole archive without touching data: format, checksum, row counts, and that it fits this schema. */
export async function verifyArchive(db: PortalDb, open: () => Readable): Promise<ArchiveSummary> {
  const summary = await readArchive(open, async () => undefined);
  const [here, tables] = await Promise.all([schemaMark(db), archivedTables(db)]);
  const there = summary.header.schema;
  if (here.migrations !== there.migrations || here.lastMigrationAt !== there.lastMigrationAt) {
    throw problem(409, 'Conflict', {
      code: 'archive_schema_mismatch',
      detail: `The archive was made at database version ${there.migrations}; this portal is at ${here.migrations}. Nothing was changed.`,
    });
  }
  const missing = summary.header.tables.filter((table) => !tables.includes(table));
  if (missing.length > 0) throw damagedArchive(`it names tables this portal does not have (${missing.join(', ')})`);
  return summary;
}

interface TableShape {
  columns: string[];
  parents: string[];
}

/** Insertable (not generated) columns and the tables each one's foreign keys point to. */
async function tableShapes(tx: PortalExecutor, tables: string[]): Promise<Map<string, TableShape>> {
  const columns = rowsOf<{ table: string; column: string }>(
    await tx.execute(sql`
      select c.relname as table, a.attname as column
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
      order by c.relname, a.attnum`),
  );
  const keys = rowsOf<{ child: string; parent: string }>(
    await tx.execute(sql`
      select ch.relname as child, pa.relname as parent
      from pg_constraint k join pg_class ch on ch.oid = k.conrelid join pg_class pa on pa.oid = k.confrelid
      join pg_namespace n on n.oid = ch.relnamespace
      where k.contype = 'f' and n.nspname = 'public'`),
  );
  const shapes = new Map<string, TableShape>(tables.map((table) => [table, { columns: [], parents: [] }]));
  for (const row of columns) shapes.get(row.table)?.columns.push(row.column);
  for (const key of keys) if (key.child !== key.parent && tables.includes(key.parent)) shapes.get(key.child)?.parents.push(key.parent);
  return shapes;
}

/** Parents before children (a self-reference is fine: each table is copied in one statement). */
export function insertionOrder(shapes: Map<string, TableShape>): string[] {
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (table: string) => {
    if (ordered.includes(table) || visiting.has(table)) return;
    visiting.add(table);
    for (const parent of shapes.get(table)?.parents ?? []) visit(parent);
    visiting.delete(table);
    ordered.push(table);
  };
  for (const table of shapes.keys()) visit(table);
  return ordered;
}

/**
 * Replaces the portal's data with the archive's, inside the caller's transaction: the rows go to staging
 * tables first, then every table is emptied (sessions too: everyone signs in again) and filled in foreign-key
 * order, one statement per table. Any failure rolls the whole transaction back.
 */
export async function applyArchive(tx: PortalExecutor, open: () => Readable): Promise<ArchiveSummary> {
  let shapes = new Map<string, TableShape>();
  let batch: string[] = [];
  let table: string | null = null;
  const staging = (name: string) => quoted(`restore_${name}`);
  const flush = async () => {
    if (table === null || batch.length === 0) return;
    const rows = `[${batch.join(',')}]`;
    batch = [];
    await tx.execute(sql`insert into ${sql.raw(staging(table))} select * from json_populate_recordset(null::${sql.raw(staging(table))}, ${rows}::json)`);
  };
  const summary = await readArchive(open, async (line) => {
    if (line.kind === 'H') {
      shapes = await tableShapes(tx, line.header.tables);
      for (const name of line.header.tables) {
        await tx.execute(sql.raw(`create temporary table ${staging(name)} (like public.${quoted(name)}) on commit drop`));
      }
    } else if (line.kind === 'T') {
      await flush();
      table = line.table;
    } else if (line.kind === 'R') {
      batch.push(line.json);
      if (batch.length >= RESTORE_BATCH) await flush();
    } else {
      await flush();
    }
  });
  const tables = summary.header.tables;
  await tx.execute(sql.raw(`truncate table ${[...tables, 'sessions'].map((name) => `public.${quoted(name)}`).join(', ')}`));
  for (const name of insertionOrder(shapes)) {
    const columns = (shapes.get(name)?.columns ?? []).map(quoted).join(', ');
    await tx.execute(sql.raw(`insert into public.${quoted(name)} (${columns}) overriding system value select ${columns} from ${staging(name)}`));
  }
  await resetSequences(tx, tables);
  return summary;
}

/** Serial and identity columns continue after the restored rows. */
async function resetSequences(tx: PortalExecutor, tables: string[]): Promise<void> {
  const owned = rowsOf<{ table: string; column: string }>(
    await tx.execute(sql`
      select table_name as table, column_name as column from information_schema.columns
      where table_schema = 'public' and (column_default like 'nextval(%' or is_identity = 'YES')`),
  );
  for (const { table, column } of owned.filter((row) => tables.includes(row.table))) {
    const name = `public.${quoted(table)}`;
    await tx.execute(
      sql.raw(`select setval(pg_get_serial_sequence('${name.replace(/'/g, "''")}', '${column.replace(/'/g, "''")}'), coalesce(max(${quoted(column)}), 0) + 1, false) from ${name}`),
    );
  }
}
