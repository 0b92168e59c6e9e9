import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Page, ReleaseTrack } from '../../common/portal-api/common';
import type { AppliedUpdate, Deferral, Release, ReleaseStatus } from '../../common/portal-api/updates';
import type { PortalExecutor } from '../db/client';
import { releases, updateDeferrals, updateHistory, type DeferralRow, type ReleaseRow, type UpdateHistoryRow } from '../db/schema';
import { CursorTimestamp, decodeCursor, encodeCursor } from '../http/cursor';
import { etagOf } from '../http/etag';

const PageCursor = z.tuple([CursorTimestamp, z.uuid()]);

/** When the release was last applied successfully (null: not applied); a correlated subquery per release row. */
const appliedAtColumn = sql<Date | null>`(
  select max(${updateHistory.finishedAt}) from ${updateHistory}
  where ${updateHistory.releaseId} = ${releases.id} and ${updateHistory.outcome} = 'succeeded'
)`.mapWith(updateHistory.finishedAt);

export function deferralEtag(row: DeferralRow): string {
  return etagOf(row.version, row.id);
}

export function toDeferral(row: DeferralRow): Deferral {
  return {
    id: row.id,
    releaseId: row.releaseId,
    until: row.until.toISOString(),
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy,
  };
}

export function releaseStatus(row: Pick<ReleaseRow, 'tracks'>, appliedAt: Date | null, track: ReleaseTrack): ReleaseStatus {
  if (appliedAt !== null) return 'applied';
  return row.tracks.includes(track) ? 'available' : 'not_on_track';
}

export function toRelease(row: ReleaseRow, appliedAt: Date | null, deferral: DeferralRow | null, track: ReleaseTrack): Release {
  return {
    id: row.id,
    version: row.version,
    kind: row.kind,
    title: row.title,
    releasedAt: row.releasedAt.toISOString(),
    tracks: row.tracks,
    notes: row.notes,
    changes: row.changes,
    affectsCustomisations: row.affectsCustomisations,
    status: releaseStatus(row, appliedAt, track),
    appliedAt: appliedAt?.toISOString() ?? null,
    deferral: deferral === null ? null : { etag: deferralEtag(deferral), value: toDeferral(deferral) },
  };
}

function statusFilter(status: ReleaseStatus | undefined, track: ReleaseTrack): SQL | undefined {
  const onTrack = sql`${track} = any(${releases.tracks})`;
  switch (status) {
    case undefined:
      return undefined;
    case 'applied':
      return sql`${appliedAtColumn} is not null`;
    case 'available':
      return and(sql`${appliedAtColumn} is null`, onTrack);
    case 'not_on_track':
      return and(sql`${appliedAtColumn} is null`, sql`not (${onTrack})`);
  }
}

export interface ReleaseListQuery {
  cursor?: string | undefined;
  limit: number;
  status?: ReleaseStatus | undefined;
}

/** Newest release first (ties broken by id); the status is relative to the portal's current track. */
export async function listReleases(db: PortalExecutor, query: ReleaseListQuery, track: ReleaseTrack): Promise<Page<Release>> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, PageCursor);
  const rows = await db
    .select({ release: releases, appliedAt: appliedAtColumn, deferral: updateDeferrals })
    .from(releases)
    .leftJoin(updateDeferrals, eq(updateDeferrals.releaseId, releases.id))
    .where(
      and(
        statusFilter(query.status, track),
        after === undefined ? undefined : sql`(${releases.releasedAt}, ${releases.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`,
      ),
    )
    .orderBy(desc(releases.releasedAt), desc(releases.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1)?.release;
  const nextCursor = rows.length > query.limit && last !== undefined ? encodeCursor([last.releasedAt.toISOString(), last.id]) : null;
  return { items: items.map((row) => toRelease(row.release, row.appliedAt, row.deferral, track)), nextCursor };
}

export interface ReleaseWithState {
  release: ReleaseRow;
  appliedAt: Date | null;
  deferral: DeferralRow | null;
}

/** One release with its applied state and deferral; undefined when there is no such release. */
export async function findRelease(db: PortalExecutor, releaseId: string): Promise<ReleaseWithState | undefined> {
  const [row] = await db
    .select({ release: releases, appliedAt: appliedAtColumn, deferral: updateDeferrals })
    .from(releases)
    .leftJoin(updateDeferrals, eq(updateDeferrals.releaseId, releases.id))
    .where(eq(releases.id, releaseId))
    .limit(1);
  return row;
}

export function toAppliedUpdate(row: UpdateHistoryRow): AppliedUpdate {
  return {
    id: row.id,
    releaseId: row.releaseId,
    version: row.version,
    kind: row.kind,
    fromVersion: row.fromVersion,
    appliedAt: row.appliedAt.toISOString(),
    finishedAt: row.finishedAt.toISOString(),
    windowId: row.windowId,
    outcome: row.outcome,
    notes: row.notes,
  };
}

/** The applied-update history, newest first. */
export async function listHistory(db: PortalExecutor, query: { cursor?: string | undefined; limit: number }): Promise<Page<AppliedUpdate>> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, PageCursor);
  const rows = await db
    .select()
    .from(updateHistory)
    .where(after === undefined ? undefined : sql`(${updateHistory.appliedAt}, ${updateHistory.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`)
    .orderBy(desc(updateHistory.appliedAt), desc(updateHistory.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  const nextCursor = rows.length > query.limit && last !== undefined ? encodeCursor([last.appliedAt.toISOString(), last.id]) : null;
  return { items: items.map(toAppliedUpdate), nextCursor };
}
