import { inArray } from 'drizzle-orm';
import type { PortalExecutor } from './db/client';
import { applications, orgUnits, principals, users, type AuditRow } from './db/schema';

/** The names an audit entry is read with: who acted and what it acted on, as a person calls them. */
export interface AuditNames {
  actorName: string | null;
  targetName: string | null;
}

/** Fields of a before/after snapshot that name the thing, best first. */
const NAME_FIELDS = ['displayName', 'name', 'login', 'subject', 'title', 'file'] as const;

/** The name a snapshot gives its thing; a deleted target keeps the name its last snapshot had. */
export function nameInSnapshot(snapshot: unknown): string | null {
  if (snapshot === null || typeof snapshot !== 'object' || Array.isArray(snapshot)) return null;
  const record = snapshot as Record<string, unknown>;
  for (const field of NAME_FIELDS) {
    const value = record[field];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return null;
}

type NameLookup = (db: PortalExecutor, ids: string[]) => Promise<{ id: string; name: string }[]>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Target types whose current name lives in a table (renamed things read with today's name). */
const LOOKUPS: Record<string, NameLookup> = {
  user: (db, ids) => db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids)),
  principal: (db, ids) => db.select({ id: principals.id, name: principals.name }).from(principals).where(inArray(principals.id, ids)),
  application: (db, ids) => db.select({ id: applications.id, name: applications.name }).from(applications).where(inArray(applications.id, ids)),
  org_unit: (db, ids) => db.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(inArray(orgUnits.id, ids)),
};

async function currentNames(db: PortalExecutor, type: string, ids: string[]): Promise<Map<string, string>> {
  const lookup = LOOKUPS[type];
  const valid = [...new Set(ids.filter((id) => UUID.test(id)))];
  if (lookup === undefined || valid.length === 0) return new Map();
  return new Map((await lookup(db, valid)).map((row) => [row.id, row.name]));
}

/**
 * Names for a page of entries: the actor's display name (else its login) and the target's current name, else the
 * name its after/before snapshot holds (a deleted user is still named). One query per target type on the page.
 */
export async function resolveAuditNames(db: PortalExecutor, rows: AuditRow[]): Promise<AuditNames[]> {
  const actors = await currentNames(
    db,
    'user',
    rows.flatMap((row) => (row.actorId === null ? [] : [row.actorId])),
  );
  const byType = new Map<string, Map<string, string>>();
  for (const type of new Set(rows.map((row) => row.targetType).filter((type): type is string => type !== null))) {
    const ids = rows.filter((row) => row.targetType === type && row.targetId !== null).map((row) => row.targetId!);
    byType.set(type, await currentNames(db, type, ids));
  }
  return rows.map((row) => ({
    actorName: (row.actorId === null ? undefined : actors.get(row.actorId)) ?? row.actorLogin,
    targetName:
      (row.targetType === null || row.targetId === null ? undefined : byType.get(row.targetType)?.get(row.targetId)) ??
      nameInSnapshot(row.after) ??
      nameInSnapshot(row.before),
  }));
}
