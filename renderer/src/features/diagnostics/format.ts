import { consoleHourCycle } from '../../lib/format';

const byteUnits = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** Decimal units as file managers show them: "4.8 MB" / "4,8 MB". */
export function formatBytes(bytes: number | null, language: string): string {
  if (bytes === null) return '–';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < byteUnits.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value)} ${byteUnits[unit]}`;
}

/** "0.48 s", "12 s", "3 min 5 s", "2 h 4 min": short and exact enough for durations and uptimes. */
export function formatDuration(ms: number | null, language: string): string {
  if (ms === null) return '–';
  const number = (value: number, digits = 0) =>
    new Intl.NumberFormat(language, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
  if (ms < 10_000) return `${number(ms / 1000, 2)} s`;
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${number(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${number(minutes)} min ${number(seconds % 60)} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${number(hours)} h ${number(minutes % 60)} min`;
  return `${number(Math.floor(hours / 24))} d ${number(hours % 24)} h`;
}

/** Date and time to the second, in the console's local time zone. */
export function formatTimestamp(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium', ...consoleHourCycle }).format(date);
}

/** `<input type="datetime-local">` value (local wall time) -> ISO instant; empty or invalid -> undefined. */
export function localInputToIso(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** "vor 5 Sekunden" / "5 seconds ago" under a minute, then minutes, hours, days. */
export function formatAgo(iso: string, language: string, now: number): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  if (Number.isNaN(seconds)) return '';
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(Math.min(0, seconds), 'second');
}
