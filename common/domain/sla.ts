import { DateTime } from 'luxon';
import { isBwHoliday } from './holidays';
import type { Severity, SupportPackage } from './support-levels';

export { severities, Severity, SupportPackage, supportPackages } from './support-levels';

export type SupportClock = 'support-hours' | '24/7';

export type ResponseTarget =
  | { kind: 'hours'; hours: number; clock: SupportClock }
  | { kind: 'reasonable-effort' };

/**
 * Support hours are "Mon-Fri 09:00-17:00 CET" in the service description. We read that as the local
 * time of the support office (Europe/Berlin), i.e. 09:00-17:00 CEST in summer, not a fixed UTC+1.
 */
export const SUPPORT_TIME_ZONE = 'Europe/Berlin';
export const SUPPORT_DAY_START_HOUR = 9;
export const SUPPORT_DAY_END_HOUR = 17;

const MS_PER_MINUTE = 60_000;

const reasonableEffort: ResponseTarget = { kind: 'reasonable-effort' };

function supportHours(hours: number): ResponseTarget {
  return { kind: 'hours', hours, clock: 'support-hours' };
}

/** First response times from the service description; "< 4 h" means the answer is due within 4 hours. */
const responseTargets: Record<SupportPackage, Record<Severity, ResponseTarget>> = {
  starter: { critical: supportHours(24), major: reasonableEffort, other: reasonableEffort },
  advanced: { critical: supportHours(4), major: supportHours(24), other: reasonableEffort },
  professional: { critical: supportHours(2), major: supportHours(8), other: supportHours(48) },
  premium: { critical: { kind: 'hours', hours: 1, clock: '24/7' }, major: supportHours(4), other: supportHours(24) },
};

export function responseTarget(pkg: SupportPackage, severity: Severity): ResponseTarget {
  return responseTargets[pkg][severity];
}

/** When the first response is due, or null when the package only promises reasonable effort. */
export function firstResponseDeadline(createdAt: Date, pkg: SupportPackage, severity: Severity): Date | null {
  assertValidDate(createdAt);
  const target = responseTarget(pkg, severity);
  if (target.kind === 'reasonable-effort') return null;
  const minutes = target.hours * 60;
  if (target.clock === '24/7') return new Date(createdAt.getTime() + minutes * MS_PER_MINUTE);
  return addSupportMinutes(createdAt, minutes);
}

/**
 * The one rule for "in time": a first response at or before the deadline meets it; the deadline is
 * missed (and the ticket overdue) only once the deadline has passed. Every place that says "met",
 * "missed" or "overdue" (portal, console clock, list) asks these two functions.
 */
export function firstResponseMet(respondedAt: Date, dueAt: Date): boolean {
  return respondedAt.getTime() <= dueAt.getTime();
}

/** Whether a ticket still unanswered at `now` is overdue: strictly after the deadline, never at it. */
export function isPastDeadline(now: Date, dueAt: Date): boolean {
  return !firstResponseMet(now, dueAt);
}

function assertValidDate(date: Date): void {
  if (Number.isNaN(date.getTime())) throw new RangeError('Expected a valid date, got an invalid Date');
}

function inSupportZone(date: Date): DateTime<true> {
  assertValidDate(date);
  const local = DateTime.fromJSDate(date, { zone: SUPPORT_TIME_ZONE });
  if (!local.isValid) throw new RangeError(`Cannot represent ${date.toISOString()} in ${SUPPORT_TIME_ZONE}`);
  return local;
}

function isSupportDay(local: DateTime<true>): boolean {
  return local.weekday <= 5 && !isBwHoliday(local.toISODate());
}

function supportDayStart(local: DateTime<true>): DateTime<true> {
  return local.set({ hour: SUPPORT_DAY_START_HOUR, minute: 0, second: 0, millisecond: 0 });
}

function supportDayEnd(local: DateTime<true>): DateTime<true> {
  return local.set({ hour: SUPPORT_DAY_END_HOUR, minute: 0, second: 0, millisecond: 0 });
}

/** Support hours are the half-open interval [09:00, 17:00) of a working day that is not a BW holiday. */
export function isWithinSupportHours(date: Date): boolean {
  const local = inSupportZone(date);
  return isSupportDay(local) && local >= supportDayStart(local) && local < supportDayEnd(local);
}

/** The date itself when it lies within support hours, otherwise 09:00 of the next support day. */
export function nextSupportTimeStart(date: Date): Date {
  if (isWithinSupportHours(date)) return new Date(date.getTime());
  const local = inSupportZone(date);
  // plus({ days }) is calendar arithmetic in the zone, so 09:00 stays 09:00 across DST switches.
  let day = local < supportDayStart(local) ? local.startOf('day') : local.startOf('day').plus({ days: 1 });
  while (!isSupportDay(day)) day = day.plus({ days: 1 });
  return supportDayStart(day).toJSDate();
}

/** The instant `minutes` of support time after `from`; work that exactly fills a day ends at 17:00. */
export function addSupportMinutes(from: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`Expected non-negative minutes, got ${minutes}`);
  let remainingMs = minutes * MS_PER_MINUTE;
  let cursor = nextSupportTimeStart(from);
  for (;;) {
    const dayEnd = supportDayEnd(inSupportZone(cursor)).toJSDate();
    const availableMs = dayEnd.getTime() - cursor.getTime();
    if (remainingMs <= availableMs) return new Date(cursor.getTime() + remainingMs);
    remainingMs -= availableMs;
    cursor = nextSupportTimeStart(dayEnd);
  }
}

/**
 * Support time between two instants in minutes (fractional when the instants carry seconds).
 * Negative when `to` lies before `from`, so "time left until the deadline" turns negative once overdue.
 */
export function supportTimeBetween(from: Date, to: Date): number {
  if (to.getTime() < from.getTime()) return -supportTimeBetween(to, from);
  let totalMs = 0;
  let cursor = nextSupportTimeStart(from);
  while (cursor.getTime() < to.getTime()) {
    const dayEnd = supportDayEnd(inSupportZone(cursor)).toJSDate();
    totalMs += Math.min(dayEnd.getTime(), to.getTime()) - cursor.getTime();
    cursor = nextSupportTimeStart(dayEnd);
  }
  return totalMs / MS_PER_MINUTE;
}
