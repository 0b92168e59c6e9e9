import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { LinkedGroup, LinkedUser, Membership, PortalDirectoryState } from '../../common/domain/directory-plan';
import type { PortalExecutor } from '../db/client';
import { directoryLinks, orgUnitPlacements, orgUnits, principalMembers, principals, users } from '../db/schema';

/** The org unit link of the directory's root unit; departments are linked as `dept:<lower-case name>`. */
export const ROOT_UNIT_ID = 'root';
export const departmentLinkId = (name: string) => `dept:${name.toLowerCase()}`;

export interface LoadedState {
  state: PortalDirectoryState;
  userIds: Map<string, string>;
  groupIds: Map<string, string>;
  /** Department units by lower-case name, and the root unit's id when it exists. */
  departmentIds: Map<string, string>;
  rootUnitId: string | null;
}

async function linkedUsers(db: PortalExecutor): Promise<LinkedUser[]> {
  const departments = db
    .select({ userId: orgUnitPlacements.userId, name: orgUnits.name })
    .from(orgUnitPlacements)
    .innerJoin(orgUnits, eq(orgUnits.id, orgUnitPlacements.orgUnitId))
    .innerJoin(directoryLinks, and(eq(directoryLinks.orgUnitId, orgUnits.id), sql`${directoryLinks.externalId} <> ${ROOT_UNIT_ID}`))
    .as('departments');
  const rows = await db
    .select({
      userId: users.id,
      externalId: directoryLinks.externalId,
      login: users.login,
      displayName: users.displayName,
      email: users.email,
      enabled: users.enabled,
      department: departments.name,
    })
    .from(directoryLinks)
    .innerJoin(users, eq(users.id, directoryLinks.userId))
    .leftJoin(departments, eq(departments.userId, users.id))
    .where(eq(directoryLinks.kind, 'user'));
  return rows.map((row) => ({ ...row, department: row.department ?? null }));
}

/** Everything the planner compares the directory with, in external-id space. */
export async function loadPortalState(db: PortalExecutor): Promise<LoadedState> {
  const linked = await linkedUsers(db);
  const localLogins = await db
    .select({ login: sql<string>`lower(${users.login})` })
    .from(users)
    .leftJoin(directoryLinks, eq(directoryLinks.userId, users.id))
    .where(isNull(directoryLinks.kind));
  const groupRows: LinkedGroup[] = await db
    .select({ principalId: principals.id, externalId: directoryLinks.externalId, name: principals.name })
    .from(directoryLinks)
    .innerJoin(principals, eq(principals.id, directoryLinks.principalId))
    .where(eq(directoryLinks.kind, 'group'));
  const localGroups = await db
    .select({ name: sql<string>`lower(${principals.name})` })
    .from(principals)
    .leftJoin(directoryLinks, eq(directoryLinks.principalId, principals.id))
    .where(and(eq(principals.kind, 'group'), isNull(directoryLinks.kind)));
  const unitRows = await db
    .select({ externalId: directoryLinks.externalId, id: orgUnits.id, name: orgUnits.name })
    .from(directoryLinks)
    .innerJoin(orgUnits, eq(orgUnits.id, directoryLinks.orgUnitId))
    .where(eq(directoryLinks.kind, 'org_unit'));

  const userIds = new Map(linked.map((u) => [u.externalId, u.userId]));
  const groupIds = new Map(groupRows.map((g) => [g.externalId, g.principalId]));
  const memberships = await linkedMemberships(db, groupRows, linked);
  const rootUnitId = unitRows.find((u) => u.externalId === ROOT_UNIT_ID)?.id ?? null;
  const departmentUnits = unitRows.filter((u) => u.externalId !== ROOT_UNIT_ID);
  return {
    state: {
      linkedUsers: linked,
      localLogins: new Set(localLogins.map((row) => row.login)),
      linkedGroups: groupRows,
      localGroupNames: new Set(localGroups.map((row) => row.name)),
      memberships,
      departments: new Set(departmentUnits.map((u) => u.name.toLowerCase())),
    },
    userIds,
    groupIds,
    departmentIds: new Map(departmentUnits.map((u) => [u.name.toLowerCase(), u.id])),
    rootUnitId,
  };
}

async function linkedMemberships(db: PortalExecutor, groups: LinkedGroup[], linked: LinkedUser[]): Promise<Membership[]> {
  if (groups.length === 0) return [];
  const groupExt = new Map(groups.map((g) => [g.principalId, g.externalId]));
  const userExt = new Map(linked.map((u) => [u.userId, u.externalId]));
  const rows = await db
    .select({ containerId: principalMembers.containerId, userId: principalMembers.memberUserId, principalId: principalMembers.memberPrincipalId })
    .from(principalMembers)
    .where(inArray(principalMembers.containerId, [...groupExt.keys()]));
  const memberships: Membership[] = [];
  for (const row of rows) {
    const group = groupExt.get(row.containerId)!;
    if (row.userId !== null && userExt.has(row.userId)) memberships.push({ group, member: `u:${userExt.get(row.userId)!}` });
    if (row.principalId !== null && groupExt.has(row.principalId)) memberships.push({ group, member: `g:${groupExt.get(row.principalId)!}` });
  }
  return memberships;
}
