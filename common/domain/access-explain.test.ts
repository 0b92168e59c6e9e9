import { describe, expect, it } from 'vitest';
import type { AccessGraph, ApplicationRightsDoc, PrincipalRef } from '../portal-api/rights';
import type { AccessLevel } from './access';
import { explainAccess } from './access-explain';

const ref = (id: string, kind: PrincipalRef['kind'], name: string): PrincipalRef => ({ id, kind, name });
const anna = ref('anna', 'user', 'Anna Berger');
const south = ref('south', 'group', 'Vertrieb Süd');
const sales = ref('sales', 'group', 'Vertrieb');
const staff = ref('staff', 'group', 'Alle Mitarbeiter');
const editors = ref('editors', 'role', 'Redakteure');
const ben = ref('ben', 'user', 'Ben Schulz');

// anna -> south -> sales -> staff ; anna -> editors
const annaGraph: AccessGraph = {
  principalId: 'anna',
  principals: [anna, south, sales, staff, editors],
  memberships: [
    { memberId: 'anna', containerId: 'south' },
    { memberId: 'south', containerId: 'sales' },
    { memberId: 'sales', containerId: 'staff' },
    { memberId: 'anna', containerId: 'editors' },
  ],
};

function doc(defaultLevel: AccessLevel, entries: [PrincipalRef, AccessLevel][]): ApplicationRightsDoc {
  return { applicationId: 'crm', applicationName: 'CRM', defaultLevel, entries: entries.map(([principal, level]) => ({ principal, level })) };
}

const names = (path: PrincipalRef[]) => path.map((step) => step.name);

describe('explainAccess', () => {
  it.each([
    {
      name: 'nested group three levels up',
      rights: doc('none', [[staff, 'read']]),
      graph: annaGraph,
      level: 'read',
      source: 'entry',
      winningPath: ['Anna Berger', 'Vertrieb Süd', 'Vertrieb', 'Alle Mitarbeiter'],
      notApplying: [],
    },
    {
      name: 'conflicting entries: the highest wins, the others still listed',
      rights: doc('none', [
        [staff, 'read'],
        [editors, 'edit'],
        [ben, 'manage'],
      ]),
      graph: annaGraph,
      level: 'edit',
      source: 'entry',
      winningPath: ['Anna Berger', 'Redakteure'],
      notApplying: ['Ben Schulz'],
    },
    {
      name: 'no entry reaches the user: the default for all other members',
      rights: doc('read_add', [[ben, 'manage']]),
      graph: annaGraph,
      level: 'read_add',
      source: 'default',
      winningPath: null,
      notApplying: ['Ben Schulz'],
    },
    {
      name: 'an entry of "none" takes the user out of the default',
      rights: doc('edit', [[sales, 'none']]),
      graph: annaGraph,
      level: 'none',
      source: 'entry',
      winningPath: ['Anna Berger', 'Vertrieb Süd', 'Vertrieb'],
      notApplying: [],
    },
    {
      name: 'after removal from the group the default applies again',
      rights: doc('read', [[sales, 'manage']]),
      graph: { ...annaGraph, memberships: annaGraph.memberships.filter((m) => m.memberId !== 'south') },
      level: 'read',
      source: 'default',
      winningPath: null,
      notApplying: ['Vertrieb'],
    },
  ] as const)('$name', ({ rights, graph, level, source, winningPath, notApplying }) => {
    const explanation = explainAccess(graph, rights);
    expect(explanation).toMatchObject({ applicationName: 'CRM', principal: anna, level, source, defaultLevel: rights.defaultLevel });
    const winning = explanation.contributions.filter((c) => c.winning);
    expect(winning.length).toBe(winningPath === null ? 0 : 1);
    if (winningPath !== null) expect(names(winning[0]!.path)).toEqual(winningPath);
    expect(explanation.notApplying.map((entry) => entry.principal.name)).toEqual(notApplying);
  });

  it('lists every contribution with its own path, in the order of the rights table', () => {
    const explanation = explainAccess(annaGraph, doc('none', [[staff, 'read'], [south, 'read_add']]));
    expect(explanation.contributions.map((c) => [c.principal.name, c.level, names(c.path), c.winning])).toEqual([
      ['Alle Mitarbeiter', 'read', ['Anna Berger', 'Vertrieb Süd', 'Vertrieb', 'Alle Mitarbeiter'], false],
      ['Vertrieb Süd', 'read_add', ['Anna Berger', 'Vertrieb Süd'], true],
    ]);
  });
});
