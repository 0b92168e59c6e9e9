import type { MaintenanceWindow } from './maintenance';

// RFC 5545 iCalendar export of maintenance windows; no platform APIs, so it runs in browser and node.

export interface ICalendarOptions {
  /** PRODID, e.g. `-//Portal Console//Maintenance//EN`. */
  prodId: string;
  calendarName: string;
  portalName: string;
  /** DTSTAMP of every event: when the calendar was generated. */
  now: Date;
}

const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;
// Every control character except HTAB (line breaks are escaped before this applies).
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CONTROL_CHARS = /[\u0000-\u0008\u000a-\u001f\u007f]/g;

/** Escapes a TEXT value (RFC 5545 3.3.11); other control characters are not allowed in TEXT and are dropped. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(FORBIDDEN_CONTROL_CHARS, '');
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/**
 * Folds one content line into physical lines of at most 75 octets (RFC 5545 3.1). Continuation lines start
 * with a space, which counts toward their 75 octets. Never splits a UTF-8 sequence.
 */
export function foldLine(line: string): string {
  const physical: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0) ?? 0);
    if (octets + size > MAX_LINE_OCTETS) {
      physical.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  physical.push(current);
  return physical.join(CRLF);
}

/** UTC DATE-TIME form `YYYYMMDDTHHMMSSZ` (sub-second precision dropped). */
export function formatUtcDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

function uidFor(window: MaintenanceWindow, portalName: string): string {
  const portalSlug =
    portalName
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '') // strip combining accents: "Müller" -> "muller"
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'portal';
  return `${window.id}.${portalSlug}@portal-console`;
}

function descriptionFor(window: MaintenanceWindow, portalName: string): string {
  return window.kind === 'monthly'
    ? `Scheduled monthly maintenance of ${portalName}. The portal may be unavailable during this window.`
    : `Critical maintenance of ${portalName}. The portal may be unavailable during this window.`;
}

function eventLines(window: MaintenanceWindow, options: ICalendarOptions): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${uidFor(window, options.portalName)}`,
    `DTSTAMP:${formatUtcDateTime(options.now)}`,
    `DTSTART:${formatUtcDateTime(window.start)}`,
    `DTEND:${formatUtcDateTime(window.end)}`,
    `SUMMARY:${escapeText(window.title)}`,
    `DESCRIPTION:${escapeText(descriptionFor(window, options.portalName))}`,
    `CATEGORIES:${window.kind === 'monthly' ? 'MAINTENANCE' : 'MAINTENANCE,CRITICAL'}`,
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
  ];
  if (window.kind === 'monthly') {
    lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', 'TRIGGER:-P7D', `DESCRIPTION:${escapeText(window.title)}`, 'END:VALARM');
  }
  lines.push('END:VEVENT');
  return lines;
}

export function toICalendar(windows: readonly MaintenanceWindow[], options: ICalendarOptions): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${escapeText(options.prodId)}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${escapeText(options.calendarName)}`,
    `X-WR-CALNAME:${escapeText(options.calendarName)}`,
    ...windows.flatMap((window) => eventLines(window, options)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
