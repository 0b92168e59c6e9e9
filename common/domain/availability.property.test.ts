import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { availabilityReport, reportRange, subtractIntervals, unionOf, type MaintenanceSpan, type OutageSpan } from './availability';

// Service description 2.4.5: "Als Ausfallzeiten gelten nur Störungen der Supportstufe „Kritische Störung“" and
// "99,5% im Monatsdurchschnitt nach Abzug der geplanten und zuvor mitgeteilten Wartungszeiten".

const BERLIN = 'Europe/Berlin';
const NOW = new Date('2027-04-10T12:00:00Z');
const { from, to } = reportRange(NOW, BERLIN, 12);
const MINUTE = 60_000;

const instant = fc.integer({ min: from.getTime(), max: NOW.getTime() }).map((ms) => Math.floor(ms / MINUTE) * MINUTE);
const outage: fc.Arbitrary<OutageSpan> = fc
  .record({
    start: instant,
    minutes: fc.integer({ min: 1, max: 60 * 24 * 40 }),
    ongoing: fc.boolean(),
    severity: fc.constantFrom('critical', 'critical', 'major', 'other'),
    customerComponent: fc.boolean(),
  })
  .map(({ start, minutes, ongoing, severity, customerComponent }) => ({
    start: new Date(start),
    end: ongoing ? null : new Date(start + minutes * MINUTE),
    severity,
    customerComponent,
  }));
const maintenance: fc.Arbitrary<MaintenanceSpan> = fc
  .record({ start: instant, minutes: fc.integer({ min: 1, max: 600 }), noticeHours: fc.integer({ min: 0, max: 200 }) })
  .map(({ start, minutes, noticeHours }) => ({
    start: new Date(start),
    end: new Date(start + minutes * MINUTE),
    announcedAt: new Date(start - noticeHours * 3_600_000),
  }));

const report = (outages: OutageSpan[], criticalMaintenance: MaintenanceSpan[]) =>
  availabilityReport({ zone: BERLIN, outages, criticalMaintenance, now: NOW });

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('availability properties', () => {
  it('the months split the counted outage time exactly: downtime + excused over all months = the union of critical outage time', () => {
    fc.assert(
      fc.property(fc.array(outage, { maxLength: 8 }), fc.array(maintenance, { maxLength: 4 }), (outages, windows) => {
        const months = report(outages, windows);
        const counted = outages.filter((o) => o.severity === 'critical' && !o.customerComponent);
        const union = unionOf(
          counted.map((o) => ({ start: o.start.getTime(), end: Math.min(o.end?.getTime() ?? NOW.getTime(), NOW.getTime(), to.getTime()) })),
        );
        const expectedMinutes = sum(union.map((i) => i.end - i.start)) / MINUTE;
        expect(sum(months.map((m) => m.downtimeMinutes + m.excusedMinutes))).toBeCloseTo(expectedMinutes, 6);
      }),
    );
  });

  it('every month lies between 0 and 100 %, its status agrees with its budget, and only critical faults move it', () => {
    fc.assert(
      fc.property(fc.array(outage, { maxLength: 8 }), fc.array(maintenance, { maxLength: 4 }), (outages, windows) => {
        const months = report(outages, windows);
        const onlyCritical = report(
          outages.filter((o) => o.severity === 'critical'),
          windows,
        );
        months.forEach((month, index) => {
          expect(month.availability).toBeGreaterThanOrEqual(0);
          expect(month.availability).toBeLessThanOrEqual(1);
          expect(month.scheduledMinutes + month.maintenanceMinutes).toBe(month.monthMinutes);
          expect(month.status === 'missed').toBe(month.budgetLeftMinutes < 0);
          expect(month.status === 'on_track').toBe(month.current && month.budgetLeftMinutes >= 0);
          expect(onlyCritical[index]).toEqual(month);
        });
      }),
    );
  });

  it('one more critical outage never raises a month, and the order of the records does not matter', () => {
    fc.assert(
      fc.property(fc.array(outage, { maxLength: 6 }), outage, fc.array(maintenance, { maxLength: 3 }), (outages, extra, windows) => {
        const before = report(outages, windows);
        const after = report([...outages, { ...extra, severity: 'critical' }], windows);
        after.forEach((month, index) => expect(month.availability).toBeLessThanOrEqual(before[index]!.availability));
        expect(report([...outages].reverse(), [...windows].reverse())).toEqual(before);
      }),
    );
  });

  it('subtracting intervals leaves nothing that the removed union covers', () => {
    const interval = fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 200 })).map(([s, l]) => ({ start: s, end: s + l }));
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 8 }), fc.array(interval, { maxLength: 8 }), (a, b) => {
        const base = unionOf(a);
        const cut = unionOf(b);
        const rest = subtractIntervals(base, cut);
        for (const r of rest) for (const c of cut) expect(r.end <= c.start || r.start >= c.end).toBe(true);
        const length = (xs: { start: number; end: number }[]) => sum(xs.map((x) => x.end - x.start));
        const overlap = length(subtractIntervals(base, rest));
        expect(length(rest) + overlap).toBe(length(base));
      }),
    );
  });
});
