import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AccessLevel,
  type ApplicationRights,
  type Membership,
  type PrincipalGraph,
  accessLevels,
  createEvaluator,
  effectiveMatrix,
  evaluateAccess,
  findCycle,
} from './access';

const USERS = ['u0', 'u1', 'u2', 'u3'];
const CONTAINERS = ['g0', 'g1', 'g2', 'g3', 'r0', 'r1', 'd0', 'd1'];
const ALL = [...USERS, ...CONTAINERS];

const membershipArb: fc.Arbitrary<Membership> = fc.record({
  memberId: fc.constantFrom(...ALL),
  containerId: fc.constantFrom(...CONTAINERS),
});
const levelArb = fc.constantFrom(...accessLevels);
const rightsArb: fc.Arbitrary<ApplicationRights> = fc.record({
  applicationId: fc.constant('app'),
  entries: fc.array(fc.record({ principalId: fc.constantFrom(...ALL), level: levelArb }), { maxLength: 6 }),
  defaultLevel: levelArb,
});
// Cycles are allowed here on purpose: evaluation must stay correct and terminate even on corrupt data.
const graphArb: fc.Arbitrary<PrincipalGraph> = fc.array(membershipArb, { maxLength: 20 }).map((memberships) => ({
  principals: ALL.map((id) => ({
    id,
    kind: id.startsWith('u') ? 'user' : id.startsWith('g') ? 'group' : id.startsWith('r') ? 'role' : 'distribution_list',
    name: id,
  })),
  memberships,
}));

/** Reference: hop distance from the user to every reachable principal, by fixpoint relaxation over the edge list. */
function referenceDistances(memberships: readonly Membership[], userId: string): Map<string, number> {
  const distance = new Map<string, number>([[userId, 0]]);
  let changed = true;
  while (changed) {
    changed = false;
    for (const { memberId, containerId } of memberships) {
      const from = distance.get(memberId);
      if (from === undefined) continue;
      const current = distance.get(containerId);
      if (current === undefined || from + 1 < current) {
        distance.set(containerId, from + 1);
        changed = true;
      }
    }
  }
  return distance;
}

function referenceLevel(graph: PrincipalGraph, rights: ApplicationRights, userId: string): AccessLevel {
  const reachable = referenceDistances(graph.memberships, userId);
  const applying = rights.entries.filter((entry) => reachable.has(entry.principalId));
  if (applying.length === 0) return rights.defaultLevel;
  return applying.map((entry) => entry.level).reduce((a, b) => (accessLevels.indexOf(a) >= accessLevels.indexOf(b) ? a : b));
}

function isMembershipPath(memberships: readonly Membership[], path: readonly string[]): boolean {
  for (let i = 1; i < path.length; i++) {
    if (!memberships.some((m) => m.memberId === path[i - 1] && m.containerId === path[i])) return false;
  }
  return true;
}

describe('access evaluation properties', () => {
  it('matches the naive reference and reports real shortest membership paths', () => {
    fc.assert(
      fc.property(graphArb, rightsArb, fc.constantFrom(...USERS), (graph, rights, userId) => {
        const result = evaluateAccess(graph, rights, userId);
        expect(result.level).toBe(referenceLevel(graph, rights, userId));
        expect(createEvaluator(graph).levelOf(rights, userId)).toBe(result.level);

        const distances = referenceDistances(graph.memberships, userId);
        const applying = rights.entries.filter((entry) => distances.has(entry.principalId));
        expect(result.contributions.map((c) => c.entry)).toEqual(applying);
        expect(result.source).toBe(applying.length > 0 ? 'entry' : 'default');
        for (const { entry, path } of result.contributions) {
          expect(path[0]).toBe(userId);
          expect(path[path.length - 1]).toBe(entry.principalId);
          expect(isMembershipPath(graph.memberships, path)).toBe(true);
          expect(path.length - 1).toBe(distances.get(entry.principalId));
        }
        if (result.winning) expect(result.winning.entry.level).toBe(result.level);
      }),
      { numRuns: 500 },
    );
  });

  it('effectiveMatrix agrees with evaluateAccess for every cell', () => {
    fc.assert(
      fc.property(graphArb, fc.array(rightsArb, { minLength: 1, maxLength: 4 }), (graph, rightsList) => {
        const matrix = effectiveMatrix(createEvaluator(graph), rightsList, USERS);
        USERS.forEach((userId, userIndex) => {
          rightsList.forEach((rights, applicationIndex) => {
            const expected = evaluateAccess(graph, rights, userId);
            expect(matrix.levelAt(userIndex, applicationIndex)).toBe(expected.level);
            expect(matrix.fromDefault[userIndex * rightsList.length + applicationIndex]).toBe(expected.source === 'default' ? 1 : 0);
          });
        });
      }),
      { numRuns: 200 },
    );
  });

  it('findCycle finds a real cycle exactly when the new edge closes one', () => {
    fc.assert(
      fc.property(graphArb, membershipArb, (graph, edge) => {
        const cycle = findCycle(graph.memberships, edge);
        const closesCycle = referenceDistances(graph.memberships, edge.containerId).has(edge.memberId);
        expect(cycle !== null).toBe(closesCycle);
        if (cycle) {
          expect(cycle[0]).toBe(edge.memberId);
          expect(cycle[1]).toBe(edge.containerId);
          expect(cycle[cycle.length - 1]).toBe(edge.memberId);
          expect(isMembershipPath([...graph.memberships, edge], cycle)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
