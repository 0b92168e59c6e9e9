import { asc, isNotNull } from 'drizzle-orm';
import type { AuditFacets } from '../../common/portal-api/instance';
import { readTogether, type PortalDb } from '../db/client';
import { auditLog } from '../db/schema';

/** At most this many values per facet; the viewer's filters also accept typed values. */
export const FACET_LIMIT = 200;

async function distinctValues(db: PortalDb, column: typeof auditLog.actorLogin | typeof auditLog.action | typeof auditLog.targetType) {
  const rows = await db.selectDistinct({ value: column }).from(auditLog).where(isNotNull(column)).orderBy(asc(column)).limit(FACET_LIMIT);
  return rows.flatMap((row) => (row.value === null ? [] : [row.value]));
}

/** The actors, actions and target types the audit log holds, for the viewer's filter suggestions. */
export async function auditFacets(db: PortalDb): Promise<AuditFacets> {
  const [actors, actions, targetTypes] = await readTogether(db, [
    () => distinctValues(db, auditLog.actorLogin),
    () => distinctValues(db, auditLog.action),
    () => distinctValues(db, auditLog.targetType),
  ]);
  return { actors, actions, targetTypes };
}
