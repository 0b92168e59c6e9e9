import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, formatUtcDateTime, toICalendar } from './ical';
import { criticalWindow, monthlyWindows, type MaintenanceWindow } from './maintenance';

/** A deliberately small RFC 5545 reader: unfolds, splits name/value, unescapes TEXT, nests components. */
interface Component {
  name: string;
  props: Array<[string, string]>;
  children: Component[];
}

function unfold(text: string): string[] {
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  return text
    .slice(0, -2)
    .split('\r\n')
    .reduce<string[]>((lines, physical) => {
      if (physical.startsWith(' ') || physical.startsWith('\t')) {
        lines[lines.length - 1] += physical.slice(1);
      } else {
        lines.push(physical);
      }
      return lines;
    }, []);
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

function parse(text: string): Component {
  const root: Component = { name: 'ROOT', props: [], children: [] };
  const stack = [root];
  for (const line of unfold(text)) {
    const colon = line.indexOf(':');
    expect(colon).toBeGreaterThan(0);
    const name = line.slice(0, colon);
    const value = line.slice(colon + 1);
    const top = stack[stack.length - 1]!;
    if (name === 'BEGIN') {
      const child: Component = { name: value, props: [], children: [] };
      top.children.push(child);
      stack.push(child);
    } else if (name === 'END') {
      expect(top.name).toBe(value);
      stack.pop();
    } else {
      top.props.push([name, value]);
    }
  }
  expect(stack).toHaveLength(1);
  expect(root.children).toHaveLength(1);
  return root.children[0]!;
}

const prop = (component: Component, name: string) => component.props.find(([n]) => n === name)?.[1];
const text = (component: Component, name: string) => unescapeText(prop(component, name) ?? '');
const octets = (line: string) => new TextEncoder().encode(line).length;

const windows: MaintenanceWindow[] = [
  ...monthlyWindows(new Date('2026-01-01T00:00:00Z'), new Date('2026-03-01T00:00:00Z'), 'Europe/Berlin'),
  criticalWindow({
    id: 'crit-7',
    announcedAt: new Date('2026-01-10T08:00:00Z'),
    start: new Date('2026-01-14T20:00:00Z'),
    end: new Date('2026-01-14T22:30:00Z'),
    title: 'Notfallwartung; Datenbank, Teil 1\\2\nBitte Änderungen vorher speichern',
  }),
  criticalWindow({
    id: 'crit-8',
    announcedAt: new Date('2026-01-02T08:00:00Z'),
    start: new Date('2026-02-20T18:00:00Z'),
    end: new Date('2026-02-20T19:00:00Z'),
    title: 'Zertifikatstausch',
  }),
];
const portalName = 'Müller Portal – Produktion 🚀 mit einem sehr langen Namen, der ganz sicher gefaltet werden muss';
const options = {
  prodId: '-//Portal Console//Maintenance//EN',
  portalName,
  portalId: '0195f3a2-7c1e-4b7a-9d2e-5f6a7b8c9d0e',
  language: 'en' as const,
  timeZone: 'Europe/Berlin',
  now: new Date('2026-01-02T09:30:15.250Z'),
};
const alarmsOf = (event: Component) => event.children.filter((c) => c.name === 'VALARM');

describe('toICalendar', () => {
  const output = toICalendar(windows, options);
  const calendar = parse(output);
  const events = calendar.children.filter((c) => c.name === 'VEVENT');

  it('uses CRLF and folds every physical line to at most 75 octets without splitting characters', () => {
    const physical = output.slice(0, -2).split('\r\n');
    expect(physical.length).toBeGreaterThan(unfold(output).length); // the long names really were folded
    for (const line of physical) {
      expect(octets(line)).toBeLessThanOrEqual(75);
      expect(line).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
  });

  it('writes the calendar header, escaping the portal name', () => {
    expect(calendar.name).toBe('VCALENDAR');
    expect(prop(calendar, 'VERSION')).toBe('2.0');
    expect(text(calendar, 'PRODID')).toBe(options.prodId);
    expect(text(calendar, 'X-WR-CALNAME')).toBe(`${portalName}: maintenance`);
    expect(text(calendar, 'NAME')).toBe(`${portalName}: maintenance`);
    expect(prop(calendar, 'X-WR-CALNAME')).toContain('sehr langen Namen\\, der');
  });

  it('writes one event per window with UTC times, DTSTAMP and round-tripping text', () => {
    expect(events.map((e) => [prop(e, 'DTSTART'), prop(e, 'DTEND')])).toEqual([
      ['20260106T160000Z', '20260106T200000Z'],
      ['20260203T160000Z', '20260203T200000Z'],
      ['20260114T200000Z', '20260114T223000Z'],
      ['20260220T180000Z', '20260220T190000Z'],
    ]);
    expect(events.every((e) => prop(e, 'DTSTAMP') === '20260102T093015Z')).toBe(true);
    expect(text(events[0]!, 'SUMMARY')).toBe('Monthly maintenance January 2026');
    expect(text(events[2]!, 'SUMMARY')).toBe(windows[2]!.title);
    expect(text(events[2]!, 'DESCRIPTION')).toContain(options.portalName);
  });

  it('reminds of monthly windows 7 days ahead, of critical ones 7 days ahead or, at shorter notice, the day before', () => {
    expect(events.map((e) => alarmsOf(e).map((alarm) => [prop(alarm, 'ACTION'), prop(alarm, 'TRIGGER')]))).toEqual([
      [['DISPLAY', '-P7D']],
      [['DISPLAY', '-P7D']],
      [['DISPLAY', '-PT24H']], // announced 4.5 days ahead
      [['DISPLAY', '-P7D']], // announced 7 weeks ahead
    ]);
    expect(text(alarmsOf(events[0]!)[0]!, 'DESCRIPTION')).toBe('Reminder: Monthly maintenance January 2026 starts in 7 days.');
    expect(text(alarmsOf(events[2]!)[0]!, 'DESCRIPTION')).toBe(`Reminder: ${windows[2]!.title} starts in 24 hours.`);
  });

  it('keeps UIDs unique per window and stable across exports and languages', () => {
    const uids = events.map((e) => prop(e, 'UID'));
    expect(new Set(uids).size).toBe(4);
    const later = parse(toICalendar([...windows].reverse(), { ...options, language: 'de', now: new Date('2026-02-01T00:00:00Z') }));
    const laterUids = later.children.filter((c) => c.name === 'VEVENT').map((e) => prop(e, 'UID'));
    expect(laterUids).toEqual([...uids].reverse());
    expect(uids[0]).toBe('monthly-2026-01.0195f3a2-7c1e-4b7a-9d2e-5f6a7b8c9d0e@portal-console');
    const renamed = parse(toICalendar(windows, { ...options, portalName: 'Neuer Name' }));
    expect(renamed.children.filter((c) => c.name === 'VEVENT').map((e) => prop(e, 'UID'))).toEqual(uids);
    const otherPortal = parse(toICalendar(windows, { ...options, portalId: '0195f3a2-0000-4000-8000-000000000000' }));
    expect(otherPortal.children.filter((c) => c.name === 'VEVENT').map((e) => prop(e, 'UID'))).not.toContain(uids[0]);
  });

  it('writes an empty calendar when there are no windows', () => {
    const empty = parse(toICalendar([], options));
    expect(empty.children).toEqual([]);
  });
});

describe('toICalendar in the console language', () => {
  it.each([
    [
      'de' as const,
      {
        calendarName: `${portalName}: Wartung`,
        monthly: 'Monatliche Wartung Februar 2026',
        monthlyDescription: `Geplante monatliche Wartung von ${portalName}. Das Portal ist in diesem Zeitraum möglicherweise nicht erreichbar.`,
        criticalDescription: `Kritische Wartung von ${portalName}. Das Portal ist in diesem Zeitraum möglicherweise nicht erreichbar.`,
        monthlyAlarm: 'Erinnerung: Monatliche Wartung Februar 2026 beginnt in 7 Tagen.',
        criticalAlarm: 'Erinnerung: Zertifikatstausch beginnt in 7 Tagen.',
      },
    ],
    [
      'en' as const,
      {
        calendarName: `${portalName}: maintenance`,
        monthly: 'Monthly maintenance February 2026',
        monthlyDescription: `Scheduled monthly maintenance of ${portalName}. The portal may be unavailable during this window.`,
        criticalDescription: `Critical maintenance of ${portalName}. The portal may be unavailable during this window.`,
        monthlyAlarm: 'Reminder: Monthly maintenance February 2026 starts in 7 days.',
        criticalAlarm: 'Reminder: Zertifikatstausch starts in 7 days.',
      },
    ],
  ])('%s: calendar name, titles, descriptions and alarms', (language, expected) => {
    const calendar = parse(toICalendar(windows, { ...options, language }));
    const [, february, , critical] = calendar.children.filter((c) => c.name === 'VEVENT');
    expect(text(calendar, 'X-WR-CALNAME')).toBe(expected.calendarName);
    expect(text(february!, 'SUMMARY')).toBe(expected.monthly);
    expect(text(february!, 'DESCRIPTION')).toBe(expected.monthlyDescription);
    expect(text(alarmsOf(february!)[0]!, 'DESCRIPTION')).toBe(expected.monthlyAlarm);
    expect(text(critical!, 'SUMMARY')).toBe('Zertifikatstausch'); // announced titles stay as written
    expect(text(critical!, 'DESCRIPTION')).toBe(expected.criticalDescription);
    expect(text(alarmsOf(critical!)[0]!, 'DESCRIPTION')).toBe(expected.criticalAlarm);
  });

});

describe('escapeText', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', 'a\\,b'],
    ['a;b', 'a\\;b'],
    ['C:\\temp', 'C:\\\\temp'],
    ['line1\nline2', 'line1\\nline2'],
    ['line1\r\nline2', 'line1\\nline2'],
    ['line1\rline2', 'line1\\nline2'],
    ['bell\u0007 tab\t', 'bell tab\t'],
    ['\\,;', '\\\\\\,\\;'],
  ])('%j -> %j', (input, expected) => {
    expect(escapeText(input)).toBe(expected);
  });
});

describe('foldLine', () => {
  it.each([
    ['exactly 75 ASCII octets stay on one line', 'x'.repeat(75), ['x'.repeat(75)]],
    ['76 octets fold once', 'x'.repeat(76), ['x'.repeat(75), ' x']],
    ['continuation lines hold 74 octets after the space', 'x'.repeat(150), ['x'.repeat(75), ' ' + 'x'.repeat(74), ' x']],
    ['a 2-octet character is not split at the boundary', 'x'.repeat(74) + 'ü', ['x'.repeat(74), ' ü']],
    ['a 4-octet emoji is not split', 'x'.repeat(73) + '🚀y', ['x'.repeat(73), ' 🚀y']],
    ['empty line', '', ['']],
  ])('%s', (_label, input, expected) => {
    expect(foldLine(input).split('\r\n')).toEqual(expected);
  });
});

describe('formatUtcDateTime', () => {
  it('drops milliseconds and separators', () => {
    expect(formatUtcDateTime(new Date('2026-10-25T01:59:59.999Z'))).toBe('20261025T015959Z');
  });
});
