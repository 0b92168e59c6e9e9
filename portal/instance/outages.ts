import { and, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { AVAILABILITY_TARGET, availabilityReport, reportRange } from '../../common/domain/availability';
import type { AvailabilityReport, Outage, OutagePage, RecordOutageRequest, UpdateOutageRequest } from '../../common/portal-api/availability';
import { recordAudit } from '../audit';
import type { Actor } from '../auth/require-admin';
import type { PortalDb, PortalExecutor } from '../db/client';
import { maintenanceAnnouncements, outages, type OutageRow } from '../db/schema';
import { CursorTimestamp, decodeCursor, encodeCursor } from '../http/cursor';
import { etagOf } from '../http/etag';
import { problem } from '../http/problem';
import { readPortalSettings } from '../settings';
import type { Precondition } from '../updates/deferrals';

// Recorded outages of the instance and the monthly availability computed from them (service description 2.4.5).
// Support engineers record them: the portal measures itself only while it runs, so it cannot see its own outage.

export function toOutage(row: OutageRow): Outage {
  return {
    id: row.id,
    start: row.startedAt.toISOString(),
    end: row.endedAt?.toISOString() ?? null,
    severity: row.severity,
    cause: row.cause,
    customerComponent: row.customerComponent,
    recordedBy: row.recordedBy,
    closedBy: row.closedBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function outageEtag(row: OutageRow): string {
  return etagOf(row.version, row.id);
}

const OutageCursor = z.tuple([CursorTimestamp, z.uuid()]);

export async function listOutages(db: PortalExecutor, query: { cursor?: string | undefined; limit: number }): Promise<OutagePage> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, OutageCursor);
  const rows = await db
    .select()
    .from(outages)
    .where(after === undefined ? undefined : sql`(${outages.startedAt}, ${outages.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`)
    .orderBy(desc(outages.startedAt), desc(outages.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  const nextCursor = rows.length > query.limit && last !== undefined ? encodeCursor([last.startedAt.toISOString(), last.id]) : null;
  return { items: items.map(toOutage), nextCursor };
}

export async function readOutage(db: PortalExecutor, id: string): Promise<OutageRow> {
  const [row] = await db.select().from(outages).where(eq(outages.id, id)).limit(1);
  if (row === undefined) throw problem(404, 'Not Found', { code: 'outage_not_found', detail: 'There is no outage with this id.' });
  return row;
}

export interface OutageChangeContext {
  db: PortalDb;
  actor: Actor;
  now: Date;
}

/**
 * A console's clock may run a little ahead of the portal's: an instant up to this far after now is taken as now,
 * anything later is refused.
 */
export const CLOCK_SKEW_TOLERANCE_MS = 2 * 60_000;

/** `at`, or now when `at` lies within the clock-skew tolerance after now; later instants are refused (422). */
function notInFuture(field: 'start' | 'end', at: Date, now: Date): Date {
  if (at.getTime() <= now.getTime()) return at;
  if (at.getTime() - now.getTime() <= CLOCK_SKEW_TOLERANCE_MS) return now;
  throw problem(422, 'Unprocessable Content', {
    code: 'outage_in_future',
    detail: `An outage is recorded once it happens: ${field} must not lie after now (${now.toISOString()}).`,
    errors: [{ path: field, message: 'Must not lie in the future' }],
  });
}

export async function recordOutage(ctx: OutageChangeContext, input: z.output<typeof RecordOutageRequest>): Promise<OutageRow> {
  const start = notInFuture('start', new Date(input.start), ctx.now);
  const end = input.end === null ? null : notInFuture('end', new Date(input.end), ctx.now);
  if (end !== null && end.getTime() <= start.getTime()) {
    throw problem(400, 'Bad Request', {
      code: 'validation_failed',
      detail: 'An outage must end after it started.',
      errors: [{ path: 'end', message: 'Must lie after the start' }],
    });
  }
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(outages)
      .values({
        startedAt: start,
        endedAt: end,
        severity: input.severity,
        cause: input.cause,
        customerComponent: input.customerComponent,
        recordedBy: ctx.actor.login,
        closedBy: end === null ? null : ctx.actor.login,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    if (row === undefined) throw new Error('outage insert returned no row');
    await recordAudit(tx, { actor: ctx.actor, action: 'outage.record', targetType: 'outage', targetId: row.id, after: toOutage(row), at: ctx.now });
    return row;
  });
}

function endOf(requested: string | null | undefined, current: Date | null, now: Date): Date | null {
  if (requested === undefined) return current;
  if (requested === null) return null;
  return requested === 'now' ? now : notInFuture('end', new Date(requested), now);
}

/** Closes (sets the end of) or corrects an outage; If-Match. */
export async function updateOutage(
  ctx: OutageChangeContext,
  id: string,
  change: z.output<typeof UpdateOutageRequest>,
  precondition: Precondition,
): Promise<OutageRow> {
  return ctx.db.transaction(async (tx) => {
    const row = await readOutage(tx, id);
    precondition(outageEtag(row), toOutage(row));
    const end = endOf(change.end, row.endedAt, ctx.now);
    if (end !== null) {
      if (end.getTime() <= row.startedAt.getTime()) {
        throw problem(400, 'Bad Request', {
          code: 'validation_failed',
          detail: 'An outage must end after it started.',
          errors: [{ path: 'end', message: 'Must lie after the start' }],
        });
      }
    }
    const closing = row.endedAt === null && end !== null;
    const [updated] = await tx
      .update(outages)
      .set({
        endedAt: end,
        severity: change.severity ?? row.severity,
        cause: change.cause ?? row.cause,
        customerComponent: change.customerComponent ?? row.customerComponent,
        closedBy: end === null ? null : closing ? ctx.actor.login : row.closedBy,
        updatedAt: ctx.now,
        version: row.version + 1,
      })
      .where(and(eq(outages.id, id), eq(outages.version, row.version)))
      .returning();
    if (updated === undefined) throw new Error('outage update lost its row inside the transaction');
    await recordAudit(tx, {
      actor: ctx.actor,
      action: closing ? 'outage.close' : 'outage.update',
      targetType: 'outage',
      targetId: id,
      before: toOutage(row),
      after: toOutage(updated),
      at: ctx.now,
    });
    return updated;
  });
}

/** The current month and the 12 before it, from the recorded outages and the announced maintenance. */
export async function readAvailability(db: PortalExecutor, now: Date): Promise<AvailabilityReport> {
  const settings = await readPortalSettings(db);
  const range = reportRange(now, settings.timeZone);
  const outageRows = await db
    .select()
    .from(outages)
    .where(and(lt(outages.startedAt, range.to), or(isNull(outages.endedAt), gt(outages.endedAt, range.from))))
    .orderBy(desc(outages.startedAt));
  const announcementRows = await db
    .select()
    .from(maintenanceAnnouncements)
    .where(and(lt(maintenanceAnnouncements.start, range.to), gt(maintenanceAnnouncements.end, range.from)));
  const months = availabilityReport({
    zone: settings.timeZone,
    now,
    outages: outageRows.map((row) => ({ start: row.startedAt, end: row.endedAt, severity: row.severity, customerComponent: row.customerComponent })),
    criticalMaintenance: announcementRows.map((row) => ({ start: row.start, end: row.end, announcedAt: row.announcedAt })),
  });
  return {
    checkedAt: now.toISOString(),
    timeZone: settings.timeZone,
    target: AVAILABILITY_TARGET,
    ongoing: outageRows.filter((row) => row.endedAt === null).map(toOutage),
    months: months.map((month) => ({ ...month, from: month.from.toISOString(), to: month.to.toISOString() })),
  };
}
