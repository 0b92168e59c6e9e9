import { inArray, sql } from 'drizzle-orm';
import type { PortalExecutor } from '../db/client';
import { applicationRightsEntries, orgUnitPlacements, principalMembers, principals } from '../db/schema';
import { bumpOrgUnit } from './org-units';
import { bumpRightsVersions } from './application-rights';

/**
 * A user is about to be deleted: rights entries, group memberships and org placements that name them vanish by
 * cascade, so the documents holding them change and their ETags must change too (an editor holding the old
 * version then gets 412 instead of silently writing the deleted user back).
 */
export async function bumpVersionsNamingUser(tx: PortalExecutor, userId: string): Promise<void> {
  const ids = [userId];
  const applications = await tx
    .selectDistinct({ id: applicationRightsEntries.applicationId })
    .from(applicationRightsEntries)
    .where(inArray(applicationRightsEntries.userId, ids));
  await bumpRightsVersions(tx, applications.map((row) => row.id));

  const units = await tx.selectDistinct({ id: orgUnitPlacements.orgUnitId }).from(orgUnitPlacements).where(inArray(orgUnitPlacements.userId, ids));
  for (const unit of units) await bumpOrgUnit(tx, unit.id);

  const containers = await tx
    .selectDistinct({ id: principalMembers.containerId })
    .from(principalMembers)
    .where(inArray(principalMembers.memberUserId, ids));
  if (containers.length > 0) {
    await tx
      .update(principals)
      .set({ version: sql`${principals.version} + 1` })
      .where(inArray(principals.id, containers.map((row) => row.id)));
  }
}
