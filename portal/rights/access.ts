import type { Readable } from 'node:stream';
import { asc, eq, gt, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  compareLevels,
  createEvaluator,
  effectiveMatrix,
  type AccessLevel,
  type AccessEvaluation,
  type Membership,
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
export const MATRIX_BATCH = 2_000;

const MatrixUserEdge = z.object({ member_id: z.string(), container_id: z.string() });

/** The batch's direct memberships (one bind value for any number of ids; the member index answers it). */
async function membershipsOfUsers(db: PortalExecutor, userIds: readonly string[]): Promise<Membership[]> {
  const rows = await selectRows(
    db,
    sql`select member_user_id::text as member_id, container_id::text from principal_members
        where member_user_id = any(string_to_array(${userIds.join(',')}, ',')::uuid[])`,
    MatrixUserEdge,
  );
  return rows.map((row) => ({ memberId: row.member_id, containerId: row.container_id }));
}

async function usersAfter(db: PortalExecutor, login: string | null, limit: number) {
  return db
    .select({ id: users.id, login: users.login, displayName: users.displayName, enabled: users.enabled })
    .from(users)
    .where(login === null ? undefined : gt(users.login, login))
    .orderBy(asc(users.login))
    .limit(limit);
}

/** What every batch shares: the applications' rights (the columns) and the container nesting. */
export interface MatrixPrelude {
  rights: StoredApplicationRights[];
  nesting: Membership[];
}

export async function readMatrixPrelude(db: PortalExecutor): Promise<MatrixPrelude> {
  const [rights, nesting] = await readTogether(db, [() => readAllApplicationRights(db), () => loadNesting(db)]);
  return { rights, nesting };
}

/**
 * The effective level of every user on every application (one row per user, ordered by login), as CSV with a
 * BOM so spreadsheet programs read UTF-8. Users are read by keyset pages of `batch`; each page is evaluated with
 * the nesting and its own memberships (a user's level depends on nothing else) and written before the next is
 * read, so memory stays that of one page however many users there are.
 */
export async function* matrixCsvLines(db: PortalExecutor, prelude: MatrixPrelude, batch = MATRIX_BATCH): AsyncGenerator<string> {
  const rightsList = prelude.rights.map((stored) => stored.rights);
  const header = ['login', 'name', 'enabled', ...prelude.rights.map((stored) => stored.doc.applicationName)];
  yield `\uFEFF${header.map(csvField).join(',')}\r\n`;
  let after: string | null = null;
  for (;;) {
    const page = await usersAfter(db, after, batch);
    if (page.length === 0) return;
    const userIds = page.map((user) => user.id);
    const memberships = [...prelude.nesting, ...(await membershipsOfUsers(db, userIds))];
    const matrix = effectiveMatrix(createEvaluator({ principals: [], memberships }), rightsList, userIds);
    let chunk = '';
    page.forEach((user, userIndex) => {
      const levels = rightsList.map((_, applicationIndex) => matrix.levelAt(userIndex, applicationIndex));
      chunk += `${[user.login, user.displayName, String(user.enabled)].map(csvField).join(',')},${levels.map(csvField).join(',')}\r\n`;
    });
    yield chunk;
    if (page.length < batch) return;
    after = page.at(-1)!.login;
  }
}

/** The matrix CSV as a stream; a failure after the first rows ends it with the stream failure marker and goes to `onError`. */
export function matrixCsv(db: PortalExecutor, prelude: MatrixPrelude, onError: (error: unknown) => void, batch = MATRIX_BATCH): Readable {
  return guardedTextStream(matrixCsvLines(db, prelude, batch), onError);
}
