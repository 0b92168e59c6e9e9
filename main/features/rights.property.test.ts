import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallResult, RightsExplanation } from '../../common/contract';
import { accessLevels, compareLevels, evaluateAccess, type AccessLevel, type PrincipalGraph } from '../../common/domain/access';
import { ApplicationLaunch } from '../../common/portal-api/rights';
import { ConsoleError } from '../../common/errors';
import { applicationAccess, applicationRightsEntries, applications, principalMembers, principals, users } from '../../portal/db/schema';
import { startPortal, type RunningPortal } from '../../portal/server';
import { createBackend, type Backend } from '../backend';
import { EMBEDDED_PROFILE_ID } from '../services/profiles';
import { createMemoryVault } from '../test-support/memory-vault';

// Server enforcement (the portal's launch endpoint, which loads the graph from the database and decides)
// and the console's explainer (main fetches the graph and rights over HTTP and runs the common evaluation)
// must agree on every random graph, and both must match the common evaluation on the generated data.

const USERS = 4;
const CONTAINER_KINDS = ['group', 'group', 'group', 'role', 'distribution_list', 'distribution_list'] as const;
const APPS = 2;

let userDataDir: string;
let backend: Backend;
let portal: RunningPortal;
let run = 0;

async function call<T>(channel: string, request: unknown): Promise<T> {
  const result: CallResult = await backend.dispatch(channel, request);
  if (!result.ok) throw ConsoleError.from(result.error);
  return result.value as T;
}

const nodeCount = USERS + CONTAINER_KINDS.length;
const membershipArb = fc.record({ member: fc.nat(nodeCount - 1), container: fc.integer({ min: USERS, max: nodeCount - 1 }) });
const levelArb = fc.constantFrom(...accessLevels);
const rightsArb = fc.record({
  entries: fc.array(fc.record({ principal: fc.nat(nodeCount - 1), level: levelArb }), { maxLength: 6 }),
  defaultLevel: levelArb,
});
// Cycles are allowed on purpose: the API refuses them, but both sides must agree even on imported data that has one.
const scenarioArb = fc.record({
  memberships: fc.array(membershipArb, { maxLength: 18 }),
  rights: fc.array(rightsArb, { minLength: APPS, maxLength: APPS }),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

interface Written {
  ids: string[];
  applicationIds: string[];
  graph: PrincipalGraph;
  rights: { applicationId: string; defaultLevel: AccessLevel; entries: { principalId: string; level: AccessLevel }[] }[];
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(key(item)) ? false : (seen.add(key(item)), true)));
}

/** Writes the scenario straight into the portal's database under fresh ids and names. */
async function write(scenario: Scenario): Promise<Written> {
  run += 1;
  const ids = Array.from({ length: nodeCount }, () => randomUUID());
  const isUser = (index: number) => index < USERS;
  const edges = uniqueBy(
    scenario.memberships.filter((m) => m.member !== m.container),
    (m) => `${m.member}>${m.container}`,
  );
  const rights = scenario.rights.map((spec) => ({
    applicationId: randomUUID(),
    defaultLevel: spec.defaultLevel,
    entries: uniqueBy(spec.entries, (e) => String(e.principal)).map((e) => ({ principalId: ids[e.principal]!, level: e.level })),
  }));
  await portal.db.transaction(async (tx) => {
    await tx.insert(users).values(ids.slice(0, USERS).map((id, i) => ({ id, login: `prop.${run}.${i}`, displayName: `Prop ${run}/${i}` })));
    await tx.insert(principals).values(CONTAINER_KINDS.map((kind, i) => ({ id: ids[USERS + i]!, kind, name: `prop-${run}-${i}` })));
    if (edges.length > 0) {
      await tx.insert(principalMembers).values(
        edges.map((m) => ({
          containerId: ids[m.container]!,
          memberUserId: isUser(m.member) ? ids[m.member]! : null,
          memberPrincipalId: isUser(m.member) ? null : ids[m.member]!,
        })),
      );
    }
    await tx.insert(applications).values(rights.map((r, i) => ({ id: r.applicationId, name: `prop-app-${run}-${i}` })));
    await tx.insert(applicationAccess).values(rights.map((r) => ({ applicationId: r.applicationId, defaultLevel: r.defaultLevel })));
    const entries = rights.flatMap((r) =>
      r.entries.map((e, position) => {
        const index = ids.indexOf(e.principalId);
        return {
          applicationId: r.applicationId,
          level: e.level,
          position,
          userId: isUser(index) ? e.principalId : null,
          principalId: isUser(index) ? null : e.principalId,
        };
      }),
    );
    if (entries.length > 0) await tx.insert(applicationRightsEntries).values(entries);
  });
  const graph: PrincipalGraph = {
    principals: ids.map((id, i) => ({ id, kind: isUser(i) ? 'user' : CONTAINER_KINDS[i - USERS]!, name: id })),
    memberships: edges.map((m) => ({ memberId: ids[m.member]!, containerId: ids[m.container]! })),
  };
  return { ids, applicationIds: rights.map((r) => r.applicationId), graph, rights };
}

/** The enforcement point: 200 with the level, or 403 access_denied. */
async function enforce(applicationId: string, userId: string): Promise<AccessLevel | 'denied'> {
  try {
    return (await backend.context.session.client().get(`/applications/${applicationId}/launch/${userId}`, ApplicationLaunch)).data.level;
  } catch (error) {
    if (error instanceof ConsoleError && error.code === 'FORBIDDEN' && error.details?.problemCode === 'access_denied') return 'denied';
    throw error;
  }
}

beforeAll(async () => {
  userDataDir = await mkdtemp(join(tmpdir(), 'portal-console-rights-property-'));
  backend = await createBackend({
    userDataDir,
    vault: createMemoryVault(),
    shell: 'browser',
    appVersion: '0.0.0-test',
    embeddedPortal: async () => {
      portal = await startPortal({ memory: true, demo: true, environment: 'dev' });
      return { url: portal.url, spki: portal.spki, stop: () => portal.close() };
    },
  });
  await backend.embedded;
  await call('session:signIn', { profileId: EMBEDDED_PROFILE_ID, login: 'admin', password: 'Admin-Portal-2026', remember: false });
});

afterAll(async () => {
  await backend?.close();
  await rm(userDataDir, { recursive: true, force: true });
});

describe('server enforcement and console explainer', () => {
  it('agree with each other and with the common evaluation on random graphs', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        const written = await write(scenario);
        for (const [appIndex, applicationId] of written.applicationIds.entries()) {
          for (const userId of written.ids.slice(0, USERS)) {
            const expected = evaluateAccess(written.graph, written.rights[appIndex]!, userId);
            const explained = await call<RightsExplanation>('rights:explain', { applicationId, userId });
            const enforced = await enforce(applicationId, userId);

            expect(explained.level).toBe(expected.level);
            expect(explained.source).toBe(expected.source);
            expect(explained.enforced).toMatchObject({ level: expected.level, source: expected.source });
            expect(enforced).toBe(compareLevels(expected.level, 'read') >= 0 ? expected.level : 'denied');
            const winning = explained.contributions.find((c) => c.winning);
            expect(winning?.path.map((step) => step.id) ?? null).toEqual(expected.winning?.path ?? null);
          }
        }
      }),
      { numRuns: 30 },
    );
  }, 180_000);
});
