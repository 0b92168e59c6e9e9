import { inArray, isNotNull } from 'drizzle-orm';
import {
  createEvaluator,
  type Membership,
  type Principal,
  type PrincipalGraph,
} from '../../common/domain/access';
import type { AccessGraph, PrincipalRef } from '../../common/portal-api/rights';
import type { PortalExecutor } from '../db/client';
import { principalMembers, principals, users } from '../db/schema';

/** The membership graph as the common evaluation reads it, with display names for every principal in it. */
export interface LoadedGraph {
  graph: PrincipalGraph;
  refs: Map<string, PrincipalRef>;
}

/** Which users to load: their memberships and names. Containers and their nesting are always loaded whole. */
export type UserScope = { userIds: readonly string[] } | 'all';

const CHUNK = 5_000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

export function userRef(row: { id: string; displayName: string; login: string }): PrincipalRef {
  return { id: row.id, kind: 'user', name: row.displayName, detail: row.login };
}

export function containerRef(row: { id: string; kind: PrincipalRef['kind']; name: string; description?: string }): PrincipalRef {
  return row.description ? { id: row.id, kind: row.kind, name: row.name, detail: row.description } : { id: row.id, kind: row.kind, name: row.name };
}

async function loadContainers(db: PortalExecutor) {
  const [rows, nesting] = await Promise.all([
    db.select({ id: principals.id, kind: principals.kind, name: principals.name }).from(principals),
    db
      .select({ memberId: principalMembers.memberPrincipalId, containerId: principalMembers.containerId })
      .from(principalMembers)
      .where(isNotNull(principalMembers.memberPrincipalId)),
  ]);
  return { rows, nesting: nesting as Membership[] };
}

async function loadUsers(db: PortalExecutor, scope: UserScope) {
  const columns = { id: users.id, displayName: users.displayName, login: users.login };
  const edgeColumns = { memberId: principalMembers.memberUserId, containerId: principalMembers.containerId };
  if (scope === 'all') {
    const [rows, edges] = await Promise.all([
      db.select(columns).from(users),
      db.select(edgeColumns).from(principalMembers).where(isNotNull(principalMembers.memberUserId)),
    ]);
    return { rows, edges: edges as Membership[] };
  }
  const rows: { id: string; displayName: string; login: string }[] = [];
  const edges: Membership[] = [];
  for (const ids of chunks([...new Set(scope.userIds)])) {
    rows.push(...(await db.select(columns).from(users).where(inArray(users.id, ids))));
    edges.push(...((await db.select(edgeColumns).from(principalMembers).where(inArray(principalMembers.memberUserId, ids))) as Membership[]));
  }
  return { rows, edges };
}

/** Loads every group, role and distribution list with their nesting, plus the users in scope and their memberships. */
export async function loadPrincipalGraph(db: PortalExecutor, scope: UserScope): Promise<LoadedGraph> {
  const [containers, userPart] = await Promise.all([loadContainers(db), loadUsers(db, scope)]);
  const refs = new Map<string, PrincipalRef>();
  const graphPrincipals: Principal[] = [];
  for (const row of containers.rows) {
    refs.set(row.id, containerRef(row));
    graphPrincipals.push({ id: row.id, kind: row.kind, name: row.name });
  }
  for (const row of userPart.rows) {
    refs.set(row.id, userRef(row));
    graphPrincipals.push({ id: row.id, kind: 'user', name: row.displayName });
  }
  return { graph: { principals: graphPrincipals, memberships: [...containers.nesting, ...userPart.edges] }, refs };
}

/** The principal, every container it reaches through memberships, and the memberships among them. */
export function accessGraphOf(loaded: LoadedGraph, principalId: string): AccessGraph {
  const reached = createEvaluator(loaded.graph).reachableFrom(principalId);
  const memberships = loaded.graph.memberships
    .filter((m) => reached.has(m.memberId) && reached.has(m.containerId))
    .map(({ memberId, containerId }) => ({ memberId, containerId }));
  const principalRefs = [...reached].flatMap((id) => {
    const ref = loaded.refs.get(id);
    return ref ? [ref] : [];
  });
  return { principalId, principals: principalRefs, memberships };
}

/** Principals that are members of `principalId`, directly or through nested containers (the principal excluded). */
export function membersBelow(memberships: readonly Membership[], principalId: string): Set<string> {
  const membersByContainer = new Map<string, string[]>();
  for (const { memberId, containerId } of memberships) {
    const list = membersByContainer.get(containerId);
    if (list) list.push(memberId);
    else membersByContainer.set(containerId, [memberId]);
  }
  const below = new Set<string>();
  const queue = [principalId];
  for (let head = 0; head < queue.length; head++) {
    for (const member of membersByContainer.get(queue[head] as string) ?? []) {
      if (below.has(member) || member === principalId) continue;
      below.add(member);
      queue.push(member);
    }
  }
  return below;
}
