import { Agent, request } from 'undici';
import {
  accessLevels,
  createEvaluator,
  effectiveMatrix,
  evaluateAccess,
  type ApplicationRights,
  type Membership,
  type Principal,
  type PrincipalGraph,
} from '../common/domain/access';
import { applicationAccess, applicationRightsEntries, applications, principalMembers, principals, users } from '../portal/db/schema';
import { startPortal, type RunningPortal } from '../portal/server';
import { summarise, timed } from './stats';

// Issue 4: effective-rights evaluation for 100,000 users x 50 applications with 2,000 groups nested 5 deep.
// In memory (the common evaluation alone) and through the portal (PGlite, HTTPS): one decision, one
// explanation's data, and the whole matrix as CSV.

const USERS = 100_000;
const APPS = 50;
const GROUPS = 2_000;
const DEPTH = 5;
const MEMBERSHIPS_PER_USER = 3;
const ENTRIES_PER_APP = 20;
const INSERT_BATCH = 5_000;

interface Scenario {
  graph: PrincipalGraph;
  rightsList: ApplicationRights[];
  userIds: string[];
  groupIds: string[];
}

function lcg(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
}

/** Deterministic: groups in DEPTH levels (each group in 2 groups of the level above), each user in 3 groups, 20 entries per app. */
export function buildScenario(uuid: (kind: string, index: number) => string): Scenario {
  const random = lcg(42);
  const groupIds = Array.from({ length: GROUPS }, (_, i) => uuid('g', i));
  const userIds = Array.from({ length: USERS }, (_, i) => uuid('u', i));
  const graphPrincipals: Principal[] = [
    ...groupIds.map((id, i) => ({ id, kind: 'group' as const, name: `Gruppe ${i}` })),
    ...userIds.map((id, i) => ({ id, kind: 'user' as const, name: `Benutzer ${i}` })),
  ];
  const memberships: Membership[] = [];
  const perLevel = GROUPS / DEPTH;
  groupIds.forEach((id, i) => {
    const level = Math.floor(i / perLevel);
    if (level === 0) return;
    const parents = new Set([random(perLevel), random(perLevel)].map((k) => groupIds[(level - 1) * perLevel + k]!));
    for (const parent of parents) memberships.push({ memberId: id, containerId: parent });
  });
  for (const userId of userIds) {
    const containers = new Set(Array.from({ length: MEMBERSHIPS_PER_USER }, () => groupIds[random(GROUPS)]!));
    for (const containerId of containers) memberships.push({ memberId: userId, containerId });
  }
  const rightsList = Array.from({ length: APPS }, (_, a) => {
    const entries = new Map<string, (typeof accessLevels)[number]>();
    while (entries.size < ENTRIES_PER_APP) {
      const principalId = random(10) === 0 ? userIds[random(USERS)]! : groupIds[random(GROUPS)]!;
      entries.set(principalId, accessLevels[random(accessLevels.length)]!);
    }
    return {
      applicationId: uuid('a', a),
      entries: [...entries].map(([principalId, level]) => ({ principalId, level })),
      defaultLevel: accessLevels[random(2)]!,
    };
  });
  return { graph: { principals: graphPrincipals, memberships }, rightsList, userIds, groupIds };
}

/** Stable UUID-shaped ids so the same scenario can be written to the portal's database. */
export function fakeUuid(kind: string, index: number): string {
  const prefix = { g: '1', u: '2', a: '3' }[kind] ?? '9';
  return `${prefix}0000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

function benchInMemory(scenario: Scenario): void {
  const cells = USERS * APPS;
  console.log(`scenario: ${USERS} users, ${GROUPS} groups in ${DEPTH} levels, ${APPS} applications x ${ENTRIES_PER_APP} entries, ${scenario.graph.memberships.length} memberships`);

  const build = performance.now();
  const evaluator = createEvaluator(scenario.graph);
  console.log(`createEvaluator (index the graph): ${(performance.now() - build).toFixed(1)} ms`);

  const matrixRuns: number[] = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    effectiveMatrix(createEvaluator(scenario.graph), scenario.rightsList, scenario.userIds);
    matrixRuns.push(performance.now() - started);
  }
  const matrix = summarise(`whole matrix (${cells.toLocaleString('en')} cells, fresh evaluator each run)`, matrixRuns);
  console.log(`  = ${((matrix.p50 * 1e6) / cells).toFixed(0)} ns per cell, ${(cells / (matrix.p50 / 1000) / 1e6).toFixed(1)} M cells/s`);

  const random = lcg(7);
  const samples = 200_000;
  const started = performance.now();
  for (let i = 0; i < samples; i++) evaluator.levelOf(scenario.rightsList[random(APPS)]!, scenario.userIds[random(USERS)]!);
  const perDecision = ((performance.now() - started) * 1e6) / samples;
  console.log(`single decision (levelOf, warm evaluator): ${perDecision.toFixed(0)} ns mean over ${samples} random cells`);

  const explains: number[] = [];
  for (let i = 0; i < 2_000; i++) {
    const t0 = performance.now();
    evaluator.explain(scenario.rightsList[random(APPS)]!, scenario.userIds[random(USERS)]!);
    explains.push(performance.now() - t0);
  }
  summarise('single explanation (explain with paths, warm evaluator)', explains);

  // What the console does: evaluateAccess on the user's own upward graph (built fresh per call).
  const subgraphExplains: number[] = [];
  for (let i = 0; i < 2_000; i++) {
    const userId = scenario.userIds[random(USERS)]!;
    const reached = evaluator.reachableFrom(userId);
    const graph = {
      principals: scenario.graph.principals.filter((p) => p.kind === 'group' && reached.has(p.id)),
      memberships: scenario.graph.memberships.filter((m) => reached.has(m.memberId)),
    };
    const t0 = performance.now();
    evaluateAccess(graph, scenario.rightsList[random(APPS)]!, userId);
    subgraphExplains.push(performance.now() - t0);
  }
  summarise("single explanation on the user's upward graph (evaluateAccess, as the console runs it)", subgraphExplains);
  console.log(`ratio whole matrix / (cells x single decision): ${(matrix.p50 / ((cells * perDecision) / 1e6)).toFixed(2)}`);
}

export async function seedPortal(portal: RunningPortal, scenario: Scenario): Promise<void> {
  const groupIndex = new Set(scenario.groupIds);
  await portal.db.transaction(async (tx) => {
    for (let start = 0; start < GROUPS; start += INSERT_BATCH) {
      await tx.insert(principals).values(scenario.groupIds.slice(start, start + INSERT_BATCH).map((id, i) => ({ id, kind: 'group' as const, name: `Bench-Gruppe ${start + i}` })));
    }
    for (let start = 0; start < USERS; start += INSERT_BATCH) {
      await tx.insert(users).values(
        scenario.userIds.slice(start, start + INSERT_BATCH).map((id, i) => ({ id, login: `bench.${start + i}`, displayName: `Bench ${start + i}` })),
      );
    }
    const edges = scenario.graph.memberships;
    for (let start = 0; start < edges.length; start += INSERT_BATCH) {
      await tx.insert(principalMembers).values(
        edges.slice(start, start + INSERT_BATCH).map((m) => ({
          containerId: m.containerId,
          memberUserId: groupIndex.has(m.memberId) ? null : m.memberId,
          memberPrincipalId: groupIndex.has(m.memberId) ? m.memberId : null,
        })),
      );
    }
    await tx.insert(applications).values(scenario.rightsList.map((r, i) => ({ id: r.applicationId, name: `Bench-Anwendung ${i}` })));
    await tx.insert(applicationAccess).values(scenario.rightsList.map((r) => ({ applicationId: r.applicationId, defaultLevel: r.defaultLevel })));
    await tx.insert(applicationRightsEntries).values(
      scenario.rightsList.flatMap((r) =>
        r.entries.map((e, position) => ({
          applicationId: r.applicationId,
          level: e.level,
          position,
          userId: groupIndex.has(e.principalId) ? null : e.principalId,
          principalId: groupIndex.has(e.principalId) ? e.principalId : null,
        })),
      ),
    );
  });
}

async function benchPortal(scenario: Scenario): Promise<void> {
  const portal = await startPortal({ memory: true, demo: true, rateLimit: { max: 1_000_000, windowMs: 60_000 } });
  const dispatcher = new Agent({ connect: { rejectUnauthorized: false } });
  try {
    const seeded = await timed(() => seedPortal(portal, scenario));
    console.log(`portal: seeded ${USERS} users, ${GROUPS} groups, ${scenario.graph.memberships.length} memberships into PGlite in ${(seeded.ms / 1000).toFixed(1)} s`);
    const login = await request(new URL('/api/v1/sessions', portal.url), {
      method: 'POST',
      dispatcher,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'admin', password: 'Admin-Portal-2026' }),
    });
    const { token } = (await login.body.json()) as { token: string };
    const get = async (path: string) => {
      const response = await request(new URL(`/api/v1${path}`, portal.url), { dispatcher, headers: { authorization: `Bearer ${token}` } });
      const text = await response.body.text();
      if (response.statusCode >= 400 && response.statusCode !== 403) throw new Error(`${path}: ${response.statusCode} ${text}`);
      return text;
    };
    const random = lcg(11);
    const pick = () => ({ app: scenario.rightsList[random(APPS)]!.applicationId, user: scenario.userIds[random(USERS)]! });
    for (let i = 0; i < 20; i++) await get(`/applications/${pick().app}/access/${pick().user}`);

    const decisions: number[] = [];
    for (let i = 0; i < 300; i++) {
      const { app, user } = pick();
      decisions.push((await timed(() => get(`/applications/${app}/access/${user}`))).ms);
    }
    summarise('portal decision GET /applications/:id/access/:userId (HTTPS, keep-alive)', decisions);
    const launches: number[] = [];
    for (let i = 0; i < 300; i++) {
      const { app, user } = pick();
      launches.push((await timed(() => get(`/applications/${app}/launch/${user}`))).ms);
    }
    summarise('portal enforcement GET /applications/:id/launch/:userId (200 or 403)', launches);
    const explainData: number[] = [];
    for (let i = 0; i < 100; i++) {
      const { app, user } = pick();
      explainData.push((await timed(() => Promise.all([get(`/rights/graph/${user}`), get(`/applications/${app}/rights`)]))).ms);
    }
    summarise("explanation data (user's graph + application rights, in parallel)", explainData);

    const csv = await timed(() => get('/rights/matrix.csv'));
    const lines = csv.value.split('\r\n').length - 2;
    console.log(`portal matrix CSV: ${lines} user rows x ${APPS + 1} applications in ${(csv.ms / 1000).toFixed(2)} s (${(csv.value.length / 1e6).toFixed(1)} MB)`);
  } finally {
    await dispatcher.close();
    await portal.close();
  }
}

export async function benchRights(): Promise<void> {
  const scenario = buildScenario(fakeUuid);
  benchInMemory(scenario);
  await benchPortal(scenario);
}
