import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addSupportMinutes,
  firstResponseDeadline,
  isWithinSupportHours,
  nextSupportTimeStart,
  responseTarget,
  severities,
  supportPackages,
  supportTimeBetween,
  type ResponseTarget,
  type Severity,
  type SupportPackage,
} from './sla';

const at = (iso: string): Date => new Date(iso);
const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

describe('responseTarget', () => {
  const hours = (value: number): ResponseTarget => ({ kind: 'hours', hours: value, clock: 'support-hours' });
  const effort: ResponseTarget = { kind: 'reasonable-effort' };
  const table: [SupportPackage, Severity, ResponseTarget][] = [
    ['starter', 'critical', hours(24)],
    ['starter', 'major', effort],
    ['starter', 'other', effort],
    ['advanced', 'critical', hours(4)],
    ['advanced', 'major', hours(24)],
    ['advanced', 'other', effort],
    ['professional', 'critical', hours(2)],
    ['professional', 'major', hours(8)],
    ['professional', 'other', hours(48)],
    ['premium', 'critical', { kind: 'hours', hours: 1, clock: '24/7' }],
    ['premium', 'major', hours(4)],
    ['premium', 'other', hours(24)],
  ];

  it.each(table)('%s / %s', (pkg, severity, expected) => {
    expect(responseTarget(pkg, severity)).toEqual(expected);
  });

  it('covers every package and severity', () => {
    expect(table).toHaveLength(supportPackages.length * severities.length);
  });
});

describe('firstResponseDeadline', () => {
  it.each<[string, string, SupportPackage, Severity, string | null]>([
    // Friday 16:30 CET + 4 h: 30 min on Friday, 3.5 h on Monday from 09:00.
    ['Friday afternoon into Monday', '2025-01-10T15:30:00Z', 'advanced', 'critical', '2025-01-13T11:30:00Z'],
    // Tuesday 20:00 CEST is after hours: counting starts Wednesday 09:00 CEST, due 13:00 CEST.
    ['created in the evening', '2025-06-10T18:00:00Z', 'premium', 'major', '2025-06-11T11:00:00Z'],
    // Thursday before Easter 16:00 CEST: 1 h Thursday, Good Friday..Easter Monday off, 3 h on Tuesday.
    ['over Good Friday and Easter Monday', '2026-04-02T14:00:00Z', 'advanced', 'critical', '2026-04-07T10:00:00Z'],
    // 23.12. 16:00 CET + 24 h: 1 h + 8 h (24.12. is a working day) + 25./26. and weekend off + 8 h + 7 h.
    ['over Christmas', '2025-12-23T15:00:00Z', 'starter', 'critical', '2025-12-30T15:00:00Z'],
    // 48 h from 30.12. 09:00 CET: 30., 31., 2.1., 5.1., 7.1., 8.1. (1.1. and 6.1. are holidays).
    ['over New Year and Epiphany', '2025-12-30T08:00:00Z', 'professional', 'other', '2026-01-08T16:00:00Z'],
    // DST starts Sunday 30 March 2025: Friday 16:00 CET (UTC+1) -> Monday 12:00 CEST (UTC+2).
    ['over the spring DST switch', '2025-03-28T15:00:00Z', 'advanced', 'critical', '2025-03-31T10:00:00Z'],
    // DST ends Sunday 26 October 2025: Friday 16:00 CEST (UTC+2) -> Monday 12:00 CET (UTC+1).
    ['over the autumn DST switch', '2025-10-24T14:00:00Z', 'advanced', 'critical', '2025-10-27T11:00:00Z'],
    // Monday 28 Feb 2028 16:00 CET + 24 h: 1 h, the leap day 29 Feb (8 h), 1 March (8 h), 7 h on Thursday.
    ['over a leap day', '2028-02-28T15:00:00Z', 'advanced', 'major', '2028-03-02T15:00:00Z'],
    // Friday 31 Dec 2027 16:00 CET + 8 h: 1 h on New Year's Eve (a working day), 1 Jan and the weekend off, 7 h on Monday.
    ['from 31 December', '2027-12-31T15:00:00Z', 'professional', 'major', '2028-01-03T15:00:00Z'],
    // Friday 30 April 2027 16:00 CEST (a month's last day) + 4 h: 1 h, then Saturday 1 May (a holiday anyway), 3 h on Monday.
    ["from a month's last day", '2027-04-30T14:00:00Z', 'advanced', 'critical', '2027-05-03T10:00:00Z'],
    // 24 support hours are three full working days of 8 h.
    ['24 h from Monday 09:00', '2025-02-03T08:00:00Z', 'advanced', 'major', '2025-02-05T16:00:00Z'],
    ['2 h within one day', '2025-02-04T10:15:00Z', 'professional', 'critical', '2025-02-04T12:15:00Z'],
    // Exactly filling a day ends at 17:00, not at 09:00 of the next day.
    ['8 h from 09:00 ends at 17:00', '2025-02-04T08:00:00Z', 'professional', 'major', '2025-02-04T16:00:00Z'],
    // Premium critical runs 24/7: Saturday night, one hour later, across the spring DST switch.
    ['premium critical on Saturday', '2025-01-11T22:15:00Z', 'premium', 'critical', '2025-01-11T23:15:00Z'],
    ['premium critical during the DST night', '2025-03-30T00:30:00Z', 'premium', 'critical', '2025-03-30T01:30:00Z'],
    ['premium critical on Christmas Day', '2025-12-25T10:00:00Z', 'premium', 'critical', '2025-12-25T11:00:00Z'],
    ['reasonable effort has no deadline', '2025-02-04T10:00:00Z', 'starter', 'major', null],
    ['advanced other has no deadline', '2025-02-04T10:00:00Z', 'advanced', 'other', null],
  ])('%s', (_label, createdAt, pkg, severity, expected) => {
    const expectedIso = expected === null ? null : at(expected).toISOString();
    expect(iso(firstResponseDeadline(at(createdAt), pkg, severity))).toBe(expectedIso);
  });

  it('rejects an invalid creation date instead of computing a NaN deadline', () => {
    expect(() => firstResponseDeadline(new Date('not a date'), 'premium', 'critical')).toThrow(RangeError);
    expect(() => firstResponseDeadline(new Date(Number.NaN), 'advanced', 'major')).toThrow(RangeError);
  });

  it('does not count Premium critical in support hours while Premium major is', () => {
    const saturday = at('2025-01-11T10:00:00Z');
    expect(iso(firstResponseDeadline(saturday, 'premium', 'critical'))).toBe('2025-01-11T11:00:00.000Z');
    expect(iso(firstResponseDeadline(saturday, 'premium', 'major'))).toBe('2025-01-13T12:00:00.000Z');
  });
});

describe('isWithinSupportHours', () => {
  it.each([
    ['Monday 09:00 CET', '2025-02-03T08:00:00Z', true],
    ['Monday 08:59 CET', '2025-02-03T07:59:00Z', false],
    ['Monday 16:59:59 CET', '2025-02-03T15:59:59Z', true],
    ['Monday 17:00 CET', '2025-02-03T16:00:00Z', false],
    ['Saturday noon', '2025-02-08T11:00:00Z', false],
    ['Sunday noon', '2025-02-09T11:00:00Z', false],
    ['Fronleichnam noon', '2025-06-19T10:00:00Z', false],
    ['Christmas Eve noon (a working day)', '2025-12-24T11:00:00Z', true],
    // The same UTC time is 09:30 in summer (CEST) but 08:30 in winter (CET).
    ['07:30 UTC in July', '2025-07-08T07:30:00Z', true],
    ['07:30 UTC in January', '2025-01-07T07:30:00Z', false],
    ['16:30 UTC in July (18:30 CEST)', '2025-07-08T16:30:00Z', false],
    ['15:30 UTC in January (16:30 CET)', '2025-01-07T15:30:00Z', true],
  ])('%s -> %s', (_label, instant, expected) => {
    expect(isWithinSupportHours(at(instant))).toBe(expected);
  });
});

describe('nextSupportTimeStart', () => {
  it.each([
    ['within support hours: unchanged', '2025-02-04T10:12:34.567Z', '2025-02-04T10:12:34.567Z'],
    ['early morning: 09:00 the same day', '2025-02-04T05:00:00Z', '2025-02-04T08:00:00Z'],
    ['at 17:00: next morning', '2025-02-04T16:00:00Z', '2025-02-05T08:00:00Z'],
    ['Friday evening: Monday', '2025-02-07T19:00:00Z', '2025-02-10T08:00:00Z'],
    ['Whit Sunday evening: Tuesday, Whit Monday is a holiday', '2025-06-08T18:00:00Z', '2025-06-10T07:00:00Z'],
    ['Saturday before spring DST: Monday 09:00 CEST', '2025-03-29T22:00:00Z', '2025-03-31T07:00:00Z'],
    ['Saturday before autumn DST: Monday 09:00 CET', '2025-10-25T21:00:00Z', '2025-10-27T08:00:00Z'],
    ['Christmas Eve evening: 29.12.', '2025-12-24T17:00:00Z', '2025-12-29T08:00:00Z'],
  ])('%s', (_label, instant, expected) => {
    expect(nextSupportTimeStart(at(instant)).toISOString()).toBe(new Date(expected).toISOString());
  });
});

describe('supportTimeBetween', () => {
  it.each([
    ['Friday 16:00 to Monday 10:00 CET', '2025-01-10T15:00:00Z', '2025-01-13T09:00:00Z', 120],
    ['Monday 09:00 to Wednesday 17:00', '2025-02-03T08:00:00Z', '2025-02-05T16:00:00Z', 24 * 60],
    ['overnight outside support hours', '2025-02-04T16:30:00Z', '2025-02-05T07:30:00Z', 0],
    ['a whole week from Sunday to Sunday', '2025-02-02T12:00:00Z', '2025-02-09T12:00:00Z', 5 * 8 * 60],
    ['Easter week: Thursday 16:00 to Tuesday 12:00 CEST', '2026-04-02T14:00:00Z', '2026-04-07T10:00:00Z', 4 * 60],
    ['Friday across autumn DST to Monday 10:00 CET', '2025-10-24T14:00:00Z', '2025-10-27T09:00:00Z', 120],
    ['same instant', '2025-02-04T10:00:00Z', '2025-02-04T10:00:00Z', 0],
    ['seconds make fractional minutes', '2025-02-04T10:00:00Z', '2025-02-04T10:00:30Z', 0.5],
    ['overdue by 90 minutes is negative', '2025-02-04T12:30:00Z', '2025-02-04T11:00:00Z', -90],
  ])('%s -> %s min', (_label, from, to, expected) => {
    expect(supportTimeBetween(at(from), at(to))).toBe(expected);
  });
});

describe('addSupportMinutes', () => {
  it('rejects negative or non-finite durations', () => {
    expect(() => addSupportMinutes(at('2025-02-04T10:00:00Z'), -1)).toThrow(RangeError);
    expect(() => addSupportMinutes(at('2025-02-04T10:00:00Z'), Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('adding zero minutes outside support hours gives the next support start', () => {
    expect(addSupportMinutes(at('2025-02-08T11:00:00Z'), 0).toISOString()).toBe('2025-02-10T08:00:00.000Z');
  });

  const instants = fc.date({ min: at('2024-01-01T00:00:00Z'), max: at('2030-12-31T00:00:00Z'), noInvalidDate: true });
  const durations = fc.integer({ min: 0, max: 6000 });

  it('is the inverse of supportTimeBetween', () => {
    fc.assert(
      fc.property(instants, durations, (start, minutes) => {
        expect(supportTimeBetween(start, addSupportMinutes(start, minutes))).toBe(minutes);
      }),
    );
  });

  it('ends within support hours or exactly at 17:00 local on a working day', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 1, max: 6000 }), (start, minutes) => {
        const end = addSupportMinutes(start, minutes);
        const local = DateTime.fromJSDate(end, { zone: 'Europe/Berlin' });
        const endsAtClose = local.hour === 17 && local.minute === 0 && local.second === 0 && local.millisecond === 0;
        expect(isWithinSupportHours(end) || (endsAtClose && local.weekday <= 5)).toBe(true);
      }),
    );
  });
});
