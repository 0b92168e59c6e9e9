import { MONTHLY_REMINDER_DAYS, type MaintenanceWindow } from './maintenance';

// RFC 5545 iCalendar export of maintenance windows; no platform APIs beyond Intl, so it runs in browser and node.

/** The languages of the console: the export speaks the one the administrator uses. */
export const calendarLanguages = ['de', 'en'] as const;
export type CalendarLanguage = (typeof calendarLanguages)[number];

export interface ICalendarOptions {
  /** PRODID, e.g. `-//Portal Console//Maintenance//EN`. */
  prodId: string;
  portalName: string;
  /** The portal's stable id: UIDs must not change when the portal is renamed, nor collide between two portals of one name. */
  portalId: string;
  /** Language of the calendar name, titles of monthly windows, descriptions and alarm texts. */
  language: CalendarLanguage;
  /** The portal's IANA zone: monthly windows are titled with their month there. */
  timeZone: string;
  /** DTSTAMP of every event: when the calendar was generated. */
  now: Date;
}

/**
 * Critical maintenance announced less than 7 days ahead is reminded of the day before instead: announced at
 * least 72 hours ahead, that reminder always lies after the announcement.
 */
export const CRITICAL_SHORT_NOTICE_ALARM_HOURS = 24;

type AlarmLead = 'week' | 'day';

interface CalendarTexts {
  calendarName(portal: string): string;
  monthlyTitle(month: string): string;
  description(kind: MaintenanceWindow['kind'], portal: string): string;
  lead: Record<AlarmLead, string>;
  alarm(title: string, lead: string): string;
}

const calendarTexts: Record<CalendarLanguage, CalendarTexts> = {
  de: {
    calendarName: (portal) => `${portal}: Wartung`,
    monthlyTitle: (month) => `Monatliche Wartung ${month}`,
    description: (kind, portal) =>
      `${kind === 'monthly' ? 'Geplante monatliche Wartung' : 'Kritische Wartung'} von ${portal}. ` +
      'Das Portal ist in diesem Zeitraum möglicherweise nicht erreichbar.',
    lead: { week: `${MONTHLY_REMINDER_DAYS} Tagen`, day: `${CRITICAL_SHORT_NOTICE_ALARM_HOURS} Stunden` },
    alarm: (title, lead) => `Erinnerung: ${title} beginnt in ${lead}.`,
  },
  en: {
    calendarName: (portal) => `${portal}: maintenance`,
    monthlyTitle: (month) => `Monthly maintenance ${month}`,
    description: (kind, portal) =>
      `${kind === 'monthly' ? 'Scheduled monthly maintenance' : 'Critical maintenance'} of ${portal}. ` +
      'The portal may be unavailable during this window.',
    lead: { week: `${MONTHLY_REMINDER_DAYS} days`, day: `${CRITICAL_SHORT_NOTICE_ALARM_HOURS} hours` },
    alarm: (title, lead) => `Reminder: ${title} starts in ${lead}.`,
  },
};

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

function uidFor(window: MaintenanceWindow, portalId: string): string {
  return `${window.id}.${portalId}@portal-console`;
}

/** Monthly windows are titled with their month in the export's language; critical ones keep their announced title. */
function summaryFor(window: MaintenanceWindow, options: ICalendarOptions): string {
  if (window.kind === 'critical') return window.title;
  const month = new Intl.DateTimeFormat(options.language, { year: 'numeric', month: 'long', timeZone: options.timeZone }).format(window.start);
  return calendarTexts[options.language].monthlyTitle(month);
}

/** 7 days ahead like the reminder of the calendar, unless a critical window was announced at shorter notice. */
function alarmLeadFor(window: MaintenanceWindow): AlarmLead {
  const weekMs = MONTHLY_REMINDER_DAYS * 24 * 60 * 60_000;
  return window.kind === 'monthly' || window.start.getTime() - window.reminderAt.getTime() >= weekMs ? 'week' : 'day';
}

function alarmLines(summary: string, window: MaintenanceWindow, texts: CalendarTexts): string[] {
  const lead = alarmLeadFor(window);
  const trigger = lead === 'week' ? `-P${MONTHLY_REMINDER_DAYS}D` : `-PT${CRITICAL_SHORT_NOTICE_ALARM_HOURS}H`;
  return ['BEGIN:VALARM', 'ACTION:DISPLAY', `TRIGGER:${trigger}`, `DESCRIPTION:${escapeText(texts.alarm(summary, texts.lead[lead]))}`, 'END:VALARM'];
}

function eventLines(window: MaintenanceWindow, options: ICalendarOptions): string[] {
  const texts = calendarTexts[options.language];
  const summary = summaryFor(window, options);
  return [
    'BEGIN:VEVENT',
    `UID:${uidFor(window, options.portalId)}`,
    `DTSTAMP:${formatUtcDateTime(options.now)}`,
    `DTSTART:${formatUtcDateTime(window.start)}`,
    `DTEND:${formatUtcDateTime(window.end)}`,
    `SUMMARY:${escapeText(summary)}`,
    `DESCRIPTION:${escapeText(texts.description(window.kind, options.portalName))}`,
    `CATEGORIES:${window.kind === 'monthly' ? 'MAINTENANCE' : 'MAINTENANCE,CRITICAL'}`,
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    ...alarmLines(summary, window, texts),
    'END:VEVENT',
  ];
}

export function toICalendar(windows: readonly MaintenanceWindow[], options: ICalendarOptions): string {
  const calendarName = calendarTexts[options.language].calendarName(options.portalName);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${escapeText(options.prodId)}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${escapeText(calendarName)}`,
    `X-WR-CALNAME:${escapeText(calendarName)}`,
    ...windows.flatMap((window) => eventLines(window, options)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
