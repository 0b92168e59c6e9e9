import { describe, expect, it } from 'vitest';
import { formatAvailability, formatMinutes, formatMonth } from './availability-format';

describe('availability formats', () => {
  it.each([
    [0, 'en', '0 min'],
    [0.2, 'en', '1 min'],
    [95, 'de', '1 h 35 min'],
    [120, 'en', '2 h'],
    [221.7, 'en', '3 h 42 min'],
    [-28, 'de', '−28 min'],
  ])('%f minutes in %s read %s', (minutes, language, expected) => {
    expect(formatMinutes(minutes, language)).toBe(expected);
  });

  it('never rounds a missed month up to the target', () => {
    expect(formatAvailability(0.994999, 'en')).toBe('99.499%');
    expect(formatAvailability(0.995, 'de')).toBe('99,5\u00a0%');
    expect(formatAvailability(1, 'en')).toBe('100.0%');
  });

  it('names the month in the portal time zone, not the console one', () => {
    // 1 May 2027 00:00 in Berlin is still 30 April in UTC.
    expect(formatMonth('2027-04-30T22:00:00.000Z', 'Europe/Berlin', 'de')).toBe('Mai 2027');
    expect(formatMonth('2027-04-30T22:00:00.000Z', 'UTC', 'en')).toBe('April 2027');
  });
});
