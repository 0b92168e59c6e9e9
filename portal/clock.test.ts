import { describe, expect, it } from 'vitest';
import { parseClockStart, runningClockFrom } from './clock';

describe('runningClockFrom', () => {
  it('starts at the given instant and runs on with the machine', () => {
    let machine = Date.parse('2026-12-04T23:00:00Z');
    const now = runningClockFrom(new Date('2027-01-04T11:00:00Z'), () => machine);
    expect(now().toISOString()).toBe('2027-01-04T11:00:00.000Z');
    machine += 90_000;
    expect(now().toISOString()).toBe('2027-01-04T11:01:30.000Z');
  });
});

describe('parseClockStart', () => {
  it('takes an ISO instant with offset and nothing else', () => {
    expect(parseClockStart('2028-02-29T12:00:00+01:00')?.toISOString()).toBe('2028-02-29T11:00:00.000Z');
    expect(parseClockStart('2027-03-28T01:30:00Z')?.toISOString()).toBe('2027-03-28T01:30:00.000Z');
    for (const bad of ['', 'now', '2027-01-04', '2027-01-04T12:00:00', '2027-02-30T12:00:00Z']) expect(parseClockStart(bad)).toBeNull();
  });
});
