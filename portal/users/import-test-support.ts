import { and, eq } from 'drizzle-orm';
import type { PortalDb } from '../db/client';
import { auditLog, users } from '../db/schema';

/** What an import job runs with in a test: the portal's database and its demo admin as actor, on the machine clock. */
export async function adminImportContext(db: PortalDb) {
  const [admin] = await db.select({ id: users.id, login: users.login }).from(users).where(eq(users.login, 'admin'));
  return { db, actor: admin!, now: () => new Date() };
}

/** The audit actions recorded on an import job, sorted. */
export async function importAuditActions(db: PortalDb, jobId: string): Promise<string[]> {
  const rows = await db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.targetType, 'import'), eq(auditLog.targetId, jobId)));
  return rows.map((row) => row.action).sort();
}
