import { and, asc, eq, gt, lt } from 'drizzle-orm';
import { toICalendar, type CalendarLanguage } from '../../common/domain/ical';
import {
  criticalWindow,
  mergeCalendar,
  monthlyWindows,
  validateCriticalAnnouncement,
  type CalendarWindow as DomainCalendarWindow,
} from '../../common/domain/maintenance';
import {
  MAX_CALENDAR_RANGE_DAYS,
  type Announcement,
  type CalendarWindow,
  type CreateAnnouncementRequest,
  type MaintenanceCalendar,
} from '../../common/portal-api/updates';
import { recordAudit } from '../audit';
import type { Actor } from '../auth/require-admin';
import type { PortalDb, PortalExecutor } from '../db/client';
import { maintenanceAnnouncements, type AnnouncementRow } from '../db/schema';
import { etagOf } from '../http/etag';
import { problem } from '../http/problem';
import { readPortalSettings } from '../settings';
import type { Precondition } from './deferrals';

const DAY_MS = 24 * 60 * 60_000;
export const ICS_PRODUCT_ID = '-//Portal Console//Maintenance calendar//EN';

export interface CalendarRange {
  from: Date;
  to: Date;
}

/** Parses and bounds a requested range; a reversed or too long range is the client's mistake (400). */
export function calendarRange(query: { from: string; to: string }): CalendarRange {
  const range = { from: new Date(query.from), to: new Date(query.to) };
  if (range.to.getTime() <= range.from.getTime()) {
    throw problem(400, 'Bad Request', {
      code: 'invalid_range',
      detail: '`to` must lie after `from`.',
      errors: [{ path: 'to', message: 'Must lie after from' }],
    });
  }
  if (range.to.getTime() - range.from.getTime() > MAX_CALENDAR_RANGE_DAYS * DAY_MS) {
    throw problem(400, 'Bad Request', {
      code: 'range_too_large',
      detail: `A calendar request may cover at most ${MAX_CALENDAR_RANGE_DAYS} days.`,
      errors: [{ path: 'to', message: `At most ${MAX_CALENDAR_RANGE_DAYS} days after from` }],
    });
  }
  return range;
}

export function toAnnouncement(row: AnnouncementRow): Announcement {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    start: row.start.toISOString(),
    end: row.end.toISOString(),
    announcedAt: row.announcedAt.toISOString(),
    announcedBy: row.announcedBy,
  };
}

export function announcementEtag(row: AnnouncementRow): string {
  return etagOf(row.version, row.id);
}

async function announcementsIn(db: PortalExecutor, range: CalendarRange): Promise<AnnouncementRow[]> {
  return db
    .select()
    .from(maintenanceAnnouncements)
    .where(and(lt(maintenanceAnnouncements.start, range.to), gt(maintenanceAnnouncements.end, range.from)))
    .orderBy(asc(maintenanceAnnouncements.start));
}

export interface CalendarWindows {
  timeZone: string;
  portalName: string;
  portalId: string;
  windows: DomainCalendarWindow[];
  announcements: Map<string, AnnouncementRow>;
}

/** Monthly windows from the portal's zone plus announced critical maintenance, merged and marked for overlaps. */
export async function calendarWindows(db: PortalExecutor, range: CalendarRange): Promise<CalendarWindows> {
  const settings = await readPortalSettings(db);
  const rows = await announcementsIn(db, range);
  const critical = rows.map((row) =>
    criticalWindow({ id: row.id, announcedAt: row.announcedAt, start: row.start, end: row.end, title: row.title }),
  );
  return {
    timeZone: settings.timeZone,
    portalName: settings.name,
    portalId: settings.instanceId,
    windows: mergeCalendar(monthlyWindows(range.from, range.to, settings.timeZone), critical),
    announcements: new Map(rows.map((row) => [row.id, row])),
  };
}

function toCalendarWindow(window: DomainCalendarWindow, announcement: AnnouncementRow | undefined): CalendarWindow {
  return {
    id: window.id,
    kind: window.kind,
    start: window.start.toISOString(),
    end: window.end.toISOString(),
    reminderAt: window.reminderAt.toISOString(),
    title: window.title,
    overlaps: window.overlaps,
    announcedAt: announcement?.announcedAt.toISOString() ?? null,
    description: announcement?.description ?? null,
  };
}

export async function maintenanceCalendar(db: PortalExecutor, range: CalendarRange): Promise<MaintenanceCalendar> {
  const calendar = await calendarWindows(db, range);
  return {
    timeZone: calendar.timeZone,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    items: calendar.windows.map((window) => toCalendarWindow(window, calendar.announcements.get(window.id))),
  };
}

export function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return slug || 'portal';
}

export interface ICalendarFile {
  filename: string;
  content: string;
}

/** The windows of `range` as iCalendar, worded in `language` (the console's UI language). */
export async function maintenanceICalendar(
  db: PortalExecutor,
  range: CalendarRange,
  language: CalendarLanguage,
  now: Date,
): Promise<ICalendarFile> {
  const calendar = await calendarWindows(db, range);
  const content = toICalendar(calendar.windows, {
    prodId: ICS_PRODUCT_ID,
    portalName: calendar.portalName,
    portalId: calendar.portalId,
    language,
    timeZone: calendar.timeZone,
    now,
  });
  return { filename: `maintenance-${slugOf(calendar.portalName)}.ics`, content };
}

export interface AnnouncementChangeContext {
  db: PortalDb;
  actor: Actor;
  now: Date;
}

/** Announces critical maintenance; refused (422) with less than 72 hours of notice. */
export async function announceCriticalMaintenance(
  ctx: AnnouncementChangeContext,
  input: CreateAnnouncementRequest,
): Promise<AnnouncementRow> {
  const start = new Date(input.start);
  const end = new Date(input.end);
  if (end.getTime() <= start.getTime()) {
    throw problem(400, 'Bad Request', {
      code: 'validation_failed',
      detail: 'A maintenance window must end after it starts.',
      errors: [{ path: 'end', message: 'Must lie after start' }],
    });
  }
  const notice = validateCriticalAnnouncement(ctx.now, start);
  if (!notice.ok) {
    const minimum = notice.minimumStart.toISOString();
    throw problem(422, 'Unprocessable Content', {
      code: 'notice_too_short',
      detail: `Critical maintenance must be announced at least 72 hours ahead: it may start at ${minimum} at the earliest.`,
      errors: [{ path: 'start', message: `At ${minimum} at the earliest` }],
    });
  }
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(maintenanceAnnouncements)
      .values({
        title: input.title,
        description: input.description ?? '',
        start,
        end,
        announcedAt: ctx.now,
        announcedBy: ctx.actor.login,
      })
      .returning();
    if (row === undefined) throw new Error('announcement insert returned no row');
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'maintenance.announce',
      targetType: 'maintenance_announcement',
      targetId: row.id,
      after: toAnnouncement(row),
      at: ctx.now,
    });
    return row;
  });
}

export async function readAnnouncement(db: PortalExecutor, id: string): Promise<AnnouncementRow> {
  const [row] = await db.select().from(maintenanceAnnouncements).where(eq(maintenanceAnnouncements.id, id)).limit(1);
  if (row === undefined) throw problem(404, 'Not Found', { code: 'announcement_not_found', detail: 'There is no such announcement.' });
  return row;
}

/** Withdraws critical maintenance that has not started yet (If-Match). */
export async function cancelAnnouncement(ctx: AnnouncementChangeContext, id: string, precondition: Precondition): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await readAnnouncement(tx, id);
    precondition(announcementEtag(row), toAnnouncement(row));
    if (row.start.getTime() <= ctx.now.getTime()) {
      throw problem(409, 'Conflict', { code: 'announcement_started', detail: 'The maintenance has already started; it cannot be withdrawn.' });
    }
    await tx.delete(maintenanceAnnouncements).where(and(eq(maintenanceAnnouncements.id, id), eq(maintenanceAnnouncements.version, row.version)));
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'maintenance.cancel',
      targetType: 'maintenance_announcement',
      targetId: id,
      before: toAnnouncement(row),
      at: ctx.now,
    });
  });
}
