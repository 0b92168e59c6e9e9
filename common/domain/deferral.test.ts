import { describe, expect, it } from 'vitest';
import {
  deferralDeadline,
  deferralWarnings,
  maxDeferralUntil,
  securityFixesDuringDeferral,
  validateDeferral,
  type DeferralCheck,
  type ReleaseKind,
} from './deferral';
import { criticalWindow, mergeCalendar, monthlyWindows } from './maintenance';

const BERLIN = 'Europe/Berlin';
const utc = (iso: string) => new Date(iso);
const DAY_MS = 24 * 60 * 60_000;
const major = (releasedAt: string) => ({ kind: 'major' as const, releasedAt: utc(releasedAt) });

describe('deferralDeadline', () => {
  it.each([
    // [releasedAt (UTC), zone, expected deadline (UTC), why]
    ['2023-08-31T08:00:00Z', BERLIN, '2024-02-29T09:00:00.000Z', '31 Aug -> 29 Feb in a leap year, 10:00 local kept'],
    ['2024-08-31T08:00:00Z', BERLIN, '2025-02-28T09:00:00.000Z', '31 Aug -> 28 Feb in a common year'],
    ['2028-02-29T09:00:00Z', BERLIN, '2028-08-29T08:00:00.000Z', 'released on a leap day, deadline in summer time'],
    ['2025-03-31T08:00:00Z', BERLIN, '2025-09-30T08:00:00.000Z', '31 Mar -> 30 Sep'],
    ['2025-01-15T09:00:00Z', BERLIN, '2025-07-15T08:00:00.000Z', 'winter release, summer deadline: wall clock kept'],
    ['2025-12-31T09:00:00Z', BERLIN, '2026-06-30T08:00:00.000Z', 'across the year boundary, clamped to 30 Jun'],
    ['2025-08-31T22:30:00Z', BERLIN, '2026-02-28T23:30:00.000Z', 'already 1 Sep in Berlin -> 1 Mar 00:30 local'],
    ['2025-08-31T22:30:00Z', 'UTC', '2026-02-28T22:30:00.000Z', 'same instant in UTC is still 31 Aug -> 28 Feb'],
  ])('%s in %s -> %s (%s)', (releasedAt, zone, expected) => {
    expect(deferralDeadline(utc(releasedAt), zone).toISOString()).toBe(expected);
  });
});

describe('maxDeferralUntil: the start of the last monthly window on or before the deadline', () => {
  it.each([
    // [releasedAt (UTC), zone, expected limit (UTC), why]
    ['2026-03-03T17:00:00Z', BERLIN, '2026-09-01T15:00:00.000Z', 'Tue 3 Mar 18:00 -> deadline 3 Sep 18:00 -> window Tue 1 Sep 17:00 CEST'],
    ['2025-08-31T08:00:00Z', BERLIN, '2026-02-03T16:00:00.000Z', '31 Aug -> deadline 28 Feb -> window 3 Feb 17:00 CET'],
    ['2023-08-31T08:00:00Z', BERLIN, '2024-02-06T16:00:00.000Z', '31 Aug -> deadline 29 Feb (leap year) -> window 6 Feb'],
    ['2021-08-31T08:00:00Z', BERLIN, '2022-02-01T16:00:00.000Z', '31 Aug -> 28 Feb: clamping keeps the 1 March window out'],
    ['2025-03-31T08:00:00Z', BERLIN, '2025-09-02T15:00:00.000Z', '31 Mar -> deadline 30 Sep -> window 2 Sep'],
    ['2026-03-01T16:00:00Z', BERLIN, '2026-09-01T15:00:00.000Z', 'deadline exactly at a window start: that window'],
    ['2026-03-01T15:59:00Z', BERLIN, '2026-08-04T15:00:00.000Z', 'deadline one minute before a window start: the window before'],
    ['2025-01-15T09:00:00Z', BERLIN, '2025-07-01T15:00:00.000Z', 'winter release, summer window at 17:00 CEST'],
    ['2025-12-31T09:00:00Z', BERLIN, '2026-06-02T15:00:00.000Z', 'across the year boundary'],
    ['2025-08-31T22:30:00Z', BERLIN, '2026-02-03T16:00:00.000Z', 'deadline 1 Mar 00:30 local is before the March window'],
    ['2025-08-31T22:30:00Z', 'UTC', '2026-02-03T17:00:00.000Z', 'in UTC the window starts at 17:00 UTC'],
    ['2023-08-31T16:00:00Z', 'America/New_York', '2024-02-06T22:00:00.000Z', 'New York, EDT -> EST'],
  ])('%s in %s -> %s (%s)', (releasedAt, zone, expected) => {
    expect(maxDeferralUntil(utc(releasedAt), zone).toISOString()).toBe(expected);
  });

  it('lets a deferral to the limit land by the deadline, and no later deferral would', () => {
    // Every day of 13 months, at hours around the 17:00 window start and the midnight month change.
    for (let day = 0; day < 400; day += 1) {
      const hour = [0, 9, 15, 16, 22][day % 5]!;
      const releasedAt = new Date(Date.UTC(2025, 0, 1 + day, hour, 30));
      const limit = maxDeferralUntil(releasedAt, BERLIN);
      const deadline = deferralDeadline(releasedAt, BERLIN);
      const windows = monthlyWindows(limit, new Date(limit.getTime() + 70 * DAY_MS), BERLIN);
      const landing = windows.find((w) => w.start.getTime() >= limit.getTime());
      const next = windows.find((w) => w.start.getTime() > limit.getTime());
      expect(landing?.start.getTime()).toBe(limit.getTime());
      expect(limit.getTime()).toBeLessThanOrEqual(deadline.getTime());
      expect(next!.start.getTime()).toBeGreaterThan(deadline.getTime());
    }
  });

  it('rejects an unknown zone', () => {
    expect(() => maxDeferralUntil(utc('2025-01-01T00:00:00Z'), 'Mars/Olympus')).toThrow(RangeError);
    expect(() => deferralDeadline(utc('2025-01-01T00:00:00Z'), 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('validateDeferral', () => {
  const now = '2025-04-10T12:00:00Z';
  const beyond = (limit: string, deadline: string): DeferralCheck => ({ ok: false, code: 'beyond_limit', limit: utc(limit), deadline: utc(deadline) });
  it.each<[string, ReleaseKind, string, string, string, DeferralCheck]>([
    ['exactly at the limit', 'major', '2025-03-31T08:00:00Z', '2025-09-02T15:00:00Z', now, { ok: true }],
    ['well within the limit', 'major', '2025-03-31T08:00:00Z', '2025-06-01T00:00:00Z', now, { ok: true }],
    [
      'one minute over the limit: the update would land in October',
      'major',
      '2025-03-31T08:00:00Z',
      '2025-09-02T15:01:00Z',
      now,
      beyond('2025-09-02T15:00:00Z', '2025-09-30T08:00:00Z'),
    ],
    [
      '6 months to the minute is too late: applied on 7 Oct',
      'major',
      '2025-03-31T08:00:00Z',
      '2025-09-30T08:00:00Z',
      now,
      beyond('2025-09-02T15:00:00Z', '2025-09-30T08:00:00Z'),
    ],
    [
      'released Tue 3 Mar 2026 18:00, deferred to 3 Sep: would land on 6 Oct',
      'major',
      '2026-03-03T17:00:00Z',
      '2026-09-03T16:00:00Z',
      '2026-03-10T00:00:00Z',
      beyond('2026-09-01T15:00:00Z', '2026-09-03T16:00:00Z'),
    ],
    ['leap year: exactly the 6 Feb window', 'major', '2023-08-31T08:00:00Z', '2024-02-06T16:00:00Z', '2023-09-01T00:00:00Z', { ok: true }],
    [
      'leap year: 29 Feb, within 6 months but after the last window',
      'major',
      '2023-08-31T08:00:00Z',
      '2024-02-29T09:00:00Z',
      '2023-09-01T00:00:00Z',
      beyond('2024-02-06T16:00:00Z', '2024-02-29T09:00:00Z'),
    ],
    [
      'common year: 31 Aug + 6 months is 28 Feb, the last window 4 Feb',
      'major',
      '2024-08-31T08:00:00Z',
      '2025-02-04T16:01:00Z',
      '2024-09-01T00:00:00Z',
      beyond('2025-02-04T16:00:00Z', '2025-02-28T09:00:00Z'),
    ],
    ['until equals now', 'major', '2025-03-31T08:00:00Z', now, now, { ok: false, code: 'in_past' }],
    ['until before now', 'major', '2025-03-31T08:00:00Z', '2025-04-01T00:00:00Z', now, { ok: false, code: 'in_past' }],
    [
      'asked after the limit has passed',
      'major',
      '2025-03-31T08:00:00Z',
      '2025-10-20T00:00:00Z',
      '2025-10-05T00:00:00Z',
      beyond('2025-09-02T15:00:00Z', '2025-09-30T08:00:00Z'),
    ],
    ['security fix', 'security', '2025-03-31T08:00:00Z', '2025-05-01T00:00:00Z', now, {
      ok: false,
      code: 'not_deferrable_security',
    }],
    ['minor update', 'minor', '2025-03-31T08:00:00Z', '2025-05-01T00:00:00Z', now, {
      ok: false,
      code: 'not_deferrable_minor',
    }],
  ])('%s', (_label, kind, releasedAt, until, nowIso, expected) => {
    const result = validateDeferral({
      release: { kind, releasedAt: utc(releasedAt) },
      until: utc(until),
      now: utc(nowIso),
      zone: BERLIN,
    });
    expect(result).toEqual(expected);
  });
});

describe('deferralWarnings', () => {
  const deferral = { release: major('2025-03-31T08:00:00Z'), until: utc('2025-09-02T15:00:00Z') };
  const endsSoon = (daysLeft: number) => [{ code: 'ends_soon', until: deferral.until, daysLeft }];
  it.each([
    ['a month ahead', '2025-08-02T15:00:00Z', []],
    ['one minute more than 14 days ahead', '2025-08-19T14:59:00Z', []],
    ['exactly 14 days ahead', '2025-08-19T15:00:00Z', endsSoon(14)],
    ['13.5 days ahead counts 13 whole days', '2025-08-20T03:00:00Z', endsSoon(13)],
    ['10 days and 2 hours ahead: 10 days, like the countdown', '2025-08-23T13:00:00Z', endsSoon(10)],
    ['one minute short of a day', '2025-09-01T15:01:00Z', endsSoon(0)],
    ['twelve hours ahead', '2025-09-02T03:00:00Z', endsSoon(0)],
    ['at the end', '2025-09-02T15:00:00Z', [{ code: 'expired', until: deferral.until }]],
    ['after the end', '2025-09-04T00:00:00Z', [{ code: 'expired', until: deferral.until }]],
  ])('%s', (_label, now, expected) => {
    expect(deferralWarnings(utc(now), deferral)).toEqual(expected);
  });
});

describe('securityFixesDuringDeferral', () => {
  const monthly = monthlyWindows(utc('2025-03-01T00:00:00Z'), utc('2025-12-01T00:00:00Z'), BERLIN);
  const critical = criticalWindow({
    id: 'crit-may',
    announcedAt: utc('2025-05-15T12:00:00Z'),
    start: utc('2025-05-20T18:00:00Z'),
    end: utc('2025-05-20T19:00:00Z'),
    title: 'Critical security maintenance',
  });
  const windows = mergeCalendar(monthly, [critical]);
  const release = (id: string, kind: ReleaseKind, releasedAt: string) => ({ id, kind, releasedAt: utc(releasedAt) });
  const releases = [
    release('sec-g', 'security', '2025-07-20T00:00:00Z'), // after the deferral: not its business
    release('sec-a', 'security', '2025-03-02T00:00:00Z'), // applied on 4 Mar, before the major came out
    release('sec-c', 'security', '2025-03-20T00:00:00Z'),
    release('sec-b', 'security', '2025-03-05T00:00:00Z'), // before the major, but first window is in the deferral
    release('minor-1', 'minor', '2025-04-10T00:00:00Z'),
    release('sec-d', 'security', '2025-05-15T00:00:00Z'),
    release('sec-e', 'security', '2025-06-03T15:00:00Z'), // released exactly when the June window starts
    release('sec-f', 'security', '2025-07-05T00:00:00Z'), // no window left before the deferral ends
    release('major-2', 'major', '2025-05-01T00:00:00Z'),
  ];
  const deferral = { release: release('major-1', 'major', '2025-03-10T10:00:00Z'), until: utc('2025-07-15T00:00:00Z') };

  it('assigns each fix to the first window after its release, within the deferral', () => {
    const schedule = securityFixesDuringDeferral(deferral, releases, windows);
    expect(schedule.windows.map((entry) => [entry.window.id, entry.securityReleases.map((r) => r.id)])).toEqual([
      ['monthly-2025-04', ['sec-b', 'sec-c']],
      ['monthly-2025-05', []],
      ['crit-may', ['sec-d']],
      ['monthly-2025-06', ['sec-e']],
      ['monthly-2025-07', []],
    ]);
    expect(schedule.afterDeferral.map((r) => r.id)).toEqual(['sec-f']);
  });

  it('has no windows when the deferral ends before the next window', () => {
    const short = { release: deferral.release, until: utc('2025-03-25T00:00:00Z') };
    const schedule = securityFixesDuringDeferral(short, releases, windows);
    expect(schedule.windows).toEqual([]);
    expect(schedule.afterDeferral.map((r) => r.id)).toEqual(['sec-c']);
  });

  it('puts every fix after the deferral when no windows are known', () => {
    const schedule = securityFixesDuringDeferral(deferral, releases, []);
    expect(schedule.windows).toEqual([]);
    expect(schedule.afterDeferral.map((r) => r.id)).toEqual(['sec-c', 'sec-d', 'sec-e', 'sec-f']);
  });
});
