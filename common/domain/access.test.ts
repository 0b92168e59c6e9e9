import { describe, expect, it } from 'vitest';
import {
  type AccessLevel,
  type ApplicationRights,
  type Membership,
  type Principal,
  type PrincipalGraph,
  type RightsEntry,
  accessLevels,
  checkNewMembership,
  compareLevels,
  createEvaluator,
  effectiveMatrix,
  evaluateAccess,
  findCycle,
  isAccessLevel,
  maxLevel,
} from './access';

const principals: Principal[] = [
  { id: 'anna', kind: 'user', name: 'Anna Berger' },
  { id: 'ben', kind: 'user', name: 'Ben Schulz' },
  { id: 'cara', kind: 'user', name: 'Cara Vogt' },
  { id: 'sales', kind: 'group', name: 'Vertrieb' },
  { id: 'sales-south', kind: 'group', name: 'Vertrieb Süd' },
  { id: 'staff', kind: 'group', name: 'Mitarbeiter' },
  { id: 'editor', kind: 'role', name: 'Redakteur' },
  { id: 'newsletter', kind: 'distribution_list', name: 'Newsletter' },
];

// anna -> sales-south -> sales -> staff ; anna -> editor -> staff (diamond: staff reachable twice)
// ben -> newsletter ; cara -> nothing
const memberships: Membership[] = [
  { memberId: 'anna', containerId: 'sales-south' },
  { memberId: 'sales-south', containerId: 'sales' },
  { memberId: 'sales', containerId: 'staff' },
  { memberId: 'anna', containerId: 'editor' },
  { memberId: 'editor', containerId: 'staff' },
  { memberId: 'ben', containerId: 'newsletter' },
];
const graph: PrincipalGraph = { principals, memberships };

function rights(entries: RightsEntry[], defaultLevel: AccessLevel = 'none'): ApplicationRights {
  return { applicationId: 'crm', entries, defaultLevel };
}

describe('access level lattice', () => {
  it('orders the levels from none to manage', () => {
    for (let i = 1; i < accessLevels.length; i++) {
      expect(compareLevels(accessLevels[i - 1]!, accessLevels[i]!)).toBeLessThan(0);
      expect(compareLevels(accessLevels[i]!, accessLevels[i - 1]!)).toBeGreaterThan(0);
    }
    expect(compareLevels('edit', 'edit')).toBe(0);
  });

  it.each([
    [[], 'none'],
    [['read'], 'read'],
    [['read_add', 'read', 'none'], 'read_add'],
    [['edit', 'manage', 'read'], 'manage'],
  ] as [AccessLevel[], AccessLevel][])('maxLevel(%j) = %s', (levels, expected) => {
    expect(maxLevel(...levels)).toBe(expected);
  });

  it('recognises access levels', () => {
    expect(isAccessLevel('read_add')).toBe(true);
    expect(isAccessLevel('write')).toBe(false);
    expect(isAccessLevel(3)).toBe(false);
  });
});

describe('evaluateAccess', () => {
  const cases: {
    name: string;
    rights: ApplicationRights;
    user: string;
    level: AccessLevel;
    source: 'entry' | 'default';
    winningPath: string[] | null;
  }[] = [
    {
      name: 'entry on a group two levels up applies through nesting',
      rights: rights([{ principalId: 'staff', level: 'read' }]),
      user: 'anna',
      level: 'read',
      source: 'entry',
      winningPath: ['anna', 'editor', 'staff'],
    },
    {
      name: 'conflicting entries: the highest level wins',
      rights: rights([
        { principalId: 'staff', level: 'read' },
        { principalId: 'sales', level: 'edit' },
        { principalId: 'editor', level: 'read_add' },
      ]),
      user: 'anna',
      level: 'edit',
      source: 'entry',
      winningPath: ['anna', 'sales-south', 'sales'],
    },
    {
      name: 'no entry applies: the default for all other members',
      rights: rights([{ principalId: 'sales', level: 'manage' }], 'read'),
      user: 'cara',
      level: 'read',
      source: 'default',
      winningPath: null,
    },
    {
      name: 'direct user entry lower than the default still overrides the default',
      rights: rights([{ principalId: 'cara', level: 'none' }], 'edit'),
      user: 'cara',
      level: 'none',
      source: 'entry',
      winningPath: ['cara'],
    },
    {
      name: 'group entry lower than the default overrides the default for its members',
      rights: rights([{ principalId: 'staff', level: 'read' }], 'edit'),
      user: 'anna',
      level: 'read',
      source: 'entry',
      winningPath: ['anna', 'editor', 'staff'],
    },
    {
      name: 'direct user entry and a higher group entry: the group entry wins',
      rights: rights([
        { principalId: 'anna', level: 'read' },
        { principalId: 'sales', level: 'manage' },
      ]),
      user: 'anna',
      level: 'manage',
      source: 'entry',
      winningPath: ['anna', 'sales-south', 'sales'],
    },
    {
      name: 'role entry applies to role members',
      rights: rights([{ principalId: 'editor', level: 'edit' }]),
      user: 'anna',
      level: 'edit',
      source: 'entry',
      winningPath: ['anna', 'editor'],
    },
    {
      name: 'distribution list entry applies to list members',
      rights: rights([{ principalId: 'newsletter', level: 'read' }], 'none'),
      user: 'ben',
      level: 'read',
      source: 'entry',
      winningPath: ['ben', 'newsletter'],
    },
    {
      name: 'entries for other users do not apply',
      rights: rights([{ principalId: 'ben', level: 'manage' }], 'read'),
      user: 'anna',
      level: 'read',
      source: 'default',
      winningPath: null,
    },
    {
      name: 'equal levels: the shorter path wins',
      rights: rights([
        { principalId: 'staff', level: 'read_add' },
        { principalId: 'sales-south', level: 'read_add' },
      ]),
      user: 'anna',
      level: 'read_add',
      source: 'entry',
      winningPath: ['anna', 'sales-south'],
    },
  ];

  it.each(cases)('$name', ({ rights: appRights, user, level, source, winningPath }) => {
    const result = evaluateAccess(graph, appRights, user);
    expect(result.level).toBe(level);
    expect(result.source).toBe(source);
    expect(result.winning?.path ?? null).toEqual(winningPath);
    const evaluator = createEvaluator(graph);
    expect(evaluator.levelOf(appRights, user)).toBe(level);
    expect(evaluator.resolve(appRights, user)).toEqual({ level, source });
  });

  it('lists every applying entry with its shortest path (diamond: staff via the shorter branch)', () => {
    const result = evaluateAccess(
      graph,
      rights([
        { principalId: 'staff', level: 'read' },
        { principalId: 'sales', level: 'read_add' },
        { principalId: 'ben', level: 'manage' },
      ]),
      'anna',
    );
    expect(result.contributions).toEqual([
      { entry: { principalId: 'staff', level: 'read' }, path: ['anna', 'editor', 'staff'] },
      { entry: { principalId: 'sales', level: 'read_add' }, path: ['anna', 'sales-south', 'sales'] },
    ]);
  });

  it('removing a membership removes the inherited level', () => {
    const appRights = rights([{ principalId: 'sales', level: 'edit' }], 'read');
    expect(evaluateAccess(graph, appRights, 'anna').level).toBe('edit');
    const without = memberships.filter((m) => !(m.memberId === 'sales-south' && m.containerId === 'sales'));
    const after = evaluateAccess({ principals, memberships: without }, appRights, 'anna');
    expect(after).toMatchObject({ level: 'read', source: 'default', contributions: [], winning: null });
  });

  it('evaluates a principal graph that contains a cycle without looping', () => {
    const cyclic: PrincipalGraph = {
      principals,
      memberships: [...memberships, { memberId: 'staff', containerId: 'sales-south' }],
    };
    const appRights = rights([{ principalId: 'sales', level: 'edit' }]);
    expect(evaluateAccess(cyclic, appRights, 'anna').level).toBe('edit');
    expect(createEvaluator(cyclic).levelOf(appRights, 'anna')).toBe('edit');
  });

  it('uses a new rights object after its entries change (cache is per object)', () => {
    const evaluator = createEvaluator(graph);
    const before = rights([{ principalId: 'sales', level: 'read' }]);
    expect(evaluator.levelOf(before, 'anna')).toBe('read');
    const after = { ...before, entries: [{ principalId: 'sales', level: 'manage' as const }] };
    expect(evaluator.levelOf(after, 'anna')).toBe('manage');
  });

  it('reports reachable principals including the principal itself', () => {
    expect([...createEvaluator(graph).reachableFrom('anna')].sort()).toEqual(
      ['anna', 'editor', 'sales', 'sales-south', 'staff'],
    );
  });
});

describe('findCycle / checkNewMembership', () => {
  it.each([
    { name: 'self membership', edge: { memberId: 'sales', containerId: 'sales' }, cycle: ['sales', 'sales'] },
    {
      name: 'top group into a nested one',
      edge: { memberId: 'staff', containerId: 'sales-south' },
      cycle: ['staff', 'sales-south', 'sales', 'staff'],
    },
    { name: 'direct back edge', edge: { memberId: 'sales', containerId: 'sales-south' }, cycle: ['sales', 'sales-south', 'sales'] },
    { name: 'harmless new edge', edge: { memberId: 'sales', containerId: 'editor' }, cycle: null },
    { name: 'sibling in a diamond', edge: { memberId: 'editor', containerId: 'sales' }, cycle: null },
  ])('$name', ({ edge, cycle }) => {
    expect(findCycle(memberships, edge)).toEqual(cycle);
  });

  it.each([
    [{ memberId: 'ghost', containerId: 'sales' }, { code: 'unknown_principal', principalId: 'ghost' }],
    [{ memberId: 'sales', containerId: 'anna' }, { code: 'container_is_user', principalId: 'anna' }],
    [{ memberId: 'anna', containerId: 'editor' }, { code: 'already_member' }],
    [{ memberId: 'staff', containerId: 'sales' }, { code: 'membership_cycle', cycle: ['staff', 'sales', 'staff'] }],
    [{ memberId: 'cara', containerId: 'newsletter' }, null],
  ])('checkNewMembership(%j)', (edge, problem) => {
    expect(checkNewMembership(graph, edge)).toEqual(problem);
  });
});

describe('effectiveMatrix', () => {
  it('holds the level and source of every user and application', () => {
    const crm = { applicationId: 'crm', entries: [{ principalId: 'sales', level: 'edit' as const }], defaultLevel: 'read' as const };
    const wiki = { applicationId: 'wiki', entries: [{ principalId: 'cara', level: 'none' as const }], defaultLevel: 'read_add' as const };
    const matrix = effectiveMatrix(createEvaluator(graph), [crm, wiki], ['anna', 'ben', 'cara']);
    expect(matrix.get('anna', 'crm')).toEqual({ level: 'edit', source: 'entry' });
    expect(matrix.get('ben', 'crm')).toEqual({ level: 'read', source: 'default' });
    expect(matrix.get('cara', 'wiki')).toEqual({ level: 'none', source: 'entry' });
    expect(matrix.get('anna', 'wiki')).toEqual({ level: 'read_add', source: 'default' });
    expect(matrix.levelAt(0, 0)).toBe('edit');
    expect(matrix.get('nobody', 'crm')).toBeUndefined();
    expect(matrix.get('anna', 'unknown-app')).toBeUndefined();
  });

  it('evaluates 100,000 users x 50 applications with 2,000 groups nested 5 deep in seconds', () => {
    const scale = buildLargeScenario(100_000, 50, 2_000, 5);
    const started = performance.now();
    const evaluator = createEvaluator(scale.graph);
    const matrix = effectiveMatrix(evaluator, scale.rightsList, scale.userIds);
    const elapsedMs = performance.now() - started;
    expect(matrix.levelRanks.length).toBe(100_000 * 50);
    // Generous bound for a shared CI machine; typically well under 5 s.
    expect(elapsedMs).toBeLessThan(20_000);
    for (let sample = 0; sample < 200; sample++) {
      const userIndex = (sample * 7919) % scale.userIds.length;
      const applicationIndex = sample % scale.rightsList.length;
      const rightsForApp = scale.rightsList[applicationIndex]!;
      const explained = evaluator.explain(rightsForApp, scale.userIds[userIndex]!);
      expect(matrix.levelAt(userIndex, applicationIndex)).toBe(explained.level);
    }
  });
});

/** Deterministic large graph: groups in chains of `depth` levels, each user in 3 groups, 20 entries per app. */
function buildLargeScenario(userCount: number, appCount: number, groupCount: number, depth: number) {
  let seed = 42;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const groupIds = Array.from({ length: groupCount }, (_, i) => `g${i}`);
  const userIds = Array.from({ length: userCount }, (_, i) => `u${i}`);
  const graphPrincipals: Principal[] = [
    ...groupIds.map((id) => ({ id, kind: 'group' as const, name: id })),
    ...userIds.map((id) => ({ id, kind: 'user' as const, name: id })),
  ];
  const graphMemberships: Membership[] = [];
  const perLevel = groupCount / depth;
  groupIds.forEach((id, i) => {
    const levelIndex = Math.floor(i / perLevel);
    if (levelIndex === 0) return;
    const parentBase = (levelIndex - 1) * perLevel;
    graphMemberships.push({ memberId: id, containerId: `g${parentBase + random(perLevel)}` });
    graphMemberships.push({ memberId: id, containerId: `g${parentBase + random(perLevel)}` });
  });
  for (const userId of userIds) {
    for (let k = 0; k < 3; k++) graphMemberships.push({ memberId: userId, containerId: `g${random(groupCount)}` });
  }
  const rightsList: ApplicationRights[] = Array.from({ length: appCount }, (_, a) => ({
    applicationId: `app${a}`,
    entries: Array.from({ length: 20 }, () => ({
      principalId: random(10) === 0 ? `u${random(userCount)}` : `g${random(groupCount)}`,
      level: accessLevels[random(accessLevels.length)]!,
    })),
    defaultLevel: accessLevels[random(2)]!,
  }));
  return { graph: { principals: graphPrincipals, memberships: graphMemberships }, rightsList, userIds };
}
