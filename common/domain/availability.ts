import { DateTime } from 'luxon';
import { assertValidZone, CRITICAL_NOTICE_HOURS, monthlyWindows } from './maintenance';

// Service description 2.4.5 "Verfügbarkeit":
//   "United Planet gewährleistet eine Verfügbarkeit der IntrexX PaaS Instanz von 99,5% im Monatsdurchschnitt nach
//    Abzug der geplanten und zuvor mitgeteilten Wartungszeiten."
//   "Ausfallzeiten, die durch einen Fehler in einer vom Kunden entwickelten Komponente begründet sind, werden in
//    diesen Verfügbarkeitswert nicht eingerechnet."
//   "Als Ausfallzeiten gelten nur Störungen der Supportstufe „Kritische Störung“, vgl. Ziffer 6."
// and 2.4.3.3: "Ungeplante Ausfallzeit ist jeder Verlust der Verfügbarkeit des Produktionssystems, der nicht mindestens
//   72 Stunden im Voraus dem Kunden angekündigt wird. [...] Diese Arten von Ausfallzeiten werden auf das
//   Betriebszeit-SLA des Kunden angerechnet."
//
// Our reading of "nach Abzug der geplanten und zuvor mitgeteilten Wartungszeiten": announced maintenance is taken out
// of the month before anything is measured. It is removed from the base (the minutes the portal is due to be
// available) and critical outages inside it are not downtime. So
//   availability = 1 − downtime / (month − announced maintenance)
// with downtime = critical outage minutes outside announced maintenance, not caused by a customer component.
// The allowed downtime of a month is therefore 0.5 % of (month − announced maintenance).
// A maintenance window counts as announced when it was announced at least 72 hours before it started (2.4.3.3);
// monthly windows (first Tuesday from 17:00) are announced by the service description itself and reminded 7 days ahead.

/** 99.5 % per month, in per mille so the allowed downtime is exact in milliseconds. */
export const AVAILABILITY_TARGET_PERMILLE = 995;
export const AVAILABILITY_TARGET = AVAILABILITY_TARGET_PERMILLE / 1000;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export type OutageSeverity = 'critical' | 'major' | 'other';

export interface OutageSpan {
  start: Date;
  /** null while the outage goes on: it counts up to `now`. */
  end: Date | null;
  severity: OutageSeverity;
  /** Caused by a fault in a component the customer developed: not counted (2.4.5). */
  customerComponent: boolean;
}

export interface MaintenanceSpan {
  start: Date;
  end: Date;
  announcedAt: Date;
}

export interface Interval {
  start: number;
  end: number;
}

/** Sorted, non-overlapping intervals covering exactly the union of the input (empty ones dropped). */
export function unionOf(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

/** The parts of `from` (a union) not covered by `remove` (a union). */
export function subtractIntervals(from: readonly Interval[], remove: readonly Interval[]): Interval[] {
  const result: Interval[] = [];
  for (const interval of from) {
    let cursor = interval.start;
    for (const cut of remove) {
      if (cut.end <= cursor || cut.start >= interval.end) continue;
      if (cut.start > cursor) result.push({ start: cursor, end: cut.start });
      cursor = Math.max(cursor, cut.end);
    }
    if (cursor < interval.end) result.push({ start: cursor, end: interval.end });
  }
  return result;
}

function clip(intervals: readonly Interval[], from: number, to: number): Interval[] {
  return intervals.map((i) => ({ start: Math.max(i.start, from), end: Math.min(i.end, to) })).filter((i) => i.end > i.start);
}

function totalMs(intervals: readonly Interval[]): number {
  return intervals.reduce((sum, i) => sum + (i.end - i.start), 0);
}

/** 2.4.3.3: only maintenance announced at least 72 hours ahead is not downtime. */
export function announcedInTime(window: MaintenanceSpan): boolean {
  return window.start.getTime() - window.announcedAt.getTime() >= CRITICAL_NOTICE_HOURS * HOUR_MS;
}

/** 2.4.5: only critical faults count, and not those caused by a component the customer developed. */
export function countsAsDowntime(outage: Pick<OutageSpan, 'severity' | 'customerComponent'>): boolean {
  return outage.severity === 'critical' && !outage.customerComponent;
}

function outageInterval(outage: OutageSpan, now: number): Interval {
  return { start: outage.start.getTime(), end: Math.min(outage.end?.getTime() ?? now, now) };
}

export type MonthStatus = 'met' | 'missed' | 'on_track';

export interface MonthAvailability {
  /** `YYYY-MM` in the portal's time zone. */
  month: string;
  from: Date;
  to: Date;
  /** The month `now` lies in: its figures are those it ends with if no further critical outage occurs. */
  current: boolean;
  monthMinutes: number;
  maintenanceMinutes: number;
  /** Month minus announced maintenance: the time the portal is due to be available. */
  scheduledMinutes: number;
  downtimeMinutes: number;
  /** Critical outage minutes inside announced maintenance: recorded, not counted. */
  excusedMinutes: number;
  allowedDowntimeMinutes: number;
  /** Allowed minus downtime; negative when the target is missed. */
  budgetLeftMinutes: number;
  /** 0..1 */
  availability: number;
  status: MonthStatus;
  /** Outages that count against this month (at least one minute of downtime in it, outside maintenance). */
  countedOutages: number;
}

export interface MonthAvailabilityInput {
  year: number;
  /** 1-12 */
  month: number;
  zone: string;
  outages: readonly OutageSpan[];
  /** Announced critical maintenance; the monthly windows are added from the zone. */
  criticalMaintenance: readonly MaintenanceSpan[];
  now: Date;
  monthlyDurationMinutes?: number;
  targetPermille?: number;
}

/** The month's start and end instants in `zone`: 743 hours in a March, 745 in an October in Berlin. */
export function monthRange(year: number, month: number, zone: string): { from: Date; to: Date } {
  assertValidZone(zone);
  const start = DateTime.fromObject({ year, month, day: 1 }, { zone });
  return { from: start.toJSDate(), to: start.plus({ months: 1 }).toJSDate() };
}

function maintenanceIntervals(input: MonthAvailabilityInput, from: Date, to: Date): Interval[] {
  const monthly = monthlyWindows(from, to, input.zone, input.monthlyDurationMinutes).map((w) => ({
    start: w.start,
    end: w.end,
    announcedAt: w.reminderAt,
  }));
  const announced = [...monthly, ...input.criticalMaintenance].filter(announcedInTime);
  return clip(
    unionOf(announced.map((w) => ({ start: w.start.getTime(), end: w.end.getTime() }))),
    from.getTime(),
    to.getTime(),
  );
}

export function monthAvailability(input: MonthAvailabilityInput): MonthAvailability {
  const { from, to } = monthRange(input.year, input.month, input.zone);
  const now = input.now.getTime();
  const permille = input.targetPermille ?? AVAILABILITY_TARGET_PERMILLE;
  const maintenance = maintenanceIntervals(input, from, to);
  const counted = input.outages.filter(countsAsDowntime);
  const criticalInMonth = clip(unionOf(counted.map((o) => outageInterval(o, now))), from.getTime(), to.getTime());
  const downtime = subtractIntervals(criticalInMonth, maintenance);
  const monthMs = to.getTime() - from.getTime();
  const maintenanceMs = totalMs(maintenance);
  const scheduledMs = monthMs - maintenanceMs;
  const downtimeMs = totalMs(downtime);
  const allowedMs = Math.floor((scheduledMs * (1000 - permille)) / 1000);
  const current = from.getTime() <= now && now < to.getTime();
  const exceeded = downtimeMs > allowedMs;
  return {
    month: `${input.year}-${String(input.month).padStart(2, '0')}`,
    from,
    to,
    current,
    monthMinutes: monthMs / MINUTE_MS,
    maintenanceMinutes: maintenanceMs / MINUTE_MS,
    scheduledMinutes: scheduledMs / MINUTE_MS,
    downtimeMinutes: downtimeMs / MINUTE_MS,
    excusedMinutes: (totalMs(criticalInMonth) - downtimeMs) / MINUTE_MS,
    allowedDowntimeMinutes: allowedMs / MINUTE_MS,
    budgetLeftMinutes: (allowedMs - downtimeMs) / MINUTE_MS,
    availability: scheduledMs > 0 ? 1 - downtimeMs / scheduledMs : 1,
    status: exceeded ? 'missed' : current ? 'on_track' : 'met',
    countedOutages: counted.filter((o) => {
      const span = clip([outageInterval(o, now)], from.getTime(), to.getTime());
      return totalMs(subtractIntervals(span, maintenance)) > 0;
    }).length,
  };
}

export interface AvailabilityReportInput extends Omit<MonthAvailabilityInput, 'year' | 'month'> {
  /** How many months back from the current one (default 12: the current month and the 12 before it). */
  previousMonths?: number;
}

/** The month `now` lies in and the months before it, newest first. */
export function availabilityReport(input: AvailabilityReportInput): MonthAvailability[] {
  const current = DateTime.fromJSDate(input.now, { zone: input.zone }).startOf('month');
  const count = (input.previousMonths ?? 12) + 1;
  return Array.from({ length: count }, (_, back) => {
    const month = current.minus({ months: back });
    return monthAvailability({ ...input, year: month.year, month: month.month });
  });
}

/** The range availabilityReport reads outages and maintenance from. */
export function reportRange(now: Date, zone: string, previousMonths = 12): { from: Date; to: Date } {
  assertValidZone(zone);
  const current = DateTime.fromJSDate(now, { zone }).startOf('month');
  return { from: current.minus({ months: previousMonths }).toJSDate(), to: current.plus({ months: 1 }).toJSDate() };
}
