import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { AuditEntry } from '../common/portal-api/audit';
import type { Page } from '../common/portal-api/common';
import type { PortalExecutor } from './db/client';
import { resolveAuditNames } from './audit-names';
import { newTimeOrderedId } from './db/ids';
import { auditLog, type AuditRow } from './db/schema';
import { CursorTimestamp, decodeCursor, encodeCursor } from './http/cursor';

export interface AuditInput {
  /** Who acted; null for anonymous events such as a failed sign-in (then give `actorLogin`). */
  actor: { id: string | null; login: string } | null;
  /** Login typed by an anonymous actor (failed sign-ins). */
  actorLogin?: string;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Defaults to the wall clock; routes pass `app.portal.now()`. */
  at?: Date;
}

const SECRET_KEYS = new Set(['password', 'passwordhash', 'password_hash', 'token', 'tokenhash', 'token_hash', 'newpassword', 'currentpassword']);

/** Removes secrets from audit snapshots, whatever shape a feature hands in. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value instanceof Date) return value.toISOString();
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([key]) => !SECRET_KEYS.has(key.toLowerCase()))
    .map(([key, inner]) => [key, redactSecrets(inner)]);
  return Object.fromEntries(entries);
}

/** Appends one entry to the audit log; pass the transaction that makes the change so both commit together. */
export async function recordAudit(db: PortalExecutor, input: AuditInput): Promise<void> {
  await db.insert(auditLog).values({
    id: newTimeOrderedId(),
    at: input.at ?? new Date(),
    actorId: input.actor?.id ?? null,
    actorLogin: input.actor?.login ?? input.actorLogin ?? null,
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    before: input.before === undefined ? null : redactSecrets(input.before),
    after: input.after === undefined ? null : redactSecrets(input.after),
  });
}

const AuditCursor = z.tuple([CursorTimestamp, z.uuid()]);

export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorLogin: row.actorLogin,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    before: row.before ?? null,
    after: row.after ?? null,
  };
}

/** Optional filters of the audit list (see AuditQuery in common/portal-api/audit). */
export interface AuditFilter {
  actor?: string | undefined;
  /** Prefix of the dotted action. */
  action?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** `%`, `_` and `\` typed by a person are meant literally in a prefix search. */
function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

function auditConditions(filter: AuditFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.actor !== undefined) conditions.push(sql`lower(${auditLog.actorLogin}) = lower(${filter.actor})`);
  if (filter.action !== undefined) conditions.push(sql`${auditLog.action} like ${likePrefix(filter.action)}`);
  if (filter.targetType !== undefined) conditions.push(eq(auditLog.targetType, filter.targetType));
  if (filter.targetId !== undefined) conditions.push(eq(auditLog.targetId, filter.targetId));
  if (filter.from !== undefined) conditions.push(gte(auditLog.at, new Date(filter.from)));
  if (filter.to !== undefined) conditions.push(lte(auditLog.at, new Date(filter.to)));
  return conditions;
}

/**
 * Newest first (ties on `at` broken by the time-ordered id); the cursor is the (at, id) of the previous page's
 * last entry. Filters are optional; a cursor continues the list of the filter it was made with.
 */
export async function listAudit(
  db: PortalExecutor,
  query: { cursor?: string | undefined; limit: number } & AuditFilter,
): Promise<Page<AuditEntry>> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, AuditCursor);
  const conditions = auditConditions(query);
  if (after !== undefined) conditions.push(sql`(${auditLog.at}, ${auditLog.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`);
  const rows = await db
    .select()
    .from(auditLog)
    .where(conditions.length === 0 ? undefined : and(...conditions))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  const nextCursor = rows.length > query.limit && last !== undefined ? encodeCursor([last.at.toISOString(), last.id]) : null;
  const names = await resolveAuditNames(db, items);
  return { items: items.map((row, index) => ({ ...toAuditEntry(row), ...names[index] })), nextCursor };
}
