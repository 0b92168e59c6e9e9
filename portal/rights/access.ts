import type { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  compareLevels,
  createEvaluator,
  type AccessEvaluation,
  type AccessEvaluator,
  type AccessLevel,
  type ApplicationRights,
} from '../../common/domain/access';
import type { AccessGraph, ApplicationLaunch, EffectiveRight, EffectiveRights, PrincipalRef } from '../../common/portal-api/rights';
import { readTogether, type PortalExecutor } from '../db/client';
import { users } from '../db/schema';
import { problem } from '../http/problem';
import { guardedTextStream } from '../http/guarded-stream';
import { readAllApplicationRights, readApplicationRights, type StoredApplicationRights } from './application-rights';
import { accessGraphOf, loadNesting, loadPrincipalGraph, type LoadedGraph } from './graph';
import { selectRows } from './paging';
import { findMember } from './principals';
import { safeCsvCell } from '../../common/domain/csv-cell';

/**
 * The portal's enforcement: every decision goes through the common evaluation (common/domain/access.ts),
 * the same function the console's explainer runs.
 */

export interface Decision {
  level: AccessLevel;
  source: 'entry' | 'default';
  enabled: boolean;
}

async function findUser(db: PortalExecutor, userId: string) {
  const [user] = await db.select({ id: users.id, enabled: users.enabled }).from(users).where(eq(users.id, userId)).limit(1);
  if (user === undefined) throw problem(404, 'Not Found', { code: 'user_not_found', detail: `There is no user ${userId}.` });
  return user;
}

async function graphFor(db: PortalExecutor, principal: PrincipalRef): Promise<LoadedGraph> {
  return principal.kind === 'user'
    ? loadPrincipalGraph(db, { userIds: [principal.id] })
    : loadPrincipalGraph(db, { userIds: [], principalIds: [principal.id] });
}

/** The effective level of a user on an application, as the portal enforces it. */
export async function decideAccess(db: PortalExecutor, applicationId: string, userId: string): Promise<Decision & { applicationName: string }> {
  const user = await findUser(db, userId);
  const [stored, loaded] = await readTogether(db, [
    () => readApplicationRights(db, applicationId),
    () => loadPrincipalGraph(db, { userIds: [userId] }),
  ]);
  const { level, source } = createEvaluator(loaded.graph).resolve(stored.rights, userId);
  return { level, source, enabled: user.enabled, applicationName: stored.doc.applicationName };
}

export function meetsLevel(level: AccessLevel, required: AccessLevel): boolean {
  return compareLevels(level, required) >= 0;
}

export function capabilitiesOf(level: AccessLevel): ApplicationLaunch['capabilities'] {
  return {
    read: meetsLevel(level, 'read'),
    addOwn: meetsLevel(level, 'read_add'),
    editAll: meetsLevel(level, 'edit'),
    manageRights: meetsLevel(level, 'manage'),
  };
}

/** The enforcement point the portal front end calls before it opens an application for a member. */
export async function launchApplication(db: PortalExecutor, applicationId: string, userId: string): Promise<ApplicationLaunch> {
  const decision = await decideAccess(db, applicationId, userId);
  if (!decision.enabled) throw problem(403, 'Forbidden', { code: 'account_disabled', detail: 'The member account is disabled.' });
  if (!meetsLevel(decision.level, 'read')) {
    throw problem(403, 'Forbidden', {
      code: 'access_denied',
      detail: `The member has no access to "${decision.applicationName}" (effective level: ${decision.level}, from ${decision.source === 'default' ? 'the default for all other members' : 'a rights entry'}).`,
    });
  }
  return { applicationId, name: decision.applicationName, level: decision.level, capabilities: capabilitiesOf(decision.level) };
}

export async function accessGraph(db: PortalExecutor, principalId: string): Promise<AccessGraph> {
  const principal = await findMember(db, principalId, 'principal_not_found');
  return accessGraphOf(await graphFor(db, principal), principalId);
}

function effectiveRight(application: { id: string; name: string }, evaluation: AccessEvaluation, refs: LoadedGraph['refs']): EffectiveRight {
  const winning = evaluation.winning;
  return {
    applicationId: application.id,
    applicationName: application.name,
    level: evaluation.level,
    source: evaluation.source,
    winning:
      winning === null
        ? null
        : {
            level: winning.entry.level,
            path: winning.path.map((id) => refs.get(id) ?? { id, kind: 'group' as const, name: id }),
          },
  };
}

/** Per application: the principal's effective level and the entry (with its membership path) that decided it. */
export async function effectiveRightsOf(db: PortalExecutor, principalId: string): Promise<EffectiveRights> {
  const principal = await findMember(db, principalId, 'principal_not_found');
  const [loaded, allRights] = await readTogether(db, [() => graphFor(db, principal), () => readAllApplicationRights(db)]);
  const evaluator = createEvaluator(loaded.graph);
  return {
    principal,
    applications: allRights.map(({ doc, rights }) =>
      effectiveRight({ id: doc.applicationId, name: doc.applicationName }, evaluator.explain(rights, principalId), loaded.refs),
    ),
  };
}

/** One cell of the matrix: safe under "," and ";" splitting (see common/domain/csv-cell.ts). */
export const csvField = safeCsvCell;

/** Users read, evaluated and written per batch: the matrix never sits in memory whole. */
export const MATRIX_BATCH = 10_000;

const MatrixUserRow = z.object({ id: z.string(), login: z.string(), display_name: z.string(), enabled: z.boolean(), containers: z.string() });

/**
 * The next page of users by login, each with the containers it is a direct member of. The page is cut first
 * (login order, no index: one top-N sort), then only its rows look up their memberships (member index).
 */
async function usersAfter(db: PortalExecutor, login: string | null, limit: number) {
  return selectRows(
    db,
    sql`select u.id::text, u.login, u.display_name, u.enabled,
          coalesce((select string_agg(pm.container_id::text, ',') from principal_members pm where pm.member_user_id = u.id), '') as containers
        from (select id, login, display_name, enabled from users ${login === null ? sql`` : sql`where login > ${login}`} order by login limit ${limit}) u
        order by u.login`,
    MatrixUserRow,
  );
}

/** What every page shares: the applications' rights (the columns) and an evaluator over the container nesting. */
export interface MatrixPrelude {
  rights: StoredApplicationRights[];
  nesting: AccessEvaluator;
}

export async function readMatrixPrelude(db: PortalExecutor): Promise<MatrixPrelude> {
  const [rights, nesting] = await readTogether(db, [() => readAllApplicationRights(db), () => loadNesting(db)]);
  return { rights, nesting: createEvaluator({ principals: [], memberships: nesting }) };
}

/**
 * A user's level on one application, as `resolve` gives it on the whole graph: the best entry on the user or on
 * any container reached through its direct containers, else the default. On the nesting alone, resolving a
 * container gives the best entry on it and everything above it, so the users' memberships need not be in the
 * graph: one evaluator serves every page, and each container is resolved once per application.
 */
function memberLevels(nesting: AccessEvaluator, rights: ApplicationRights): (userId: string, containerIds: readonly string[]) => AccessLevel {
  const bestByContainer = new Map<string, AccessLevel | null>();
  const entryLevel = (principalId: string): AccessLevel | null => {
    const resolved = nesting.resolve(rights, principalId);
    return resolved.source === 'entry' ? resolved.level : null;
  };
  return (userId, containerIds) => {
    let best = entryLevel(userId);
    for (const containerId of containerIds) {
      let reached = bestByContainer.get(containerId);
      if (reached === undefined) bestByContainer.set(containerId, (reached = entryLevel(containerId)));
      if (reached !== null && (best === null || compareLevels(reached, best) > 0)) best = reached;
    }
    return best ?? rights.defaultLevel;
  };
}

/**
 * The effective level of every user on every application (one row per user, ordered by login), as CSV with a
 * BOM so spreadsheet programs read UTF-8. Users are read by keyset pages of `batch` and each page is written
 * before the next is read, so memory stays that of one page however many users there are.
 */
export async function* matrixCsvLines(db: PortalExecutor, prelude: MatrixPrelude, batch = MATRIX_BATCH): AsyncGenerator<string> {
  const columns = prelude.rights.map((stored) => memberLevels(prelude.nesting, stored.rights));
  const header = ['login', 'name', 'enabled', ...prelude.rights.map((stored) => stored.doc.applicationName)];
  yield `\uFEFF${header.map(csvField).join(',')}\r\n`;
  let after: string | null = null;
  for (;;) {
    const page = await usersAfter(db, after, batch);
    if (page.length === 0) return;
    let chunk = '';
    for (const user of page) {
      const containerIds = user.containers === '' ? [] : user.containers.split(',');
      const levels = columns.map((levelOf) => levelOf(user.id, containerIds));
      chunk += `${[user.login, user.display_name, String(user.enabled)].map(csvField).join(',')},${levels.map(csvField).join(',')}\r\n`;
    }
    yield chunk;
    if (page.length < batch) return;
    after = page.at(-1)!.login;
  }
}

/** The matrix CSV as a stream; a failure after the first rows ends it with the stream failure marker and goes to `onError`. */
export function matrixCsv(db: PortalExecutor, prelude: MatrixPrelude, onError: (error: unknown) => void, batch = MATRIX_BATCH): Readable {
  return guardedTextStream(matrixCsvLines(db, prelude, batch), onError);
}
