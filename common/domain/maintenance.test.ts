import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import {
  criticalWindow,
  firstTuesday,
  mergeCalendar,
  monthlyWindow,
  monthlyWindows,
  nextMonthlyWindowsRange,
  nextWindow,
  remindersDue,
  validateCriticalAnnouncement,
  type MaintenanceWindow,
} from './maintenance';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const utc = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();

describe('firstTuesday', () => {
  it.each([
    // [year, month, zone, expected instant, why]
    [2025, 1, BERLIN, '2025-01-07T16:00:00.000Z', 'month starts on a Wednesday -> 7th, winter time'],
    [2025, 4, BERLIN, '2025-04-01T15:00:00.000Z', 'Tuesday the 1st, first month after the March switch'],
    [2025, 3, BERLIN, '2025-03-04T16:00:00.000Z', 'March before the switch on the 30th: still CET'],
    [2025, 10, BERLIN, '2025-10-07T15:00:00.000Z', 'October before the switch on the 26th: still CEST'],
    [2025, 11, BERLIN, '2025-11-04T16:00:00.000Z', 'first month after the October switch: CET again'],
    [2025, 12, BERLIN, '2025-12-02T16:00:00.000Z', 'month starts on a Monday -> 2nd'],
    [2026, 1, BERLIN, '2026-01-06T16:00:00.000Z', 'next year, month starts on a Thursday'],
    [2026, 2, BERLIN, '2026-02-03T16:00:00.000Z', 'month starts on a Sunday -> 3rd'],
    [2024, 2, BERLIN, '2024-02-06T16:00:00.000Z', 'leap-year February'],
    [2025, 3, NEW_YORK, '2025-03-04T22:00:00.000Z', 'New York: before the second-Sunday switch, EST'],
    [2025, 7, NEW_YORK, '2025-07-01T21:00:00.000Z', 'New York summer, Tuesday the 1st'],
    [2022, 11, NEW_YORK, '2022-11-01T21:00:00.000Z', 'New York: Tuesday before the Nov 6 switch is still EDT'],
    [2025, 11, NEW_YORK, '2025-11-04T22:00:00.000Z', 'New York: Tuesday after the Nov 2 switch is EST'],
    [2025, 6, 'UTC', '2025-06-03T17:00:00.000Z', 'UTC has no DST'],
  ])('%i-%i in %s is %s (%s)', (year, month, zone, expected) => {
    expect(iso(firstTuesday(year, month, zone))).toBe(expected);
  });

  it('is always a Tuesday between the 1st and the 7th at 17:00 local time', () => {
    for (let year = 2020; year <= 2030; year++) {
      for (let month = 1; month <= 12; month++) {
        const start = firstTuesday(year, month, BERLIN);
        const local = new Intl.DateTimeFormat('en-US', {
          timeZone: BERLIN,
          weekday: 'short',
          day: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        }).formatToParts(start);
        const part = (type: string) => local.find((p) => p.type === type)?.value;
        expect(part('weekday')).toBe('Tue');
        expect(Number(part('day'))).toBeGreaterThanOrEqual(1);
        expect(Number(part('day'))).toBeLessThanOrEqual(7);
        expect(`${part('hour')}:${part('minute')}`).toBe('17:00');
      }
    }
  });

  it('rejects an unknown zone and a month outside 1-12', () => {
    expect(() => firstTuesday(2025, 1, 'Europe/Berlln')).toThrow(RangeError);
    expect(() => firstTuesday(2025, 0, BERLIN)).toThrow(RangeError);
    expect(() => firstTuesday(2025, 13, BERLIN)).toThrow(RangeError);
  });
});

describe('monthlyWindows', () => {
  it('lists windows across a year boundary with 4-hour default duration and a 7-day reminder', () => {
    const windows = monthlyWindows(utc('2025-12-15T00:00:00Z'), utc('2026-02-15T00:00:00Z'), BERLIN);
    expect(windows.map((w) => [w.id, iso(w.start), iso(w.end), iso(w.reminderAt)])).toEqual([
      ['monthly-2026-01', '2026-01-06T16:00:00.000Z', '2026-01-06T20:00:00.000Z', '2025-12-30T16:00:00.000Z'],
      ['monthly-2026-02', '2026-02-03T16:00:00.000Z', '2026-02-03T20:00:00.000Z', '2026-01-27T16:00:00.000Z'],
    ]);
    expect(windows.every((w) => w.kind === 'monthly')).toBe(true);
    expect(windows[0]?.title).toBe('Monthly maintenance 2026-01');
  });

  it('follows DST through spring and autumn', () => {
    const windows = monthlyWindows(utc('2025-03-01T00:00:00Z'), utc('2025-12-01T00:00:00Z'), BERLIN, 60);
    expect(windows.map((w) => iso(w.start))).toEqual([
      '2025-03-04T16:00:00.000Z',
      '2025-04-01T15:00:00.000Z',
      '2025-05-06T15:00:00.000Z',
      '2025-06-03T15:00:00.000Z',
      '2025-07-01T15:00:00.000Z',
      '2025-08-05T15:00:00.000Z',
      '2025-09-02T15:00:00.000Z',
      '2025-10-07T15:00:00.000Z',
      '2025-11-04T16:00:00.000Z',
    ]);
    expect(windows.every((w) => w.end.getTime() - w.start.getTime() === 60 * 60_000)).toBe(true);
  });

  it('includes a window already in progress at `from` and excludes one starting exactly at `to`', () => {
    const inProgress = monthlyWindows(utc('2025-12-02T18:00:00Z'), utc('2026-01-06T16:00:00Z'), BERLIN);
    expect(inProgress.map((w) => w.id)).toEqual(['monthly-2025-12']);
  });

  it('excludes a window that ended exactly at `from`', () => {
    const windows = monthlyWindows(utc('2025-12-02T20:00:00Z'), utc('2026-01-31T00:00:00Z'), BERLIN);
    expect(windows.map((w) => w.id)).toEqual(['monthly-2026-01']);
  });

  it('returns nothing for an empty or reversed range and rejects a non-positive duration', () => {
    expect(monthlyWindows(utc('2025-05-10T00:00:00Z'), utc('2025-05-10T00:00:00Z'), BERLIN)).toEqual([]);
    expect(monthlyWindows(utc('2025-06-10T00:00:00Z'), utc('2025-05-10T00:00:00Z'), BERLIN)).toEqual([]);
    expect(() => monthlyWindows(utc('2025-01-01T00:00:00Z'), utc('2025-02-01T00:00:00Z'), BERLIN, 0)).toThrow(
      RangeError,
    );
  });
});

describe('monthlyWindow', () => {
  it('is the window monthlyWindows lists for that month', () => {
    const [listed] = monthlyWindows(utc('2026-10-01T00:00:00Z'), utc('2026-10-31T00:00:00Z'), BERLIN);
    expect(monthlyWindow(2026, 10, BERLIN)).toEqual(listed);
    expect(iso(monthlyWindow(2026, 10, BERLIN).start)).toBe('2026-10-06T15:00:00.000Z');
  });

  it('rejects a month outside 1-12', () => {
    expect(() => monthlyWindow(2026, 13, BERLIN)).toThrow(RangeError);
  });
});

describe('validateCriticalAnnouncement', () => {
  const announcedAt = utc('2025-06-10T09:00:00Z');
  it.each([
    ['exactly 72 hours', '2025-06-13T09:00:00Z', true],
    ['a week', '2025-06-17T09:00:00Z', true],
    ['one minute short', '2025-06-13T08:59:00Z', false],
    ['same day', '2025-06-10T18:00:00Z', false],
    ['start before announcement', '2025-06-09T18:00:00Z', false],
  ])('%s of notice -> ok=%s', (_label, start, ok) => {
    const result = validateCriticalAnnouncement(announcedAt, utc(start));
    if (ok) {
      expect(result).toEqual({ ok: true });
    } else {
      expect(result).toEqual({ ok: false, reason: 'notice_too_short', minimumStart: utc('2025-06-13T09:00:00Z') });
    }
  });
});

describe('criticalWindow', () => {
  it('reminds 7 days ahead, but never before the announcement', () => {
    const early = criticalWindow({
      announcedAt: utc('2025-06-01T09:00:00Z'),
      start: utc('2025-06-20T20:00:00Z'),
      end: utc('2025-06-20T22:00:00Z'),
      title: 'Database failover',
    });
    expect(iso(early.reminderAt)).toBe('2025-06-13T20:00:00.000Z');
    expect(early.id).toBe('critical-2025-06-20T20:00:00.000Z');

    const short = criticalWindow({
      id: 'crit-42',
      announcedAt: utc('2025-06-10T09:00:00Z'),
      start: utc('2025-06-13T09:00:00Z'),
      end: utc('2025-06-13T10:00:00Z'),
      title: 'Security patch',
    });
    expect(iso(short.reminderAt)).toBe('2025-06-10T09:00:00.000Z');
    expect(short.id).toBe('crit-42');
    expect(short.kind).toBe('critical');
  });

  it('refuses a window that does not end after its start', () => {
    const at = utc('2025-06-13T09:00:00Z');
    expect(() => criticalWindow({ announcedAt: at, start: at, end: at, title: 'x' })).toThrow(RangeError);
  });
});

describe('mergeCalendar, nextWindow, remindersDue', () => {
  const monthly = monthlyWindows(utc('2026-01-01T00:00:00Z'), utc('2026-03-01T00:00:00Z'), BERLIN);
  const clash = criticalWindow({
    id: 'clash',
    announcedAt: utc('2026-01-01T08:00:00Z'),
    start: utc('2026-01-06T19:00:00Z'),
    end: utc('2026-01-06T21:00:00Z'),
    title: 'Emergency kernel update',
  });
  const touching = criticalWindow({
    id: 'touching',
    announcedAt: utc('2026-01-20T08:00:00Z'),
    start: utc('2026-02-03T20:00:00Z'),
    end: utc('2026-02-03T21:00:00Z'),
    title: 'Certificate renewal',
  });
  const alone = criticalWindow({
    id: 'alone',
    announcedAt: utc('2026-01-10T08:00:00Z'),
    start: utc('2026-01-14T20:00:00Z'),
    end: utc('2026-01-14T22:00:00Z'),
    title: 'Storage migration',
  });
  const calendar = mergeCalendar(monthly, [touching, alone, clash]);

  it('sorts by start and flags windows that overlap another', () => {
    expect(calendar.map((w) => [w.id, w.overlaps])).toEqual([
      ['monthly-2026-01', true],
      ['clash', true],
      ['alone', false],
      ['monthly-2026-02', false],
      ['touching', false],
    ]);
  });

  it('does not mutate its inputs', () => {
    expect(monthly.map((w) => w.id)).toEqual(['monthly-2026-01', 'monthly-2026-02']);
    expect('overlaps' in monthly[0]!).toBe(false);
  });

  it.each([
    ['before everything', '2025-12-01T00:00:00Z', 'monthly-2026-01'],
    ['during the first monthly window', '2026-01-06T17:00:00Z', 'monthly-2026-01'],
    ['during the clash after the monthly ended', '2026-01-06T20:30:00Z', 'clash'],
    ['exactly when the clash ends', '2026-01-06T21:00:00Z', 'alone'],
    ['between windows', '2026-01-20T00:00:00Z', 'monthly-2026-02'],
    ['after everything', '2026-03-01T00:00:00Z', undefined],
  ])('nextWindow %s', (_label, now, expected) => {
    expect(nextWindow(utc(now), calendar)?.id).toBe(expected);
  });

  it.each<[string, string, string[]]>([
    ['just before the January reminder', '2025-12-30T15:59:59Z', []],
    ['at the January reminder', '2025-12-30T16:00:00Z', ['monthly-2026-01']],
    ['after clash announcement', '2026-01-02T00:00:00Z', ['monthly-2026-01', 'clash']],
    ['at the January start, reminders are over', '2026-01-06T16:00:00Z', ['clash']],
    ['mid January', '2026-01-12T00:00:00Z', ['alone']],
    ['after the February reminder', '2026-01-28T00:00:00Z', ['monthly-2026-02', 'touching']],
  ])('remindersDue %s', (_label, now, expected) => {
    expect(remindersDue(utc(now), calendar).map((w) => w.id)).toEqual(expected);
  });

  it('keeps the concrete window type', () => {
    const windows: MaintenanceWindow[] = monthly;
    expect(remindersDue(utc('2026-01-01T00:00:00Z'), windows)[0]?.kind).toBe('monthly');
  });
});

// Service description 2.4.3.1: "Die monatlichen Wartungsarbeiten finden am ersten Dienstag eines Monats ab 17 Uhr statt."
describe('nextMonthlyWindowsRange (what the .ics export holds)', () => {
  // Chosen instants, Berlin time: around a first Tuesday, a month's last day, 31 December, both DST changes, a leap day.
  it.each([
    ['the day before a first Tuesday', '2027-01-04T12:00:00+01:00', 'monthly-2027-01', 'monthly-2027-12'],
    ['a first Tuesday before its window', '2027-01-05T16:59:00+01:00', 'monthly-2027-01', 'monthly-2027-12'],
    ['a first Tuesday while its window runs', '2027-01-05T18:00:00+01:00', 'monthly-2027-01', 'monthly-2027-12'],
    ['a first Tuesday after its window', '2027-01-05T21:00:00+01:00', 'monthly-2027-02', 'monthly-2028-01'],
    ['the day after a first Tuesday', '2027-01-06T09:00:00+01:00', 'monthly-2027-02', 'monthly-2028-01'],
    ['2026-12-04, when CI went red (11 windows in the next 12 months)', '2026-12-04T10:00:00+01:00', 'monthly-2027-01', 'monthly-2027-12'],
    ["a month's last day", '2027-04-30T23:59:00+02:00', 'monthly-2027-05', 'monthly-2028-04'],
    ['31 December', '2026-12-31T23:30:00+01:00', 'monthly-2027-01', 'monthly-2027-12'],
    ['the spring DST change', '2027-03-28T02:30:00+01:00', 'monthly-2027-04', 'monthly-2028-03'],
    ['the autumn DST change', '2027-10-31T02:30:00+01:00', 'monthly-2027-11', 'monthly-2028-10'],
    ['a leap day', '2028-02-29T12:00:00+01:00', 'monthly-2028-03', 'monthly-2029-02'],
  ])('holds exactly 12 monthly windows on %s', (_, nowIso, firstId, lastId) => {
    const now = utc(nowIso);
    const range = nextMonthlyWindowsRange(now, BERLIN);
    const windows = monthlyWindows(range.from, range.to, BERLIN);
    expect(range.from).toEqual(now);
    expect(windows).toHaveLength(12);
    expect([windows[0]!.id, windows[11]!.id]).toEqual([firstId, lastId]);
    expect(range.to).toEqual(windows[11]!.end);
    for (const window of windows) expect(DateTime.fromJSDate(window.start, { zone: BERLIN }).toFormat('c d HH:mm')).toMatch(/^2 [1-7] 17:00$/);
  });

  it('counts as asked, in another zone too, and refuses a count below one', () => {
    const now = utc('2027-06-15T12:00:00Z');
    expect(monthlyWindows(now, nextMonthlyWindowsRange(now, NEW_YORK, 3).to, NEW_YORK).map((w) => w.id)).toEqual([
      'monthly-2027-07',
      'monthly-2027-08',
      'monthly-2027-09',
    ]);
    expect(() => nextMonthlyWindowsRange(now, BERLIN, 0)).toThrow(RangeError);
  });
});
