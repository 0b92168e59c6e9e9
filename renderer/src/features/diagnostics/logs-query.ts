import { DateTime } from 'luxon';
import { consoleHourCycle } from '../../lib/format';
import type { ServerLogEntry, ServerLogLevel } from '../../../../common/portal-api/support';

// The server log is read in the portal's time zone: support and the portal's own messages speak its
// wall-clock time, so the times shown and the custom range typed in are both in that zone.

export const LOG_PRESETS = ['15m', '1h', '24h', 'custom'] as const;
export type LogPreset = (typeof LOG_PRESETS)[number];

export const LOG_LEVELS: readonly ServerLogLevel[] = ['debug', 'info', 'warn', 'error'];

const presetMs: Record<Exclude<LogPreset, 'custom'>, number> = {
  '15m': 15 * 60_000,
  '1h': 60 * 60_000,
  '24h': 24 * 60 * 60_000,
};

/** What the administrator chose; the custom range is held as the datetime-local inputs show it. */
export interface LogFilters {
  preset: LogPreset;
  customFrom: string;
  customTo: string;
  level: ServerLogLevel;
  contains: string;
}

export const defaultLogFilters: LogFilters = { preset: '1h', customFrom: '', customTo: '', level: 'debug', contains: '' };

/** The range and filters one log listing is fetched with (also its query key). */
export interface LogQuery {
  from: string;
  to: string;
  level: ServerLogLevel;
  contains?: string;
}

export type LogRangeProblem = 'fromMissing' | 'fromInvalid' | 'toInvalid' | 'reversed';

export type LogQueryResult = { ok: true; query: LogQuery } | { ok: false; problem: LogRangeProblem };

/** `2026-03-10T09:00` typed in `zone` -> ISO instant; empty or invalid -> undefined. */
export function zonedInputToIso(value: string, zone: string): string | undefined {
  if (value.trim() === '') return undefined;
  const parsed = DateTime.fromISO(value.trim(), { zone });
  return parsed.isValid ? (parsed.toUTC().toISO() ?? undefined) : undefined;
}

/** ISO instant -> the wall time in `zone` a datetime-local input shows. */
export function isoToZonedInput(iso: string, zone: string): string {
  const parsed = DateTime.fromISO(iso, { zone });
  return parsed.isValid ? parsed.toFormat("yyyy-LL-dd'T'HH:mm") : '';
}

/**
 * The listing for `filters`: a preset is the span up to `anchoredAt` (when the filters were applied);
 * a custom range without an end runs up to `anchoredAt` too.
 */
export function logQueryOf(filters: LogFilters, zone: string, anchoredAt: string): LogQueryResult {
  const contains = filters.contains.trim();
  const base = { level: filters.level, ...(contains === '' ? {} : { contains }) };
  if (filters.preset !== 'custom') {
    const from = new Date(Date.parse(anchoredAt) - presetMs[filters.preset]).toISOString();
    return { ok: true, query: { ...base, from, to: anchoredAt } };
  }
  if (filters.customFrom.trim() === '') return { ok: false, problem: 'fromMissing' };
  const from = zonedInputToIso(filters.customFrom, zone);
  if (from === undefined) return { ok: false, problem: 'fromInvalid' };
  const to = filters.customTo.trim() === '' ? anchoredAt : zonedInputToIso(filters.customTo, zone);
  if (to === undefined) return { ok: false, problem: 'toInvalid' };
  if (Date.parse(from) > Date.parse(to)) return { ok: false, problem: 'reversed' };
  return { ok: true, query: { ...base, from, to } };
}

/** Follow mode only makes sense for a range that ends now. */
export function canFollow(filters: LogFilters): boolean {
  return filters.preset !== 'custom' || filters.customTo.trim() === '';
}

/** Pages in order, each entry once (follow mode re-reads from the last entry's time). */
export function logEntriesOf(pages: readonly { items: readonly ServerLogEntry[] }[]): ServerLogEntry[] {
  const seen = new Set<number>();
  const entries: ServerLogEntry[] = [];
  for (const page of pages) {
    for (const entry of page.items) {
      if (seen.has(entry.seq)) continue;
      seen.add(entry.seq);
      entries.push(entry);
    }
  }
  return entries;
}

const LOG_QUERY_LINE = /^GET \/api\/v1\/logs \d{3}$/;

/** The request lines of reading the log itself: in follow mode every poll would add one. */
export function isLogQueryLine(entry: ServerLogEntry): boolean {
  return LOG_QUERY_LINE.test(entry.message);
}

function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

function timeFormat(language: string, zone: string): Intl.DateTimeFormat {
  const key = `${language}|${zone}`;
  let format = timeFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(language, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      fractionalSecondDigits: 3,
      ...consoleHourCycle,
      ...(isKnownZone(zone) ? { timeZone: zone } : {}),
    });
    timeFormats.set(key, format);
  }
  return format;
}

/** "10. März 2026, 09:00:00,250" / "Mar 10, 2026, 09:00:00.250": the console's date style, to the millisecond, in the portal's time zone. */
export function formatLogTime(iso: string, language: string, zone: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : timeFormat(language, zone).format(date);
}
