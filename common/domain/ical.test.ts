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
];
const options = {
  prodId: '-//Portal Console//Maintenance//EN',
  calendarName: 'Wartung: Müller, Schmidt & Söhne; Produktion',
  portalName: 'Müller Portal – Produktion 🚀 mit einem sehr langen Namen, der ganz sicher gefaltet werden muss',
  now: new Date('2026-01-02T09:30:15.250Z'),
};

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

  it('writes the calendar header', () => {
    expect(calendar.name).toBe('VCALENDAR');
    expect(prop(calendar, 'VERSION')).toBe('2.0');
    expect(text(calendar, 'PRODID')).toBe(options.prodId);
    expect(text(calendar, 'X-WR-CALNAME')).toBe(options.calendarName);
    expect(prop(calendar, 'X-WR-CALNAME')).toBe('Wartung: Müller\\, Schmidt & Söhne\\; Produktion');
  });

  it('writes one event per window with UTC times, DTSTAMP and round-tripping text', () => {
    expect(events.map((e) => [prop(e, 'DTSTART'), prop(e, 'DTEND')])).toEqual([
      ['20260106T160000Z', '20260106T200000Z'],
      ['20260203T160000Z', '20260203T200000Z'],
      ['20260114T200000Z', '20260114T223000Z'],
    ]);
    expect(events.every((e) => prop(e, 'DTSTAMP') === '20260102T093015Z')).toBe(true);
    expect(text(events[0]!, 'SUMMARY')).toBe('Monthly maintenance 2026-01');
    expect(text(events[2]!, 'SUMMARY')).toBe(windows[2]!.title);
    expect(text(events[2]!, 'DESCRIPTION')).toContain(options.portalName);
  });

  it('adds a 7-day display alarm to monthly windows only', () => {
    const alarms = events.map((e) => e.children.filter((c) => c.name === 'VALARM'));
    expect(alarms.map((a) => a.length)).toEqual([1, 1, 0]);
    expect(prop(alarms[0]![0]!, 'TRIGGER')).toBe('-P7D');
    expect(prop(alarms[0]![0]!, 'ACTION')).toBe('DISPLAY');
    expect(text(alarms[0]![0]!, 'DESCRIPTION')).toBe('Monthly maintenance 2026-01');
  });

  it('keeps UIDs unique per window and stable across exports', () => {
    const uids = events.map((e) => prop(e, 'UID'));
    expect(new Set(uids).size).toBe(3);
    const later = parse(toICalendar([...windows].reverse(), { ...options, now: new Date('2026-02-01T00:00:00Z') }));
    const laterUids = later.children.filter((c) => c.name === 'VEVENT').map((e) => prop(e, 'UID'));
    expect(laterUids).toEqual([...uids].reverse());
    expect(uids[0]).toBe('monthly-2026-01.muller-portal-produktion-mit-einem-sehr-langen-namen-der-ganz-sicher-gefaltet-werden-muss@portal-console');
  });

  it('writes an empty calendar when there are no windows', () => {
    const empty = parse(toICalendar([], options));
    expect(empty.children).toEqual([]);
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
