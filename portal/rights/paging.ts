import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Page } from '../../common/portal-api/common';
import { PrincipalRef } from '../../common/portal-api/rights';
import type { PortalExecutor } from '../db/client';
import { CursorText, decodeCursor, encodeCursor } from '../http/cursor';

/** Sort key of name-ordered lists: lower-cased name, then id. */
export const NameCursor = z.tuple([CursorText, CursorText]);

/** `%q%` for ILIKE with the wildcards of `q` itself escaped. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** Runs raw SQL and validates each row (both drivers answer `{ rows }`). */
export async function selectRows<T extends z.ZodTypeAny>(db: PortalExecutor, query: SQL, row: T): Promise<z.output<T>[]> {
  const result = (await db.execute(query)) as unknown as { rows: unknown[] };
  return result.rows.map((value) => row.parse(value));
}

const RefRow = z.object({
  kind: PrincipalRef.shape.kind,
  id: z.string(),
  name: z.string(),
  detail: z.string().nullable(),
  sort_key: z.string(),
});

/**
 * Pages a union of principal references (columns kind, id, name, detail) by name.
 * `source` is a complete SELECT; it is wrapped, filtered by the cursor and ordered here.
 */
export async function pageOfRefs(
  db: PortalExecutor,
  source: SQL,
  query: { cursor?: string | undefined; limit: number },
): Promise<Page<PrincipalRef>> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, NameCursor);
  const rows = await selectRows(
    db,
    sql`select m.kind, m.id, m.name, m.detail, lower(m.name) as sort_key from (${source}) m
        ${after === undefined ? sql`` : sql`where (lower(m.name), m.id) > (${after[0]}, ${after[1]})`}
        order by lower(m.name), m.id
        limit ${query.limit + 1}`,
    RefRow,
  );
  const pageRows = rows.slice(0, query.limit);
  const items = pageRows.map(({ kind, id, name, detail }) => (detail ? { kind, id, name, detail } : { kind, id, name }));
  const last = pageRows.at(-1);
  const nextCursor = rows.length > query.limit && last !== undefined ? encodeCursor([last.sort_key, last.id]) : null;
  return { items, nextCursor };
}
