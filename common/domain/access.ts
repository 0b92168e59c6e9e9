/**
 * Access-level lattice and rights evaluation for applications.
 *
 * Evaluation rule (Intrexx-like semantics):
 * - An application's rights hold explicit entries (a principal and a level) and a default level for
 *   "all other members", i.e. the members not covered by any entry.
 * - An entry applies to a user when its principal is the user itself or any group, role or
 *   distribution list reachable from the user through memberships (transitively, any nesting depth).
 *   A direct user entry counts like any other entry; it is not a special override.
 * - If at least one entry applies, the effective level is the maximum of the applying entries, and
 *   the default is ignored even when it is higher: an explicit entry (e.g. "none" or "read" for a
 *   group) takes the user out of "all other members".
 * - If no entry applies, the default level applies.
 */

export const accessLevels = ['none', 'read', 'read_add', 'edit', 'manage'] as const;
export type AccessLevel = (typeof accessLevels)[number];

export const principalKinds = ['user', 'group', 'role', 'distribution_list'] as const;
export type PrincipalKind = (typeof principalKinds)[number];

export interface Principal {
  id: string;
  kind: PrincipalKind;
  name: string;
}

/** `memberId` (a user or a container) is a member of `containerId` (a group, role or distribution list). */
export interface Membership {
  memberId: string;
  containerId: string;
}

export interface PrincipalGraph {
  principals: readonly Principal[];
  memberships: readonly Membership[];
}

export interface RightsEntry {
  principalId: string;
  level: AccessLevel;
}

export interface ApplicationRights {
  applicationId: string;
  entries: readonly RightsEntry[];
  /** Level of "all other members": applies only when no entry applies. */
  defaultLevel: AccessLevel;
}

export interface AccessContribution {
  entry: RightsEntry;
  /** Shortest membership path: the user id first, the entry's principal id last. */
  path: string[];
}

export interface AccessEvaluation {
  level: AccessLevel;
  source: 'entry' | 'default';
  contributions: AccessContribution[];
  /** The contribution that decides the level (highest level, then shortest path); null for the default. */
  winning: AccessContribution | null;
}

const levelRank: Record<AccessLevel, number> = { none: 0, read: 1, read_add: 2, edit: 3, manage: 4 };
const NO_ENTRY = -1;

export function isAccessLevel(value: unknown): value is AccessLevel {
  return typeof value === 'string' && (accessLevels as readonly string[]).includes(value);
}

/** Negative if a < b, 0 if equal, positive if a > b. */
export function compareLevels(a: AccessLevel, b: AccessLevel): number {
  return levelRank[a] - levelRank[b];
}

/** The highest of the given levels; `none` when given nothing. */
export function maxLevel(...levels: AccessLevel[]): AccessLevel {
  let best: AccessLevel = 'none';
  for (const level of levels) if (levelRank[level] > levelRank[best]) best = level;
  return best;
}

function levelAtRank(rank: number): AccessLevel {
  return accessLevels[rank] ?? 'none';
}

function buildContainersByMember(memberships: readonly Membership[]): Map<string, string[]> {
  const containersByMember = new Map<string, string[]>();
  for (const { memberId, containerId } of memberships) {
    const containers = containersByMember.get(memberId);
    if (containers) containers.push(containerId);
    else containersByMember.set(memberId, [containerId]);
  }
  return containersByMember;
}

/**
 * Breadth-first search upwards (member -> container) from `start`.
 * Returns for each reachable principal (including `start`) the previous hop of a shortest path.
 */
function shortestPathTree(containersByMember: ReadonlyMap<string, readonly string[]>, start: string): Map<string, string | null> {
  const previous = new Map<string, string | null>([[start, null]]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const current = queue[head] as string;
    for (const container of containersByMember.get(current) ?? []) {
      if (previous.has(container)) continue;
      previous.set(container, current);
      queue.push(container);
    }
  }
  return previous;
}

function pathTo(previous: ReadonlyMap<string, string | null>, target: string): string[] {
  const path: string[] = [];
  for (let node: string | null | undefined = target; node != null; node = previous.get(node)) path.push(node);
  return path.reverse();
}

/**
 * Would adding `newEdge` create a membership cycle? Returns the cycle as a path
 * `[memberId, containerId, ..., memberId]` (each step "is a member of" the next), or null.
 */
export function findCycle(memberships: readonly Membership[], newEdge: Membership): string[] | null {
  if (newEdge.memberId === newEdge.containerId) return [newEdge.memberId, newEdge.containerId];
  const previous = shortestPathTree(buildContainersByMember(memberships), newEdge.containerId);
  if (!previous.has(newEdge.memberId)) return null;
  return [newEdge.memberId, ...pathTo(previous, newEdge.memberId)];
}

export type MembershipProblem =
  | { code: 'unknown_principal'; principalId: string }
  | { code: 'container_is_user'; principalId: string }
  | { code: 'already_member' }
  | { code: 'membership_cycle'; cycle: string[] };

/** Checks a membership before it is added: both principals exist, users contain nobody, no duplicate, no cycle. */
export function checkNewMembership(graph: PrincipalGraph, newEdge: Membership): MembershipProblem | null {
  const kindById = new Map(graph.principals.map((principal) => [principal.id, principal.kind]));
  for (const principalId of [newEdge.memberId, newEdge.containerId]) {
    if (!kindById.has(principalId)) return { code: 'unknown_principal', principalId };
  }
  if (kindById.get(newEdge.containerId) === 'user') return { code: 'container_is_user', principalId: newEdge.containerId };
  const duplicate = graph.memberships.some((m) => m.memberId === newEdge.memberId && m.containerId === newEdge.containerId);
  if (duplicate) return { code: 'already_member' };
  const cycle = findCycle(graph.memberships, newEdge);
  return cycle ? { code: 'membership_cycle', cycle } : null;
}

/** Evaluates rights against one snapshot of the principal graph; build a new one when memberships change. */
export interface AccessEvaluator {
  /** Effective level only (fast path). */
  levelOf(rights: ApplicationRights, userId: string): AccessLevel;
  /** Whether the level comes from entries or from the default, without paths (fast path). */
  resolve(rights: ApplicationRights, userId: string): { level: AccessLevel; source: 'entry' | 'default' };
  /** Full explanation with every applying entry and its shortest membership path. */
  explain(rights: ApplicationRights, userId: string): AccessEvaluation;
  /** The principal itself and every container reachable from it. */
  reachableFrom(principalId: string): ReadonlySet<string>;
}

interface CompiledRights {
  /** Highest entry rank per principal (duplicate entries for one principal collapse to their max). */
  rankByPrincipal: Map<string, number>;
  /** Memo: highest entry rank over the closure of a container, or NO_ENTRY. */
  rankByContainerClosure: Map<string, number>;
}

function compileRights(rights: ApplicationRights): CompiledRights {
  const rankByPrincipal = new Map<string, number>();
  for (const entry of rights.entries) {
    const rank = levelRank[entry.level];
    if (rank > (rankByPrincipal.get(entry.principalId) ?? NO_ENTRY)) rankByPrincipal.set(entry.principalId, rank);
  }
  return { rankByPrincipal, rankByContainerClosure: new Map() };
}

/**
 * Precomputes the reverse memberships and memoises, per container, its closure (itself plus every
 * container above it) and, per application rights object, the best entry rank over that closure.
 * A user's level is then the max of its own entry and the memoised values of its direct containers,
 * so evaluating many users costs O(direct memberships) each.
 * Rights are cached by object identity: pass a new rights object when entries change.
 */
export function createEvaluator(graph: PrincipalGraph): AccessEvaluator {
  const containersByMember = buildContainersByMember(graph.memberships);
  const closureByContainer = new Map<string, string[]>();
  const compiledByRights = new WeakMap<ApplicationRights, CompiledRights>();

  function closureOf(containerId: string): string[] {
    let closure = closureByContainer.get(containerId);
    if (!closure) {
      closure = [...shortestPathTree(containersByMember, containerId).keys()];
      closureByContainer.set(containerId, closure);
    }
    return closure;
  }

  function compiled(rights: ApplicationRights): CompiledRights {
    let result = compiledByRights.get(rights);
    if (!result) {
      result = compileRights(rights);
      compiledByRights.set(rights, result);
    }
    return result;
  }

  function bestRankInClosure(rightsIndex: CompiledRights, containerId: string): number {
    const memo = rightsIndex.rankByContainerClosure.get(containerId);
    if (memo !== undefined) return memo;
    let best = NO_ENTRY;
    if (rightsIndex.rankByPrincipal.size > 0) {
      for (const principalId of closureOf(containerId)) {
        best = Math.max(best, rightsIndex.rankByPrincipal.get(principalId) ?? NO_ENTRY);
      }
    }
    rightsIndex.rankByContainerClosure.set(containerId, best);
    return best;
  }

  function resolve(rights: ApplicationRights, userId: string): { level: AccessLevel; source: 'entry' | 'default' } {
    const rightsIndex = compiled(rights);
    let best = rightsIndex.rankByPrincipal.get(userId) ?? NO_ENTRY;
    for (const containerId of containersByMember.get(userId) ?? []) {
      best = Math.max(best, bestRankInClosure(rightsIndex, containerId));
    }
    return best === NO_ENTRY ? { level: rights.defaultLevel, source: 'default' } : { level: levelAtRank(best), source: 'entry' };
  }

  function explain(rights: ApplicationRights, userId: string): AccessEvaluation {
    const previous = shortestPathTree(containersByMember, userId);
    const contributions = rights.entries
      .filter((entry) => previous.has(entry.principalId))
      .map((entry) => ({ entry, path: pathTo(previous, entry.principalId) }));
    const winning = pickWinning(contributions);
    if (!winning) return { level: rights.defaultLevel, source: 'default', contributions, winning: null };
    return { level: winning.entry.level, source: 'entry', contributions, winning };
  }

  return {
    levelOf: (rights, userId) => resolve(rights, userId).level,
    resolve,
    explain,
    reachableFrom: (principalId) => new Set(shortestPathTree(containersByMember, principalId).keys()),
  };
}

/** Highest level wins; among equals the shortest path, then the earlier entry. */
function pickWinning(contributions: readonly AccessContribution[]): AccessContribution | null {
  let winning: AccessContribution | null = null;
  for (const contribution of contributions) {
    if (!winning) {
      winning = contribution;
      continue;
    }
    const byLevel = compareLevels(contribution.entry.level, winning.entry.level);
    if (byLevel > 0 || (byLevel === 0 && contribution.path.length < winning.path.length)) winning = contribution;
  }
  return winning;
}

/** Convenience for a single evaluation; use `createEvaluator` when evaluating many users. */
export function evaluateAccess(graph: PrincipalGraph, rights: ApplicationRights, userId: string): AccessEvaluation {
  return createEvaluator(graph).explain(rights, userId);
}

/**
 * Effective levels of many users for many applications, stored compactly (one byte per cell):
 * row-major, `userIndex * applicationIds.length + applicationIndex`.
 */
export interface AccessMatrix {
  userIds: readonly string[];
  applicationIds: readonly string[];
  /** Index into `accessLevels`. */
  levelRanks: Uint8Array;
  /** 1 where the level comes from the default for "all other members", else 0. */
  fromDefault: Uint8Array;
  levelAt(userIndex: number, applicationIndex: number): AccessLevel;
  /** Looks a cell up by ids; undefined for an unknown user or application. */
  get(userId: string, applicationId: string): { level: AccessLevel; source: 'entry' | 'default' } | undefined;
}

export function effectiveMatrix(
  evaluator: AccessEvaluator,
  rightsList: readonly ApplicationRights[],
  userIds: readonly string[],
): AccessMatrix {
  const width = rightsList.length;
  const levelRanks = new Uint8Array(userIds.length * width);
  const fromDefault = new Uint8Array(userIds.length * width);
  userIds.forEach((userId, userIndex) => {
    rightsList.forEach((rights, applicationIndex) => {
      const { level, source } = evaluator.resolve(rights, userId);
      const cell = userIndex * width + applicationIndex;
      levelRanks[cell] = levelRank[level];
      fromDefault[cell] = source === 'default' ? 1 : 0;
    });
  });
  const applicationIds = rightsList.map((rights) => rights.applicationId);
  const userIndexById = new Map(userIds.map((id, index) => [id, index]));
  const applicationIndexById = new Map(applicationIds.map((id, index) => [id, index]));
  const levelAt = (userIndex: number, applicationIndex: number) =>
    levelAtRank(levelRanks[userIndex * width + applicationIndex] ?? 0);
  return {
    userIds,
    applicationIds,
    levelRanks,
    fromDefault,
    levelAt,
    get(userId, applicationId) {
      const userIndex = userIndexById.get(userId);
      const applicationIndex = applicationIndexById.get(applicationId);
      if (userIndex === undefined || applicationIndex === undefined) return undefined;
      const source = fromDefault[userIndex * width + applicationIndex] === 1 ? 'default' : 'entry';
      return { level: levelAt(userIndex, applicationIndex), source };
    },
  };
}
