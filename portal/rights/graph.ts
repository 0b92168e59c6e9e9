import { isNotNull, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { createEvaluator, type Membership, type Principal, type PrincipalGraph } from '../../common/domain/access';
import type { AccessGraph, PrincipalRef } from '../../common/portal-api/rights';
import { readTogether, type PortalExecutor } from '../db/client';
import { principalMembers, principals, users } from '../db/schema';
import { selectRows } from './paging';

/** The membership graph as the common evaluation reads it, with display names for every principal in it. */
export interface LoadedGraph {
  graph: PrincipalGraph;
  refs: Map<string, PrincipalRef>;
}

/**
 * What to load: everything, or the users and containers to start from plus every container they reach
 * (upwards through memberships) and the memberships among them.
 */
export type GraphScope = { userIds: readonly string[]; principalIds?: readonly string[] } | 'all';

export function userRef(row: { id: string; displayName: string; login: string }): PrincipalRef {
  return { id: row.id, kind: 'user', name: row.displayName, detail: row.login };
}

export function containerRef(row: { id: string; kind: PrincipalRef['kind']; name: string; description?: string }): PrincipalRef {
  return row.description ? { id: row.id, kind: row.kind, name: row.name, detail: row.description } : { id: row.id, kind: row.kind, name: row.name };
}

/** A list of uuids as one text parameter, so any number of ids stays one bind value. */
function uuidArray(ids: readonly string[]): SQL {
  return sql`string_to_array(${ids.join(',')}, ',')::uuid[]`;
}

const ContainerRow = z.object({ id: z.string(), kind: z.enum(['group', 'role', 'distribution_list']), name: z.string() });
const EdgeRow = z.object({ member_id: z.string(), container_id: z.string() });
const UserRow = z.object({ id: z.string(), display_name: z.string(), login: z.string() });

/** Containers reached from the start points; the recursion follows the member index, never the whole table. */
function reachedContainers(userIds: readonly string[], principalIds: readonly string[]): SQL {
  return sql`
    with recursive reach(id) as (
      select container_id from principal_members
        where member_user_id = any(${uuidArray(userIds)}) or member_principal_id = any(${uuidArray(principalIds)})
      union
      select pm.container_id from principal_members pm join reach r on pm.member_principal_id = r.id
    )
    select id from reach
    union
    select unnest(${uuidArray(principalIds)})`;
}

const IdRow = z.object({ id: z.string() });

async function loadScoped(db: PortalExecutor, userIds: readonly string[], principalIds: readonly string[]) {
  // The reach first, then plain index lookups: a subquery would leave the planner guessing its size.
  const containerIds = (await selectRows(db, sql`select id::text from (${reachedContainers(userIds, principalIds)}) r`, IdRow)).map((row) => row.id);
  const [containerRows, nesting, userEdges, userRows] = await readTogether(db, [
    () => selectRows(db, sql`select id::text, kind, name from principals where id = any(${uuidArray(containerIds)})`, ContainerRow),
    () =>
      selectRows(
        db,
        sql`select member_principal_id::text as member_id, container_id::text from principal_members where member_principal_id = any(${uuidArray(containerIds)})`,
        EdgeRow,
      ),
    () =>
      selectRows(
        db,
        sql`select member_user_id::text as member_id, container_id::text from principal_members where member_user_id = any(${uuidArray(userIds)})`,
        EdgeRow,
      ),
    () => selectRows(db, sql`select id::text, display_name, login from users where id = any(${uuidArray(userIds)})`, UserRow),
  ]);
  return {
    containers: containerRows,
    memberships: [...nesting, ...userEdges].map((edge) => ({ memberId: edge.member_id, containerId: edge.container_id })),
    users: userRows.map((row) => ({ id: row.id, displayName: row.display_name, login: row.login })),
  };
}

async function loadAll(db: PortalExecutor) {
  const [containers, edges, userRows] = await readTogether(db, [
    () => db.select({ id: principals.id, kind: principals.kind, name: principals.name }).from(principals),
    () =>
      db
        .select({ user: principalMembers.memberUserId, principal: principalMembers.memberPrincipalId, containerId: principalMembers.containerId })
        .from(principalMembers),
    () => db.select({ id: users.id, displayName: users.displayName, login: users.login }).from(users),
  ]);
  const memberships: Membership[] = edges.map((edge) => ({ memberId: (edge.user ?? edge.principal) as string, containerId: edge.containerId }));
  return { containers, memberships, users: userRows };
}

/** Loads the principal graph in scope (see GraphScope) for the common evaluation. */
export async function loadPrincipalGraph(db: PortalExecutor, scope: GraphScope): Promise<LoadedGraph> {
  const loaded = scope === 'all' ? await loadAll(db) : await loadScoped(db, scope.userIds, scope.principalIds ?? []);
  const refs = new Map<string, PrincipalRef>();
  const graphPrincipals: Principal[] = [];
  for (const row of loaded.containers) {
    refs.set(row.id, containerRef(row));
    graphPrincipals.push({ id: row.id, kind: row.kind, name: row.name });
  }
  for (const row of loaded.users) {
    refs.set(row.id, userRef(row));
    graphPrincipals.push({ id: row.id, kind: 'user', name: row.displayName });
  }
  return { graph: { principals: graphPrincipals, memberships: loaded.memberships }, refs };
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

const UserIdRow = z.object({ user_id: z.string() });

/** Users who are members of the container directly or through nested containers (recursing down the container index). */
export async function usersBelow(db: PortalExecutor, containerId: string): Promise<string[]> {
  const rows = await selectRows(
    db,
    sql`
      with recursive below(id) as (
        select ${containerId}::uuid
        union
        select pm.member_principal_id from principal_members pm join below b on pm.container_id = b.id
          where pm.member_principal_id is not null
      )
      select distinct member_user_id::text as user_id from principal_members
        where container_id in (select id from below) and member_user_id is not null`,
    UserIdRow,
  );
  return rows.map((row) => row.user_id);
}

/** Every container-in-container membership (the nesting); small next to the user memberships. */
export async function loadNesting(db: PortalExecutor): Promise<Membership[]> {
  const rows = await db
    .select({ memberId: principalMembers.memberPrincipalId, containerId: principalMembers.containerId })
    .from(principalMembers)
    .where(isNotNull(principalMembers.memberPrincipalId));
  return rows as Membership[];
}
