import { and, asc, count, eq, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { checkNewMembership, createEvaluator, type Membership, type MembershipProblem, type PrincipalGraph } from '../../common/domain/access';
import type { Page } from '../../common/portal-api/common';
import type {
  ContainerKind,
  CreatePrincipal,
  PrincipalDetail,
  PrincipalImpact,
  PrincipalListQuery,
  PrincipalPage,
  PrincipalRef,
  PrincipalSearchQuery,
} from '../../common/portal-api/rights';
import { readTogether, type PortalExecutor } from '../db/client';
import { applicationRightsEntries, applications, orgUnitPlacements, principalMembers, principals, users, type PrincipalRow } from '../db/schema';
import { decodeCursor, encodeCursor } from '../http/cursor';
import { etagOf } from '../http/etag';
import { problem } from '../http/problem';
import { readAllApplicationRights } from './application-rights';
import { containerRef, loadNesting, loadPrincipalGraph, userRef, usersBelow } from './graph';
import { containsPattern, NameCursor, pageOfRefs } from './paging';

/** Serialises changes of the membership graph, so two concurrent additions cannot close a cycle together. */
const MEMBERSHIP_LOCK_KEY = 4_242_001;

/**
 * Takes the membership lock for the rest of the transaction. Changes that bump the versions of several
 * principals or users take it before locking any row, so two of them can never wait for each other's rows.
 */
export async function lockMembershipGraph(tx: PortalExecutor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${MEMBERSHIP_LOCK_KEY})`);
}

export function principalEtag(row: Pick<PrincipalRow, 'id' | 'version'>): string {
  return etagOf(row.version, row.id);
}

export function principalNotFound(id: string) {
  return problem(404, 'Not Found', { code: 'principal_not_found', detail: `There is no group, role or distribution list ${id}.` });
}

// Written out in full: drizzle renders a column inside sql`` unqualified, which the subquery would misread as its own.
const memberCountSql = sql<number>`(select count(*)::int from principal_members pm where pm.container_id = "principals"."id")`;

function listFilter(query: Pick<PrincipalListQuery, 'kind' | 'q'>): SQL | undefined {
  return and(
    query.kind === undefined ? undefined : eq(principals.kind, query.kind),
    query.q === undefined || query.q === '' ? undefined : ilike(principals.name, containsPattern(query.q)),
  );
}

/** Groups, roles and distribution lists by name, cursor-paged, with the total of the filtered list. */
export async function listPrincipals(db: PortalExecutor, query: PrincipalListQuery): Promise<PrincipalPage> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, NameCursor);
  const filter = listFilter(query);
  const rows = await db
    .select({
      id: principals.id,
      kind: principals.kind,
      name: principals.name,
      description: principals.description,
      memberCount: memberCountSql,
      sortKey: sql<string>`lower(${principals.name})`,
    })
    .from(principals)
    .where(and(filter, after === undefined ? undefined : sql`(lower(${principals.name}), ${principals.id}) > (${after[0]}, ${after[1]}::uuid)`))
    .orderBy(sql`lower(${principals.name})`, asc(principals.id))
    .limit(query.limit + 1);
  const [total] = await db.select({ n: count() }).from(principals).where(filter);
  const pageRows = rows.slice(0, query.limit);
  const last = pageRows.at(-1);
  return {
    items: pageRows.map(({ sortKey: _sortKey, memberCount, ...row }) => ({ ...row, memberCount: Number(memberCount) })),
    nextCursor: rows.length > query.limit && last !== undefined ? encodeCursor([last.sortKey, last.id]) : null,
    total: total?.n ?? 0,
  };
}

async function findPrincipal(db: PortalExecutor, id: string, forUpdate: boolean): Promise<PrincipalRow> {
  const select = db.select().from(principals).where(eq(principals.id, id)).limit(1);
  const [row] = forUpdate ? await select.for('update') : await select;
  if (row === undefined) throw principalNotFound(id);
  return row;
}

async function detailOf(db: PortalExecutor, row: PrincipalRow): Promise<PrincipalDetail> {
  const [members, containers, placement] = await readTogether(db, [
    () => db.select({ n: count() }).from(principalMembers).where(eq(principalMembers.containerId, row.id)),
    () =>
      db
        .select({ id: principals.id, kind: principals.kind, name: principals.name })
        .from(principalMembers)
        .innerJoin(principals, eq(principals.id, principalMembers.containerId))
        .where(eq(principalMembers.memberPrincipalId, row.id))
        .orderBy(sql`lower(${principals.name})`),
    () => db.select({ orgUnitId: orgUnitPlacements.orgUnitId }).from(orgUnitPlacements).where(eq(orgUnitPlacements.principalId, row.id)),
  ]);
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    description: row.description,
    memberCount: members[0]?.n ?? 0,
    memberOf: containers.map(containerRef),
    orgUnitId: placement[0]?.orgUnitId ?? null,
  };
}

export interface VersionedDetail {
  detail: PrincipalDetail;
  etag: string;
}

export async function readPrincipal(db: PortalExecutor, id: string): Promise<VersionedDetail> {
  const row = await findPrincipal(db, id, false);
  return { detail: await detailOf(db, row), etag: principalEtag(row) };
}

/** Locks the principal's row for a change and returns it with the representation a 412 shows. */
export async function lockPrincipal(tx: PortalExecutor, id: string): Promise<VersionedDetail & { row: PrincipalRow }> {
  const row = await findPrincipal(tx, id, true);
  return { row, detail: await detailOf(tx, row), etag: principalEtag(row) };
}

export async function assertNameFree(db: PortalExecutor, kind: ContainerKind, name: string, exceptId?: string): Promise<void> {
  const [clash] = await db
    .select({ id: principals.id })
    .from(principals)
    .where(and(eq(principals.kind, kind), sql`lower(${principals.name}) = lower(${name})`, exceptId === undefined ? undefined : ne(principals.id, exceptId)))
    .limit(1);
  if (clash !== undefined) {
    throw problem(409, 'Conflict', {
      code: 'name_taken',
      detail: `A ${kind.replace('_', ' ')} named "${name}" already exists.`,
      errors: [{ path: 'name', message: 'Name already taken' }],
    });
  }
}

export async function insertPrincipal(tx: PortalExecutor, input: CreatePrincipal): Promise<PrincipalRow> {
  await assertNameFree(tx, input.kind, input.name);
  const [row] = await tx.insert(principals).values(input).returning();
  if (row === undefined) throw new Error('insert into principals returned nothing');
  return row;
}

export async function bumpPrincipal(tx: PortalExecutor, id: string, change: Partial<Pick<PrincipalRow, 'name' | 'description'>> = {}) {
  await tx
    .update(principals)
    .set({ ...change, version: sql`${principals.version} + 1` })
    .where(eq(principals.id, id));
}

/** Containers whose representation changed as a side effect (member count, memberOf, org unit): new ETags. */
export async function bumpPrincipals(tx: PortalExecutor, ids: readonly string[]): Promise<void> {
  const distinct = [...new Set(ids)];
  if (distinct.length === 0) return;
  await tx
    .update(principals)
    .set({ version: sql`${principals.version} + 1` })
    .where(inArray(principals.id, distinct));
}

async function bumpUsers(tx: PortalExecutor, ids: readonly string[]): Promise<void> {
  const distinct = [...new Set(ids)];
  if (distinct.length === 0) return;
  await tx
    .update(users)
    .set({ version: sql`${users.version} + 1` })
    .where(inArray(users.id, distinct));
}

/**
 * The principal is about to be deleted: the containers it is a member of lose a member, its nested
 * members lose an entry of memberOf and its users lose a group, so all of them get new versions.
 */
export async function bumpNeighboursOf(tx: PortalExecutor, id: string): Promise<void> {
  const [containers, members] = await readTogether(tx, [
    () => tx.select({ id: principalMembers.containerId }).from(principalMembers).where(eq(principalMembers.memberPrincipalId, id)),
    () =>
      tx
        .select({ userId: principalMembers.memberUserId, principalId: principalMembers.memberPrincipalId })
        .from(principalMembers)
        .where(eq(principalMembers.containerId, id)),
  ]);
  const nested = members.flatMap((m) => (m.principalId === null ? [] : [m.principalId]));
  await bumpPrincipals(tx, [...containers.map((c) => c.id), ...nested]);
  await bumpUsers(tx, members.flatMap((m) => (m.userId === null ? [] : [m.userId])));
}

/** Everything a delete removes with the principal, for the audit log. */
export async function deletionSnapshot(tx: PortalExecutor, detail: PrincipalDetail) {
  const [members, entries] = await readTogether(tx, [
    () =>
      tx
        .select({ userId: principalMembers.memberUserId, principalId: principalMembers.memberPrincipalId })
        .from(principalMembers)
        .where(eq(principalMembers.containerId, detail.id)),
    () =>
      tx
        .select({ applicationId: applicationRightsEntries.applicationId, level: applicationRightsEntries.level })
        .from(applicationRightsEntries)
        .where(eq(applicationRightsEntries.principalId, detail.id)),
  ]);
  return {
    ...detail,
    members: members.map((m) => m.userId ?? m.principalId),
    rightsEntries: entries,
  };
}

export async function deletePrincipalRow(tx: PortalExecutor, id: string): Promise<void> {
  await tx.delete(principals).where(eq(principals.id, id));
}

/** A user or a container, whichever the id names; 404 when it is neither. */
export async function findMember(db: PortalExecutor, memberId: string, notFoundCode = 'member_not_found'): Promise<PrincipalRef> {
  const [container] = await db.select({ id: principals.id, kind: principals.kind, name: principals.name }).from(principals).where(eq(principals.id, memberId));
  if (container !== undefined) return containerRef(container);
  const [user] = await db.select({ id: users.id, displayName: users.displayName, login: users.login }).from(users).where(eq(users.id, memberId));
  if (user !== undefined) return userRef(user);
  throw problem(404, 'Not Found', { code: notFoundCode, detail: `There is no user, group, role or distribution list ${memberId}.` });
}

async function membershipEdgesFor(tx: PortalExecutor, member: PrincipalRef): Promise<Membership[]> {
  const edges = await loadNesting(tx);
  if (member.kind !== 'user') return edges;
  const own = await tx
    .select({ memberId: principalMembers.memberUserId, containerId: principalMembers.containerId })
    .from(principalMembers)
    .where(eq(principalMembers.memberUserId, member.id));
  return [...edges, ...(own as Membership[])];
}

async function refsOf(tx: PortalExecutor, ids: readonly string[]): Promise<Map<string, PrincipalRef>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.select({ id: principals.id, kind: principals.kind, name: principals.name }).from(principals).where(inArray(principals.id, [...ids]));
  return new Map(rows.map((row) => [row.id, containerRef(row)]));
}

async function membershipRefusal(tx: PortalExecutor, found: MembershipProblem, container: PrincipalRef, member: PrincipalRef) {
  switch (found.code) {
    case 'already_member':
      return problem(409, 'Conflict', { code: 'already_member', detail: `"${member.name}" is already a member of "${container.name}".` });
    case 'membership_cycle': {
      const refs = await refsOf(tx, found.cycle);
      const cycle = found.cycle.map((id) => {
        const ref = refs.get(id) ?? (id === member.id ? member : undefined);
        return { id, kind: ref?.kind ?? 'group', name: ref?.name ?? id };
      });
      return problem(409, 'Conflict', {
        code: 'membership_cycle',
        detail: `Adding "${member.name}" to "${container.name}" would create a membership cycle: ${cycle.map((c) => c.name).join(' → ')} (each is a member of the next).`,
        cycle,
      });
    }
    case 'container_is_user':
    case 'unknown_principal':
      return problem(404, 'Not Found', { code: 'member_not_found', detail: `There is no principal ${found.principalId}.` });
  }
}

/** Adds a member after the common rules (no duplicate, no cycle); the container is locked by the caller. */
export async function addMembership(tx: PortalExecutor, container: PrincipalRef, member: PrincipalRef): Promise<void> {
  await lockMembershipGraph(tx);
  const graph: PrincipalGraph = {
    principals: [
      { id: container.id, kind: container.kind, name: container.name },
      { id: member.id, kind: member.kind, name: member.name },
    ],
    memberships: await membershipEdgesFor(tx, member),
  };
  const found = checkNewMembership(graph, { memberId: member.id, containerId: container.id });
  if (found !== null) throw await membershipRefusal(tx, found, container, member);
  await tx.insert(principalMembers).values({
    containerId: container.id,
    memberUserId: member.kind === 'user' ? member.id : null,
    memberPrincipalId: member.kind === 'user' ? null : member.id,
  });
  await bumpMember(tx, member);
}

/**
 * A user's groups are part of the user resource, a nested principal's memberOf part of that principal:
 * a membership change made here changes the member's ETag too.
 */
async function bumpMember(tx: PortalExecutor, member: PrincipalRef): Promise<void> {
  if (member.kind === 'user') await bumpUsers(tx, [member.id]);
  else await bumpPrincipals(tx, [member.id]);
}

export async function removeMembership(tx: PortalExecutor, container: PrincipalRef, member: PrincipalRef): Promise<void> {
  const column = member.kind === 'user' ? principalMembers.memberUserId : principalMembers.memberPrincipalId;
  const removed = await tx
    .delete(principalMembers)
    .where(and(eq(principalMembers.containerId, container.id), eq(column, member.id)))
    .returning({ id: principalMembers.id });
  if (removed.length === 0) {
    throw problem(404, 'Not Found', { code: 'not_a_member', detail: `"${member.name}" is not a direct member of "${container.name}".` });
  }
  await bumpMember(tx, member);
}

/** Ids of the direct members (users and nested containers), sorted, for the before and after of the audit log. */
export async function memberIdsOf(tx: PortalExecutor, containerId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: principalMembers.memberUserId, principalId: principalMembers.memberPrincipalId })
    .from(principalMembers)
    .where(eq(principalMembers.containerId, containerId));
  return rows.map((m) => m.userId ?? m.principalId ?? '').sort();
}

/** Direct members (users and nested containers) by name, cursor-paged. */
export function listMembers(db: PortalExecutor, containerId: string, query: { cursor?: string | undefined; limit: number }): Promise<Page<PrincipalRef>> {
  const source = sql`
    select 'user' as kind, u.id::text as id, u.display_name as name, u.login as detail
      from ${principalMembers} pm join ${users} u on u.id = pm.member_user_id where pm.container_id = ${containerId}
    union all
    select p.kind, p.id::text, p.name, nullif(p.description, '')
      from ${principalMembers} pm join ${principals} p on p.id = pm.member_principal_id where pm.container_id = ${containerId}`;
  return pageOfRefs(db, source, query);
}

/** Users and containers whose name, login or e-mail contains `q`: prefix matches first, then by name. */
export async function searchPrincipals(db: PortalExecutor, query: PrincipalSearchQuery): Promise<PrincipalRef[]> {
  const kinds = new Set(query.kinds?.split(',') ?? ['user', 'group', 'role', 'distribution_list']);
  const pattern = containsPattern(query.q);
  const containerKinds = (['group', 'role', 'distribution_list'] as const).filter((kind) => kinds.has(kind));
  const [containerRows, userRows] = await readTogether(db, [
    () =>
      containerKinds.length === 0
        ? []
        : db
            .select({ id: principals.id, kind: principals.kind, name: principals.name, description: principals.description })
            .from(principals)
            .where(and(inArray(principals.kind, containerKinds), ilike(principals.name, pattern)))
            .orderBy(sql`lower(${principals.name})`)
            .limit(query.limit),
    () =>
      !kinds.has('user')
        ? []
        : db
            .select({ id: users.id, displayName: users.displayName, login: users.login })
            .from(users)
            .where(or(ilike(users.displayName, pattern), ilike(users.login, pattern), ilike(users.email, pattern)))
            .orderBy(sql`lower(${users.displayName})`)
            .limit(query.limit),
  ]);
  const needle = query.q.toLowerCase();
  const rank = (ref: PrincipalRef) => (ref.name.toLowerCase().startsWith(needle) || ref.detail?.toLowerCase().startsWith(needle) ? 0 : 1);
  return [...containerRows.map(containerRef), ...userRows.map(userRef)]
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'de'))
    .slice(0, query.limit);
}

/** What deleting the principal would remove and whose effective access it would change. */
export async function principalImpact(db: PortalExecutor, id: string): Promise<PrincipalImpact> {
  const { detail } = await readPrincipal(db, id);
  const reachedUsers = await usersBelow(db, id);
  const [loaded, allRights] = await readTogether(db, [() => loadPrincipalGraph(db, { userIds: reachedUsers }), () => readAllApplicationRights(db)]);

  const before = createEvaluator(loaded.graph);
  const after = createEvaluator({
    principals: loaded.graph.principals.filter((p) => p.id !== id),
    memberships: loaded.graph.memberships.filter((m) => m.memberId !== id && m.containerId !== id),
  });
  const accessChanges = allRights.flatMap(({ doc, rights }) => {
    const rightsAfter = { ...rights, entries: rights.entries.filter((entry) => entry.principalId !== id) };
    const users = reachedUsers.filter((userId) => before.levelOf(rights, userId) !== after.levelOf(rightsAfter, userId)).length;
    return users > 0 ? [{ applicationId: doc.applicationId, applicationName: doc.applicationName, users }] : [];
  });
  const rightsEntries = allRights.flatMap(({ doc }) =>
    doc.entries
      .filter((entry) => entry.principal.id === id)
      .map((entry) => ({ applicationId: doc.applicationId, applicationName: doc.applicationName, level: entry.level })),
  );
  return {
    principal: containerRef(detail),
    directMembers: detail.memberCount,
    usersReached: reachedUsers.length,
    memberOf: detail.memberOf,
    rightsEntries,
    accessChanges,
    orgUnitId: detail.orgUnitId,
  };
}

/** Applications with an entry for the principal (their rights change when it is deleted). */
export async function applicationsWithEntriesFor(tx: PortalExecutor, principalId: string): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ applicationId: applicationRightsEntries.applicationId })
    .from(applicationRightsEntries)
    .innerJoin(applications, eq(applications.id, applicationRightsEntries.applicationId))
    .where(eq(applicationRightsEntries.principalId, principalId));
  return rows.map((row) => row.applicationId);
}
