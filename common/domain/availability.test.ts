import { describe, expect, it } from 'vitest';
import {
  announcedInTime,
  availabilityReport,
  monthAvailability,
  monthRange,
  reportRange,
  type MaintenanceSpan,
  type OutageSpan,
} from './availability';

const BERLIN = 'Europe/Berlin';
const at = (iso: string) => new Date(iso);
const critical = (start: string, end: string | null, extra: Partial<OutageSpan> = {}): OutageSpan => ({
  start: at(start),
  end: end === null ? null : at(end),
  severity: 'critical',
  customerComponent: false,
  ...extra,
});
const AFTER_JANUARY = at('2027-02-15T10:00:00Z');
const january = (outages: OutageSpan[], criticalMaintenance: MaintenanceSpan[] = [], now = AFTER_JANUARY) =>
  monthAvailability({ year: 2027, month: 1, zone: BERLIN, outages, criticalMaintenance, now });

// January 2027 in Berlin: 31 days = 44,640 minutes; the monthly window is Tuesday 5 January, 17:00-21:00 CET
// (16:00-20:00 UTC), 240 minutes. Due time: 44,400 minutes; 0.5 % of that is 222 minutes.
describe('availability of a month (service description 2.4.5)', () => {
  it('"eine Verfügbarkeit ... von 99,5% im Monatsdurchschnitt nach Abzug der geplanten und zuvor mitgeteilten Wartungszeiten": 222 minutes are allowed, 223 are not', () => {
    const met = january([critical('2027-01-12T08:00:00Z', '2027-01-12T11:42:00Z')]);
    expect(met).toMatchObject({
      monthMinutes: 44_640,
      maintenanceMinutes: 240,
      scheduledMinutes: 44_400,
      downtimeMinutes: 222,
      allowedDowntimeMinutes: 222,
      budgetLeftMinutes: 0,
      status: 'met',
      current: false,
      countedOutages: 1,
    });
    expect(met.availability).toBeCloseTo(0.995, 10);
    const missed = january([critical('2027-01-12T08:00:00Z', '2027-01-12T11:43:00Z')]);
    expect(missed.status).toBe('missed');
    expect(missed.budgetLeftMinutes).toBe(-1);
    expect(missed.availability).toBeLessThan(0.995);
  });

  it('"Als Ausfallzeiten gelten nur Störungen der Supportstufe „Kritische Störung“": a major or other fault of ten hours costs nothing', () => {
    const result = january([
      critical('2027-01-12T08:00:00Z', '2027-01-12T18:00:00Z', { severity: 'major' }),
      critical('2027-01-13T08:00:00Z', '2027-01-13T18:00:00Z', { severity: 'other' }),
    ]);
    expect(result).toMatchObject({ downtimeMinutes: 0, availability: 1, status: 'met', countedOutages: 0 });
  });

  it('"Ausfallzeiten, die durch einen Fehler in einer vom Kunden entwickelten Komponente begründet sind, werden ... nicht eingerechnet"', () => {
    const result = january([critical('2027-01-12T08:00:00Z', '2027-01-12T18:00:00Z', { customerComponent: true })]);
    expect(result).toMatchObject({ downtimeMinutes: 0, availability: 1, countedOutages: 0 });
  });

  it('a critical outage inside the monthly window (first Tuesday from 17:00) is not counted; the part outside it is', () => {
    const inside = january([critical('2027-01-05T16:30:00Z', '2027-01-05T19:30:00Z')]);
    expect(inside).toMatchObject({ downtimeMinutes: 0, excusedMinutes: 180, countedOutages: 0, status: 'met' });
    // 15:00-17:00 CET before the window (60 min UTC 15:00-16:00) plus 21:00-22:00 CET after it.
    const across = january([critical('2027-01-05T15:00:00Z', '2027-01-05T21:00:00Z')]);
    expect(across).toMatchObject({ downtimeMinutes: 120, excusedMinutes: 240, countedOutages: 1 });
  });

  it('"der nicht mindestens 72 Stunden im Voraus dem Kunden angekündigt wird" is downtime: critical maintenance announced 72 h ahead is excluded, 71 h ahead is not', () => {
    const start = '2027-01-20T06:00:00Z';
    const end = '2027-01-20T08:00:00Z';
    const outage = critical(start, end);
    const inTime: MaintenanceSpan = { start: at(start), end: at(end), announcedAt: at('2027-01-17T06:00:00Z') };
    const late: MaintenanceSpan = { ...inTime, announcedAt: at('2027-01-17T07:00:00Z') };
    expect(announcedInTime(inTime)).toBe(true);
    expect(announcedInTime(late)).toBe(false);
    expect(january([outage], [inTime])).toMatchObject({ maintenanceMinutes: 360, scheduledMinutes: 44_280, downtimeMinutes: 0, excusedMinutes: 120 });
    expect(january([outage], [late])).toMatchObject({ maintenanceMinutes: 240, downtimeMinutes: 120 });
  });

  it('overlapping outages are counted once', () => {
    const result = january([
      critical('2027-01-12T08:00:00Z', '2027-01-12T09:00:00Z'),
      critical('2027-01-12T08:30:00Z', '2027-01-12T09:30:00Z'),
    ]);
    expect(result).toMatchObject({ downtimeMinutes: 90, countedOutages: 2 });
  });

  it('an outage over a month boundary is split at midnight Berlin time', () => {
    // 31 January 23:00 CET to 1 February 01:00 CET.
    const outage = critical('2027-01-31T22:00:00Z', '2027-02-01T00:00:00Z');
    const now = at('2027-03-10T00:00:00Z');
    expect(monthAvailability({ year: 2027, month: 1, zone: BERLIN, outages: [outage], criticalMaintenance: [], now }).downtimeMinutes).toBe(60);
    expect(monthAvailability({ year: 2027, month: 2, zone: BERLIN, outages: [outage], criticalMaintenance: [], now }).downtimeMinutes).toBe(60);
  });

  it('months are measured in Berlin wall time: March has 23 hours less one, October one more', () => {
    expect(monthAvailability({ year: 2026, month: 3, zone: BERLIN, outages: [], criticalMaintenance: [], now: AFTER_JANUARY }).monthMinutes).toBe(
      31 * 1440 - 60,
    );
    expect(monthAvailability({ year: 2026, month: 10, zone: BERLIN, outages: [], criticalMaintenance: [], now: AFTER_JANUARY }).monthMinutes).toBe(
      31 * 1440 + 60,
    );
    expect(monthRange(2026, 3, BERLIN).from.toISOString()).toBe('2026-02-28T23:00:00.000Z');
    expect(monthRange(2026, 10, BERLIN).to.toISOString()).toBe('2026-10-31T23:00:00.000Z');
  });

  it('an ongoing outage counts up to now; the current month is "on track" until its budget is spent', () => {
    const now = at('2027-01-12T10:00:00Z');
    const ongoing = critical('2027-01-12T08:00:00Z', null);
    const result = january([ongoing], [], now);
    expect(result).toMatchObject({ current: true, downtimeMinutes: 120, budgetLeftMinutes: 102, status: 'on_track' });
    const later = january([ongoing], [], at('2027-01-12T11:43:00Z'));
    expect(later.status).toBe('missed');
  });

  it('an outage recorded later than now does not count', () => {
    const result = january([critical('2027-01-12T08:00:00Z', '2027-01-12T09:00:00Z')], [], at('2027-01-12T08:30:00Z'));
    expect(result.downtimeMinutes).toBe(30);
  });
});

describe('availabilityReport', () => {
  it('gives the current month and the 12 before it, newest first', () => {
    const now = at('2027-01-12T10:00:00Z');
    const report = availabilityReport({ zone: BERLIN, outages: [], criticalMaintenance: [], now });
    expect(report).toHaveLength(13);
    expect(report[0]).toMatchObject({ month: '2027-01', current: true });
    expect(report[12]).toMatchObject({ month: '2026-01', current: false, status: 'met' });
    expect(reportRange(now, BERLIN)).toEqual({ from: at('2025-12-31T23:00:00Z'), to: at('2027-01-31T23:00:00Z') });
  });
});
