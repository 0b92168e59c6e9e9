import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { FunctionAccess, FunctionItem, FunctionItemPage } from '../../common/portal-api/member';
import type { PortalFunction } from '../../common/portal-api/rights';
import type { SecurityPolicy } from '../../common/portal-api/security-policy';
import { recordAudit } from '../audit';
import type { PortalExecutor } from '../db/client';
import { functionItems, type FunctionItemRow } from '../db/schema';
import { CursorTimestamp, decodeCursor, encodeCursor } from '../http/cursor';
import { readFunctionPermissions } from '../rights/function-permissions';
import { functionAccess, maySeeMembers, type Caller } from './rules';
import { refused } from './sessions';

/** The caller's access to every portal function, from the function permissions as stored now. */
export async function accessToFunctions(db: PortalExecutor, caller: Caller): Promise<FunctionAccess[]> {
  const { value } = await readFunctionPermissions(db);
  return value.functions.map((permission) => functionAccess(caller, permission));
}

export async function accessToFunction(db: PortalExecutor, caller: Caller, key: PortalFunction): Promise<FunctionAccess> {
  const all = await accessToFunctions(db, caller);
  return all.find((access) => access.function === key) ?? { function: key, read: false, add: false };
}

function toItem(row: FunctionItemRow, showAuthor: boolean): FunctionItem {
  return {
    id: row.id,
    function: row.function as PortalFunction,
    title: row.title,
    body: row.body,
    url: row.url,
    startsAt: row.startsAt?.toISOString() ?? null,
    authorName: showAuthor ? row.authorName : null,
    createdAt: row.createdAt.toISOString(),
  };
}

const ItemCursor = z.tuple([CursorTimestamp, z.uuid()]);

export async function listFunctionItems(
  db: PortalExecutor,
  caller: Caller,
  key: PortalFunction,
  query: { cursor?: string | undefined; limit: number },
  visibility: SecurityPolicy['memberDataVisibility'],
): Promise<FunctionItemPage> {
  const access = await accessToFunction(db, caller, key);
  if (!access.read) throw refused(caller, 'function_not_readable', `The function permissions do not let this caller read ${key}.`);
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, ItemCursor);
  const rows = await db
    .select()
    .from(functionItems)
    .where(
      and(
        eq(functionItems.function, key),
        after === undefined ? undefined : sql`(${functionItems.createdAt}, ${functionItems.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`,
      ),
    )
    .orderBy(desc(functionItems.createdAt), desc(functionItems.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  const nextCursor = rows.length > query.limit && last !== undefined ? encodeCursor([last.createdAt.toISOString(), last.id]) : null;
  const showAuthor = maySeeMembers(caller, visibility);
  return { items: items.map((row) => toItem(row, showAuthor)), nextCursor };
}

const GUEST_AUTHOR = 'Gast';

export interface NewItemInput {
  title: string;
  body: string;
  url?: string | null | undefined;
  startsAt?: string | null | undefined;
}

/** Adds an item when the function permissions let the caller add (checked in the inserting transaction); audited. */
export async function addFunctionItem(
  db: PortalExecutor,
  caller: Caller,
  key: PortalFunction,
  input: NewItemInput,
  now: Date,
): Promise<FunctionItem> {
  return db.transaction(async (tx) => {
    const access = await accessToFunction(tx, caller, key);
    if (!access.add) throw refused(caller, 'function_add_forbidden', `The function permissions do not let this caller add to ${key}.`);
    const [row] = await tx
      .insert(functionItems)
      .values({
        function: key,
        title: input.title,
        body: input.body,
        url: input.url ?? null,
        startsAt: input.startsAt == null ? null : new Date(input.startsAt),
        authorId: caller.member?.id ?? null,
        authorName: caller.member?.displayName ?? GUEST_AUTHOR,
        createdAt: now,
      })
      .returning();
    if (row === undefined) throw new Error('insert returned no row');
    const actor = caller.member === null ? null : { id: caller.member.id, login: caller.member.login };
    await recordAudit(tx, {
      actor,
      ...(actor === null ? { actorLogin: 'guest' } : {}),
      action: 'function_item.create',
      targetType: 'function_item',
      targetId: row.id,
      after: { function: key, title: row.title, caller: caller.kind },
      at: now,
    });
    return toItem(row, true);
  });
}
