import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { defaultLayoutContent, validateLayout, type LayoutContent } from '../../common/domain/layout-rules';
import type { Page } from '../../common/portal-api/common';
import type { Layout, LayoutSummary } from '../../common/portal-api/designer';
import type { PortalExecutor } from '../db/client';
import { layouts, type LayoutRow } from '../db/schema';
import { CursorText, decodeCursor, encodeCursor } from '../http/cursor';
import { etagOf } from '../http/etag';
import { problem } from '../http/problem';

/** The layout every portal has; created at start if missing. */
export const STANDARD_LAYOUT_ID = '00000000-0000-4000-8000-000000000001';

export function layoutEtag(row: Pick<LayoutRow, 'id' | 'version'>): string {
  return etagOf(row.version, `layout.${row.id}`);
}

export async function ensureStandardLayout(db: PortalExecutor): Promise<void> {
  const content = defaultLayoutContent('Standard');
  await db
    .insert(layouts)
    .values({ id: STANDARD_LAYOUT_ID, ...content, updatedBy: null })
    .onConflictDoNothing();
}

export function toLayout(row: LayoutRow): Layout {
  return {
    id: row.id,
    name: row.name,
    primaryColor: row.primaryColor,
    accentColor: row.accentColor,
    logo: row.logo ?? null,
    customCss: row.customCss,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy,
  };
}

const NameCursor = z.tuple([CursorText, z.uuid()]);

export async function listLayouts(db: PortalExecutor, query: { cursor?: string | undefined; limit: number }): Promise<Page<LayoutSummary>> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, NameCursor);
  const sortKey = sql<string>`lower(${layouts.name})`;
  const rows = await db
    .select({
      id: layouts.id,
      name: layouts.name,
      primaryColor: layouts.primaryColor,
      accentColor: layouts.accentColor,
      hasLogo: sql<boolean>`${layouts.logo} is not null`,
      updatedAt: layouts.updatedAt,
      sortKey,
    })
    .from(layouts)
    .where(after === undefined ? undefined : sql`(${sortKey}, ${layouts.id}) > (${after[0]}, ${after[1]}::uuid)`)
    .orderBy(asc(sortKey), asc(layouts.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: items.map(({ sortKey: _sortKey, ...row }) => ({ ...row, updatedAt: row.updatedAt.toISOString() })),
    nextCursor: rows.length > query.limit && last !== undefined ? encodeCursor([last.sortKey, last.id]) : null,
  };
}

export async function readLayout(db: PortalExecutor, id: string, lock = false): Promise<LayoutRow> {
  const base = db.select().from(layouts).where(eq(layouts.id, id));
  const [row] = lock ? await base.for('update') : await base;
  if (row === undefined) throw problem(404, 'Not Found', { code: 'layout_not_found', detail: 'There is no layout with this id.' });
  return row;
}

async function assertNameFree(db: PortalExecutor, name: string, exceptId: string | null): Promise<void> {
  const [taken] = await db
    .select({ id: layouts.id })
    .from(layouts)
    .where(sql`lower(${layouts.name}) = lower(${name.trim()})`)
    .limit(1);
  if (taken !== undefined && taken.id !== exceptId) {
    throw problem(409, 'Conflict', {
      code: 'layout_name_taken',
      detail: `A layout called ${name.trim()} already exists.`,
      errors: [{ path: 'name', message: 'This name is already taken' }],
    });
  }
}

export async function createLayout(db: PortalExecutor, name: string, actorLogin: string, at: Date): Promise<LayoutRow> {
  await assertNameFree(db, name, null);
  const [row] = await db
    .insert(layouts)
    .values({ ...defaultLayoutContent(name), updatedAt: at, updatedBy: actorLogin })
    .returning();
  if (row === undefined) throw new Error('insert returned no row');
  return row;
}

/** Refuses a layout that breaks a rule: 400 with one error per issue. */
export function assertValidLayout(content: LayoutContent): void {
  const issues = validateLayout(content);
  if (issues.length === 0) return;
  throw problem(400, 'Bad Request', {
    code: 'layout_invalid',
    detail: `The layout breaks ${issues.length} rule(s); nothing was saved.`,
    errors: issues.map((issue) => ({ path: issue.path, message: `${issue.code}: ${issue.message}` })),
  });
}

export async function saveLayout(db: PortalExecutor, current: LayoutRow, content: LayoutContent, actorLogin: string, at: Date): Promise<LayoutRow> {
  await assertNameFree(db, content.name, current.id);
  const [row] = await db
    .update(layouts)
    .set({ ...content, name: content.name.trim(), version: current.version + 1, updatedAt: at, updatedBy: actorLogin })
    .where(eq(layouts.id, current.id))
    .returning();
  if (row === undefined) throw new Error('update returned no row');
  return row;
}
