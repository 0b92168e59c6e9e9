import { Readable } from 'node:stream';
import { asc, eq } from 'drizzle-orm';
import {
  compareLevels,
  createEvaluator,
  effectiveMatrix,
  type AccessLevel,
  type AccessEvaluation,
} from '../../common/domain/access';
import type { AccessGraph, ApplicationLaunch, EffectiveRight, EffectiveRights, PrincipalRef } from '../../common/portal-api/rights';
import { readTogether, type PortalExecutor } from '../db/client';
import { users } from '../db/schema';
import { problem } from '../http/problem';
import { readAllApplicationRights, readApplicationRights } from './application-rights';
import { accessGraphOf, loadPrincipalGraph, type LoadedGraph } from './graph';
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

const ROWS_PER_CHUNK = 2_000;

/**
 * The effective level of every user on every application (one row per user), as CSV with a BOM so
 * spreadsheet programs read UTF-8. Computed with `effectiveMatrix`, streamed in chunks.
 */
export async function matrixCsv(db: PortalExecutor): Promise<Readable> {
  const [loaded, allRights, userRows] = await readTogether(db, [
    () => loadPrincipalGraph(db, 'all'),
    () => readAllApplicationRights(db),
    () => db.select({ id: users.id, login: users.login, displayName: users.displayName, enabled: users.enabled }).from(users).orderBy(asc(users.login)),
  ]);
  const matrix = effectiveMatrix(
    createEvaluator(loaded.graph),
    allRights.map((stored) => stored.rights),
    userRows.map((user) => user.id),
  );
  const header = ['login', 'name', 'enabled', ...allRights.map((stored) => stored.doc.applicationName)];
  function* lines(): Generator<string> {
    yield `\uFEFF${header.map(csvField).join(',')}\r\n`;
    for (let start = 0; start < userRows.length; start += ROWS_PER_CHUNK) {
      let chunk = '';
      for (let userIndex = start; userIndex < Math.min(userRows.length, start + ROWS_PER_CHUNK); userIndex++) {
        const user = userRows[userIndex]!;
        const levels = allRights.map((_, applicationIndex) => matrix.levelAt(userIndex, applicationIndex));
        chunk += `${[user.login, user.displayName, String(user.enabled)].map(csvField).join(',')},${levels.map(csvField).join(',')}\r\n`;
      }
      yield chunk;
    }
  }
  return Readable.from(lines());
}
