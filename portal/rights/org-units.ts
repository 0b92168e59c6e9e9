import { and, asc, eq, isNotNull, ne, sql } from 'drizzle-orm';
import { findCycle, type Membership } from '../../common/domain/access';
import type { Page } from '../../common/portal-api/common';
import type { CreateOrgUnit, OrgUnit, OrgUnitList, PrincipalRef, UpdateOrgUnit } from '../../common/portal-api/rights';
import type { PortalExecutor } from '../db/client';
import { orgUnitPlacements, orgUnits, principals, users, type OrgUnitRow } from '../db/schema';
import { etagOf } from '../http/etag';
import { problem } from '../http/problem';
import { pageOfRefs } from './paging';
import { bumpPrincipals } from './principals';

/** Serialises changes of the org structure, so two concurrent moves cannot close a cycle together. */
const ORG_STRUCTURE_LOCK_KEY = 4_242_002;

/**
 * Takes the structure lock for the rest of the transaction. It must come before any row lock: a move
 * waits for its new parent's row (foreign key), which a concurrent move could hold while waiting here.
 */
export async function lockOrgStructure(tx: PortalExecutor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${ORG_STRUCTURE_LOCK_KEY})`);
}

export function orgUnitEtag(row: Pick<OrgUnitRow, 'id' | 'version'>): string {
  return etagOf(row.version, row.id);
}

export function orgUnitNotFound(id: string) {
  return problem(404, 'Not Found', { code: 'org_unit_not_found', detail: `There is no org unit ${id}.` });
}

const unitColumns = {
  id: orgUnits.id,
  parentId: orgUnits.parentId,
  kind: orgUnits.kind,
  name: orgUnits.name,
  description: orgUnits.description,
  version: orgUnits.version,
  // Written out in full: drizzle renders a column inside sql`` unqualified, which a subquery would misread as its own.
  userCount: sql<number>`(select count(*)::int from org_unit_placements p where p.org_unit_id = "org_units"."id" and p.user_id is not null)`,
  principalCount: sql<number>`(select count(*)::int from org_unit_placements p where p.org_unit_id = "org_units"."id" and p.principal_id is not null)`,
  childCount: sql<number>`(select count(*)::int from org_units c where c.parent_id = "org_units"."id")`,
};

type UnitRow = OrgUnitRow & { userCount: number; principalCount: number; childCount: number };

function toOrgUnit(row: UnitRow): OrgUnit {
  return {
    id: row.id,
    parentId: row.parentId,
    kind: row.kind,
    name: row.name,
    description: row.description,
    userCount: Number(row.userCount),
    principalCount: Number(row.principalCount),
    childCount: Number(row.childCount),
  };
}

/** Depth-first: every parent before its children, siblings by name. */
function treeOrder(rows: readonly UnitRow[]): UnitRow[] {
  const byParent = new Map<string | null, UnitRow[]>();
  for (const row of rows) {
    const siblings = byParent.get(row.parentId);
    if (siblings) siblings.push(row);
    else byParent.set(row.parentId, [row]);
  }
  const ordered: UnitRow[] = [];
  const visit = (parentId: string | null) => {
    const children = [...(byParent.get(parentId) ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'de'));
    for (const child of children) {
      ordered.push(child);
      visit(child.id);
    }
  };
  visit(null);
  return ordered;
}

export async function listOrgUnits(db: PortalExecutor): Promise<OrgUnitList> {
  const rows = (await db.select(unitColumns).from(orgUnits).orderBy(asc(orgUnits.name))) as UnitRow[];
  return { items: treeOrder(rows).map((row) => ({ etag: orgUnitEtag(row), value: toOrgUnit(row) })) };
}

export interface LockedOrgUnit {
  row: OrgUnitRow;
  value: OrgUnit;
  etag: string;
}

export async function readOrgUnit(db: PortalExecutor, id: string, lock = false): Promise<LockedOrgUnit> {
  if (lock) await db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.id, id)).for('update');
  const [row] = (await db.select(unitColumns).from(orgUnits).where(eq(orgUnits.id, id)).limit(1)) as UnitRow[];
  if (row === undefined) throw orgUnitNotFound(id);
  return { row, value: toOrgUnit(row), etag: orgUnitEtag(row) };
}

async function assertParentExists(db: PortalExecutor, parentId: string | null): Promise<void> {
  if (parentId === null) return;
  const [parent] = await db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.id, parentId)).limit(1);
  if (parent === undefined) {
    throw problem(400, 'Bad Request', {
      code: 'unknown_parent',
      detail: `There is no org unit ${parentId} to place this one under.`,
      errors: [{ path: 'parentId', message: 'No such org unit' }],
    });
  }
}

async function assertSiblingNameFree(db: PortalExecutor, parentId: string | null, name: string, exceptId?: string): Promise<void> {
  const [clash] = await db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(
      and(
        parentId === null ? sql`${orgUnits.parentId} is null` : eq(orgUnits.parentId, parentId),
        sql`lower(${orgUnits.name}) = lower(${name})`,
        exceptId === undefined ? undefined : ne(orgUnits.id, exceptId),
      ),
    )
    .limit(1);
  if (clash !== undefined) {
    throw problem(409, 'Conflict', {
      code: 'name_taken',
      detail: `The parent already has an org unit named "${name}".`,
      errors: [{ path: 'name', message: 'Name already taken here' }],
    });
  }
}

export async function insertOrgUnit(tx: PortalExecutor, input: CreateOrgUnit): Promise<OrgUnitRow> {
  await assertParentExists(tx, input.parentId);
  await assertSiblingNameFree(tx, input.parentId, input.name);
  const [row] = await tx.insert(orgUnits).values(input).returning();
  if (row === undefined) throw new Error('insert into org_units returned nothing');
  // The parent's childCount changed.
  if (row.parentId !== null) await bumpOrgUnit(tx, row.parentId);
  return row;
}

/** Moving a unit under itself or one of its descendants would close a cycle; the problem names it. */
async function assertNoCycle(tx: PortalExecutor, unit: OrgUnitRow, parentId: string): Promise<void> {
  const rows = await tx.select({ id: orgUnits.id, parentId: orgUnits.parentId, kind: orgUnits.kind, name: orgUnits.name }).from(orgUnits);
  const edges: Membership[] = rows.flatMap((row) =>
    row.parentId === null || row.id === unit.id ? [] : [{ memberId: row.id, containerId: row.parentId }],
  );
  const cycle = findCycle(edges, { memberId: unit.id, containerId: parentId });
  if (cycle === null) return;
  const byId = new Map(rows.map((row) => [row.id, row]));
  const named = cycle.map((id) => ({ id, kind: byId.get(id)?.kind ?? 'org_unit', name: byId.get(id)?.name ?? id }));
  throw problem(409, 'Conflict', {
    code: 'org_unit_cycle',
    detail: `"${unit.name}" cannot move under "${byId.get(parentId)?.name ?? parentId}": ${named.map((n) => n.name).join(' → ')} (each under the next) would be a cycle.`,
    cycle: named,
  });
}

/** Call with the structure lock held (lockOrgStructure): the cycle check reads the whole tree. */
export async function updateOrgUnit(tx: PortalExecutor, unit: OrgUnitRow, change: UpdateOrgUnit): Promise<void> {
  const parentId = change.parentId === undefined ? unit.parentId : change.parentId;
  const moves = parentId !== unit.parentId;
  if (moves && parentId !== null) {
    await assertParentExists(tx, parentId);
    await assertNoCycle(tx, unit, parentId);
  }
  await assertSiblingNameFree(tx, parentId, change.name ?? unit.name, unit.id);
  await tx
    .update(orgUnits)
    .set({
      ...(change.name === undefined ? {} : { name: change.name }),
      ...(change.description === undefined ? {} : { description: change.description }),
      parentId,
      version: sql`${orgUnits.version} + 1`,
    })
    .where(eq(orgUnits.id, unit.id));
  // Both parents' childCount changed.
  if (moves) await bumpParents(tx, [unit.parentId, parentId]);
}

async function bumpParents(tx: PortalExecutor, parentIds: readonly (string | null)[]): Promise<void> {
  for (const id of parentIds) if (id !== null) await bumpOrgUnit(tx, id);
}

export async function deleteOrgUnit(tx: PortalExecutor, unit: LockedOrgUnit): Promise<string[]> {
  if (unit.value.childCount > 0) {
    throw problem(409, 'Conflict', {
      code: 'org_unit_not_empty',
      detail: `"${unit.value.name}" still contains ${unit.value.childCount} org unit(s); move or delete them first.`,
    });
  }
  const placed = await tx
    .select({ userId: orgUnitPlacements.userId, principalId: orgUnitPlacements.principalId })
    .from(orgUnitPlacements)
    .where(eq(orgUnitPlacements.orgUnitId, unit.row.id));
  // The groups, roles and lists placed here lose their orgUnitId; the parent loses a child.
  await bumpPrincipals(tx, placed.flatMap((p) => (p.principalId === null ? [] : [p.principalId])));
  await tx.delete(orgUnits).where(eq(orgUnits.id, unit.row.id));
  await bumpParents(tx, [unit.row.parentId]);
  return placed.map((p) => p.userId ?? p.principalId ?? '');
}

export function listOrgUnitMembers(db: PortalExecutor, unitId: string, query: { cursor?: string | undefined; limit: number }): Promise<Page<PrincipalRef>> {
  const source = sql`
    select 'user' as kind, u.id::text as id, u.display_name as name, u.login as detail
      from ${orgUnitPlacements} p join ${users} u on u.id = p.user_id where p.org_unit_id = ${unitId}
    union all
    select pr.kind, pr.id::text, pr.name, nullif(pr.description, '')
      from ${orgUnitPlacements} p join ${principals} pr on pr.id = p.principal_id where p.org_unit_id = ${unitId}`;
  return pageOfRefs(db, source, query);
}

function placementColumn(member: PrincipalRef) {
  return member.kind === 'user' ? orgUnitPlacements.userId : orgUnitPlacements.principalId;
}

/** Places the member here; returns the unit it left (its version is bumped too), or null. */
export async function placeMember(tx: PortalExecutor, unit: OrgUnitRow, member: PrincipalRef): Promise<string | null> {
  const column = placementColumn(member);
  const [existing] = await tx.select({ id: orgUnitPlacements.id, orgUnitId: orgUnitPlacements.orgUnitId }).from(orgUnitPlacements).where(eq(column, member.id));
  if (existing?.orgUnitId === unit.id) {
    throw problem(409, 'Conflict', { code: 'already_placed', detail: `"${member.name}" already belongs to "${unit.name}".` });
  }
  if (existing !== undefined) {
    await tx.delete(orgUnitPlacements).where(eq(orgUnitPlacements.id, existing.id));
    await tx.update(orgUnits).set({ version: sql`${orgUnits.version} + 1` }).where(eq(orgUnits.id, existing.orgUnitId));
  }
  await tx.insert(orgUnitPlacements).values({
    orgUnitId: unit.id,
    userId: member.kind === 'user' ? member.id : null,
    principalId: member.kind === 'user' ? null : member.id,
  });
  await tx.update(orgUnits).set({ version: sql`${orgUnits.version} + 1` }).where(eq(orgUnits.id, unit.id));
  await bumpPlacedPrincipal(tx, member);
  return existing?.orgUnitId ?? null;
}

/** A group's, role's or list's orgUnitId is part of it: placing or taking it out changes its ETag. */
async function bumpPlacedPrincipal(tx: PortalExecutor, member: PrincipalRef): Promise<void> {
  if (member.kind !== 'user') await bumpPrincipals(tx, [member.id]);
}

export async function unplaceMember(tx: PortalExecutor, unit: OrgUnitRow, member: PrincipalRef): Promise<void> {
  const removed = await tx
    .delete(orgUnitPlacements)
    .where(and(eq(orgUnitPlacements.orgUnitId, unit.id), eq(placementColumn(member), member.id), isNotNull(placementColumn(member))))
    .returning({ id: orgUnitPlacements.id });
  if (removed.length === 0) {
    throw problem(404, 'Not Found', { code: 'not_placed_here', detail: `"${member.name}" does not belong to "${unit.name}".` });
  }
  await tx.update(orgUnits).set({ version: sql`${orgUnits.version} + 1` }).where(eq(orgUnits.id, unit.id));
  await bumpPlacedPrincipal(tx, member);
}

/** A placement vanished by cascade (its user or container was deleted): the unit changed, so its ETag must too. */
export async function bumpOrgUnit(tx: PortalExecutor, id: string): Promise<void> {
  await tx.update(orgUnits).set({ version: sql`${orgUnits.version} + 1` }).where(eq(orgUnits.id, id));
}
