import { and, eq } from 'drizzle-orm';
import { MAX_DEFERRAL_MONTHS, validateDeferral, type DeferralCheck } from '../../common/domain/deferral';
import type { ChangeDeferralRequest, CreateDeferralRequest } from '../../common/portal-api/updates';
import { recordAudit } from '../audit';
import type { Actor } from '../auth/require-admin';
import type { PortalDb, PortalExecutor } from '../db/client';
import { updateDeferrals, type DeferralRow, type ReleaseRow } from '../db/schema';
import { problem, type ProblemError } from '../http/problem';
import { readPortalSettings } from '../settings';
import { deferralEtag, findRelease, toDeferral, type ReleaseWithState } from './releases';

/** Throws 428/412 when the request's If-Match does not name `etag` (routes pass checkIfMatch bound to the request). */
export type Precondition = (etag: string, current: unknown) => void;

export interface DeferralChangeContext {
  db: PortalDb;
  actor: Actor;
  now: Date;
}

/** Maps a refused deferral to the problem the client sees: 422, with the field and the limit named. */
export function deferralRefusal(check: Exclude<DeferralCheck, { ok: true }>): ProblemError {
  switch (check.code) {
    case 'not_deferrable_security':
      return problem(422, 'Unprocessable Content', {
        code: 'not_deferrable_security',
        detail: 'Security releases are never deferrable: they are applied in the next maintenance window.',
      });
    case 'not_deferrable_minor':
      return problem(422, 'Unprocessable Content', {
        code: 'not_deferrable_minor',
        detail: "Minor releases follow the portal's release track and cannot be deferred one by one.",
      });
    case 'in_past':
      return problem(422, 'Unprocessable Content', {
        code: 'deferral_in_past',
        detail: 'The end of a deferral must lie in the future.',
        errors: [{ path: 'until', message: 'Must lie in the future' }],
      });
    case 'beyond_limit': {
      const limit = check.limit.toISOString();
      return problem(422, 'Unprocessable Content', {
        code: 'deferral_beyond_limit',
        detail:
          `A major release must be applied at most ${MAX_DEFERRAL_MONTHS} months after its release, here by ${check.deadline.toISOString()}. ` +
          `It is applied in the first monthly maintenance window at or after the end of its deferral, so the deferral may end at ${limit} at the latest (the start of the last window before then).`,
        errors: [{ path: 'until', message: `At most ${limit}` }],
      });
    }
  }
}

function releaseNotFound(): ProblemError {
  return problem(404, 'Not Found', { code: 'release_not_found', detail: 'There is no release with this id.' });
}

function deferralNotFound(): ProblemError {
  return problem(404, 'Not Found', { code: 'deferral_not_found', detail: 'This release is not deferred.' });
}

function assertNotApplied(state: ReleaseWithState, consequence: string): void {
  if (state.appliedAt !== null) {
    throw problem(409, 'Conflict', {
      code: 'release_already_applied',
      detail: `Release ${state.release.version} was already applied on ${state.appliedAt.toISOString()}; ${consequence}`,
    });
  }
}

const NO_LONGER_DEFERRABLE = 'it cannot be deferred any more.';

async function assertDeferrable(tx: PortalExecutor, release: ReleaseRow, until: Date, now: Date): Promise<void> {
  const { timeZone } = await readPortalSettings(tx);
  const check = validateDeferral({ release, until, now, zone: timeZone });
  if (!check.ok) throw deferralRefusal(check);
}

async function requireRelease(tx: PortalExecutor, releaseId: string): Promise<ReleaseWithState> {
  const state = await findRelease(tx, releaseId);
  if (state === undefined) throw releaseNotFound();
  return state;
}

function auditSnapshot(release: ReleaseRow, row: DeferralRow) {
  return { release: release.version, until: row.until.toISOString(), reason: row.reason };
}

/** Defers a major release (one deferral per release): 404, 409 (applied, already deferred), 422 (rules). */
export async function createDeferral(ctx: DeferralChangeContext, releaseId: string, input: CreateDeferralRequest): Promise<DeferralRow> {
  const until = new Date(input.until);
  return ctx.db.transaction(async (tx) => {
    const state = await requireRelease(tx, releaseId);
    assertNotApplied(state, NO_LONGER_DEFERRABLE);
    await assertDeferrable(tx, state.release, until, ctx.now);
    if (state.deferral !== null) {
      throw problem(409, 'Conflict', {
        code: 'deferral_exists',
        detail: `Release ${state.release.version} is already deferred; change that deferral instead.`,
      });
    }
    const [row] = await tx
      .insert(updateDeferrals)
      .values({ releaseId, until, reason: input.reason, createdBy: ctx.actor.login, updatedBy: ctx.actor.login, createdAt: ctx.now, updatedAt: ctx.now })
      .returning();
    if (row === undefined) throw new Error('deferral insert returned no row');
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'update.deferral_create',
      targetType: 'release',
      targetId: releaseId,
      after: auditSnapshot(state.release, row),
      at: ctx.now,
    });
    return row;
  });
}

async function requireDeferral(tx: PortalExecutor, releaseId: string, precondition: Precondition) {
  const state = await requireRelease(tx, releaseId);
  if (state.deferral === null) throw deferralNotFound();
  precondition(deferralEtag(state.deferral), toDeferral(state.deferral));
  return { ...state, deferral: state.deferral };
}

/** Moves the end of a deferral (If-Match), within the same limit as when it was created. */
export async function changeDeferral(
  ctx: DeferralChangeContext,
  releaseId: string,
  input: ChangeDeferralRequest,
  precondition: Precondition,
): Promise<DeferralRow> {
  const until = new Date(input.until);
  return ctx.db.transaction(async (tx) => {
    const state = await requireDeferral(tx, releaseId, precondition);
    assertNotApplied(state, NO_LONGER_DEFERRABLE);
    await assertDeferrable(tx, state.release, until, ctx.now);
    const [row] = await tx
      .update(updateDeferrals)
      .set({
        until,
        reason: input.reason ?? state.deferral.reason,
        updatedBy: ctx.actor.login,
        updatedAt: ctx.now,
        version: state.deferral.version + 1,
      })
      .where(and(eq(updateDeferrals.id, state.deferral.id), eq(updateDeferrals.version, state.deferral.version)))
      .returning();
    if (row === undefined) throw problem(412, 'Precondition Failed', { code: 'etag_mismatch', detail: 'The deferral was changed concurrently.' });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'update.deferral_change',
      targetType: 'release',
      targetId: releaseId,
      before: auditSnapshot(state.release, state.deferral),
      after: auditSnapshot(state.release, row),
      at: ctx.now,
    });
    return row;
  });
}

/** Cancels a deferral (If-Match): the major release is then applied in the next window; 409 once it was applied. */
export async function cancelDeferral(ctx: DeferralChangeContext, releaseId: string, precondition: Precondition): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const state = await requireDeferral(tx, releaseId, precondition);
    assertNotApplied(state, 'its deferral is over and can no longer be cancelled.');
    const deleted = await tx
      .delete(updateDeferrals)
      .where(and(eq(updateDeferrals.id, state.deferral.id), eq(updateDeferrals.version, state.deferral.version)))
      .returning({ id: updateDeferrals.id });
    if (deleted.length === 0) throw problem(412, 'Precondition Failed', { code: 'etag_mismatch', detail: 'The deferral was changed concurrently.' });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'update.deferral_cancel',
      targetType: 'release',
      targetId: releaseId,
      before: auditSnapshot(state.release, state.deferral),
      at: ctx.now,
    });
  });
}

/** The deferral of a release with its ETag; 404 when the release does not exist or is not deferred. */
export async function readDeferral(db: PortalExecutor, releaseId: string): Promise<DeferralRow> {
  const state = await requireRelease(db, releaseId);
  if (state.deferral === null) throw deferralNotFound();
  return state.deferral;
}
