import { DateTime, IANAZone } from 'luxon';

/** Update tracks of the service description; the Silent Track is the default. */
export const updateTracks = ['silent', 'steady'] as const;
export type UpdateTrack = (typeof updateTracks)[number];
export const defaultUpdateTrack: UpdateTrack = 'silent';

/** Monthly maintenance starts at 17:00 portal time on the first Tuesday of each month. */
export const MONTHLY_START_HOUR = 17;
export const DEFAULT_MONTHLY_DURATION_MINUTES = 240;
/** Monthly windows are announced (reminded) at least 7 days ahead. */
export const MONTHLY_REMINDER_DAYS = 7;
/** Critical maintenance is announced at least 72 hours ahead. */
export const CRITICAL_NOTICE_HOURS = 72;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const TUESDAY = 2; // luxon weekday: Monday = 1 ... Sunday = 7

export type MaintenanceKind = 'monthly' | 'critical';

export interface MaintenanceWindow {
  /** Stable identity: `monthly-2025-03` for monthly windows, the caller's id (or start-derived) for critical ones. */
  id: string;
  kind: MaintenanceKind;
  start: Date;
  end: Date;
  /** When the administrators must be reminded; the window is "announced" from then on. */
  reminderAt: Date;
  title: string;
}

export type CalendarWindow = MaintenanceWindow & { overlaps: boolean };

export type CriticalAnnouncementCheck =
  | { ok: true }
  | { ok: false; reason: 'notice_too_short'; minimumStart: Date };

/** Throws a RangeError for anything luxon cannot resolve as an IANA zone (e.g. a typo). */
export function assertValidZone(zone: string): void {
  if (!IANAZone.isValidZone(zone)) throw new RangeError(`Unknown time zone: ${zone}`);
}

/**
 * Start of the monthly maintenance window: the first Tuesday of `month` (1-12) at 17:00 wall-clock time
 * in `zone`, as an instant. The UTC hour therefore moves with daylight saving time.
 */
export function firstTuesday(year: number, month: number, zone: string): Date {
  assertValidZone(zone);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`Month must be 1-12, got ${month}`);
  const firstOfMonth = DateTime.fromObject({ year, month, day: 1, hour: MONTHLY_START_HOUR }, { zone });
  const daysUntilTuesday = (TUESDAY - firstOfMonth.weekday + 7) % 7;
  return firstOfMonth.set({ day: 1 + daysUntilTuesday }).toJSDate();
}

/** Monthly windows that intersect [from, to), in start order. */
export function monthlyWindows(
  from: Date,
  to: Date,
  zone: string,
  durationMinutes: number = DEFAULT_MONTHLY_DURATION_MINUTES,
): MaintenanceWindow[] {
  assertValidZone(zone);
  if (!(durationMinutes > 0)) throw new RangeError('durationMinutes must be positive');
  const windows: MaintenanceWindow[] = [];
  // Start one month early: the previous month's window may still be running at `from`.
  let month = DateTime.fromJSDate(from, { zone }).startOf('month').minus({ months: 1 });
  while (month.toMillis() < to.getTime()) {
    const window = monthlyWindow(month.year, month.month, zone, durationMinutes);
    if (window.end.getTime() > from.getTime() && window.start.getTime() < to.getTime()) windows.push(window);
    month = month.plus({ months: 1 });
  }
  return windows;
}

/** The monthly window of `month` (1-12): the first Tuesday at 17:00 in `zone`, with its 7-day reminder. */
export function monthlyWindow(
  year: number,
  month: number,
  zone: string,
  durationMinutes: number = DEFAULT_MONTHLY_DURATION_MINUTES,
): MaintenanceWindow {
  const start = firstTuesday(year, month, zone);
  const label = `${year}-${String(month).padStart(2, '0')}`;
  return {
    id: `monthly-${label}`,
    kind: 'monthly',
    start,
    end: new Date(start.getTime() + durationMinutes * MINUTE_MS),
    reminderAt: new Date(start.getTime() - MONTHLY_REMINDER_DAYS * DAY_MS),
    title: `Monthly maintenance ${label}`,
  };
}

/** Critical maintenance needs at least 72 hours between announcement and start. */
export function validateCriticalAnnouncement(announcedAt: Date, start: Date): CriticalAnnouncementCheck {
  const minimumStart = new Date(announcedAt.getTime() + CRITICAL_NOTICE_HOURS * HOUR_MS);
  if (start.getTime() >= minimumStart.getTime()) return { ok: true };
  return { ok: false, reason: 'notice_too_short', minimumStart };
}

export interface CriticalWindowInput {
  id?: string;
  announcedAt: Date;
  start: Date;
  end: Date;
  title: string;
}

/**
 * Builds a critical window. Its reminder goes out 7 days ahead like a monthly one, but never before the
 * announcement itself. Does not enforce the 72-hour notice: call validateCriticalAnnouncement for that.
 */
export function criticalWindow(input: CriticalWindowInput): MaintenanceWindow {
  if (input.end.getTime() <= input.start.getTime()) throw new RangeError('A window must end after it starts');
  const sevenDaysAhead = input.start.getTime() - MONTHLY_REMINDER_DAYS * DAY_MS;
  return {
    id: input.id ?? `critical-${input.start.toISOString()}`,
    kind: 'critical',
    start: input.start,
    end: input.end,
    reminderAt: new Date(Math.max(sevenDaysAhead, input.announcedAt.getTime())),
    title: input.title,
  };
}

function byStartThenEnd(a: MaintenanceWindow, b: MaintenanceWindow): number {
  return a.start.getTime() - b.start.getTime() || a.end.getTime() - b.end.getTime();
}

/** Windows touching end-to-start (one ends exactly when the next starts) do not overlap. */
function intersect(a: MaintenanceWindow, b: MaintenanceWindow): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}

/** One calendar of monthly and critical windows in start order; `overlaps` marks windows that clash with another. */
export function mergeCalendar(monthly: MaintenanceWindow[], critical: MaintenanceWindow[]): CalendarWindow[] {
  const sorted = [...monthly, ...critical].sort(byStartThenEnd);
  return sorted.map((window, index) => ({
    ...window,
    overlaps: sorted.some((other, otherIndex) => otherIndex !== index && intersect(window, other)),
  }));
}

/** The window in progress at `now`, or else the next one to start; undefined when none is left. */
export function nextWindow<W extends MaintenanceWindow>(now: Date, windows: readonly W[]): W | undefined {
  return [...windows].sort(byStartThenEnd).find((window) => window.end.getTime() > now.getTime());
}

/** Windows whose reminder time has come but which have not started yet, in start order. */
export function remindersDue<W extends MaintenanceWindow>(now: Date, windows: readonly W[]): W[] {
  const t = now.getTime();
  return windows.filter((w) => w.reminderAt.getTime() <= t && t < w.start.getTime()).sort(byStartThenEnd);
}

/** What the iCalendar export promises: the next 12 monthly windows (one in progress counts) and the critical ones until then. */
export const EXPORTED_MONTHLY_WINDOWS = 12;

/**
 * The range [now, end of the `count`-th monthly window that has not ended at `now`): exactly `count` monthly windows
 * intersect it, whatever day of the month `now` falls on.
 */
export function nextMonthlyWindowsRange(
  now: Date,
  zone: string,
  count: number = EXPORTED_MONTHLY_WINDOWS,
  durationMinutes: number = DEFAULT_MONTHLY_DURATION_MINUTES,
): { from: Date; to: Date } {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
  // `count` + 1 months always hold `count` windows that end after `now` (one per month, the current one may be over).
  const horizon = DateTime.fromJSDate(now, { zone }).plus({ months: count + 1 }).toJSDate();
  const windows = monthlyWindows(now, horizon, zone, durationMinutes);
  const last = windows[count - 1];
  if (last === undefined) throw new RangeError(`Fewer than ${count} monthly windows before ${horizon.toISOString()}`);
  return { from: now, to: last.end };
}
