/**
 * The one clock style of the console: 24 hours in German and in English. Maintenance windows, support hours and
 * deadlines come from the service description in 24-hour time ("17:00 Uhr"), so "5:00 PM" beside "17:00" would
 * make one screen read two ways.
 */
export const consoleHourCycle = { hourCycle: 'h23' } as const;

/** Local date and time in the UI language, e.g. "4. März 2026, 16:30" / "Mar 4, 2026, 16:30". */
export function formatDateTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateTimeFormat(language).format(date);
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per language: making one costs ~1,000x formatting with it, and a list shows a date per row. */
function dateTimeFormat(language: string): Intl.DateTimeFormat {
  let format = dateTimeFormats.get(language);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', ...consoleHourCycle });
    dateTimeFormats.set(language, format);
  }
  return format;
}

const relativeUnits: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "in 3 Stunden" / "in 3 hours"; the largest whole unit, seconds count as "now". */
export function formatRelative(iso: string, language: string, now = Date.now()): string {
  const diff = new Date(iso).getTime() - now;
  if (Number.isNaN(diff)) return '';
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  for (const [unit, size] of relativeUnits) {
    if (Math.abs(diff) >= size) return format.format(Math.trunc(diff / size), unit);
  }
  return format.format(0, 'minute');
}
