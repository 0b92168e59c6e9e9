// Times on the updates page are shown in the portal's time zone (maintenance windows are defined in its
// wall-clock time), never in the administrator's own zone; the page labels them with the zone's name.

import { consoleHourCycle } from '../../lib/format';

function toDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

function valid(date: Date): boolean {
  return !Number.isNaN(date.getTime());
}

/** "Di., 7. Apr. 2026, 17:00" / "Tue, Apr 7, 2026, 17:00" in `zone`. */
export function formatZoned(value: string | Date, language: string, zone: string): string {
  const date = toDate(value);
  if (!valid(date)) return String(value);
  return new Intl.DateTimeFormat(language, {
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...consoleHourCycle,
    timeZone: zone,
  }).format(date);
}

/** A window: "Di., 7. Apr. 2026, 17:00–21:00" (the day is not repeated when start and end share it). */
export function formatZonedRange(start: string | Date, end: string | Date, language: string, zone: string): string {
  const from = toDate(start);
  const to = toDate(end);
  if (!valid(from) || !valid(to)) return `${String(start)} – ${String(end)}`;
  return new Intl.DateTimeFormat(language, {
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...consoleHourCycle,
    timeZone: zone,
  }).formatRange(from, to);
}

/** "Dezember 2026" / "December 2026": the month a monthly window belongs to, in `zone`. */
export function formatZonedMonth(value: string | Date, language: string, zone: string): string {
  const date = toDate(value);
  if (!valid(date)) return String(value);
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', timeZone: zone }).format(date);
}
