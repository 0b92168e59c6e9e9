import { describe, expect, it } from 'vitest';
import { badenWuerttembergHolidays, easterSunday, isBwHoliday } from './holidays';

describe('easterSunday', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
    [2000, '2000-04-23'],
    [2019, '2019-04-21'],
    // The extremes of the Gregorian cycle: earliest possible (22 March) and latest possible (25 April).
    [1818, '1818-03-22'],
    [2285, '2285-03-22'],
    [1943, '1943-04-25'],
    [2038, '2038-04-25'],
  ])('%i -> %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it('always falls on a Sunday between 22 March and 25 April', () => {
    for (let year = 1900; year <= 2200; year += 1) {
      const easter = easterSunday(year);
      expect(new Date(`${easter}T00:00:00Z`).getUTCDay()).toBe(0);
      expect(easter.slice(5) >= '03-22' && easter.slice(5) <= '04-25').toBe(true);
    }
  });

  it.each([1582, 2024.5, Number.NaN])('rejects %s as a year', (year) => {
    expect(() => easterSunday(year)).toThrow(RangeError);
  });
});

describe('badenWuerttembergHolidays', () => {
  const movable: Record<number, [string, string, string, string, string]> = {
    // Karfreitag, Ostermontag, Christi Himmelfahrt, Pfingstmontag, Fronleichnam
    2024: ['03-29', '04-01', '05-09', '05-20', '05-30'],
    2025: ['04-18', '04-21', '05-29', '06-09', '06-19'],
    2026: ['04-03', '04-06', '05-14', '05-25', '06-04'],
    2027: ['03-26', '03-29', '05-06', '05-17', '05-27'],
    2028: ['04-14', '04-17', '05-25', '06-05', '06-15'],
    2029: ['03-30', '04-02', '05-10', '05-21', '05-31'],
    2030: ['04-19', '04-22', '05-30', '06-10', '06-20'],
  };

  it.each(Object.entries(movable))('%s has the twelve BW holidays on the known dates', (yearText, dates) => {
    const year = Number(yearText);
    const [goodFriday, easterMonday, ascension, whitMonday, corpusChristi] = dates;
    const expected = [
      ['01-01', 'Neujahr'],
      ['01-06', 'Heilige Drei Könige'],
      [goodFriday, 'Karfreitag'],
      [easterMonday, 'Ostermontag'],
      ['05-01', 'Tag der Arbeit'],
      [ascension, 'Christi Himmelfahrt'],
      [whitMonday, 'Pfingstmontag'],
      [corpusChristi, 'Fronleichnam'],
      ['10-03', 'Tag der Deutschen Einheit'],
      ['11-01', 'Allerheiligen'],
      ['12-25', '1. Weihnachtstag'],
      ['12-26', '2. Weihnachtstag'],
    ]
      .map(([monthDay, name]) => ({ date: `${year}-${monthDay}`, de: name }))
      .sort((left, right) => left.date.localeCompare(right.date));

    const actual = badenWuerttembergHolidays(year).map((holiday) => ({ date: holiday.date, de: holiday.name.de }));
    expect(actual).toEqual(expected);
  });

  it('gives every holiday an English name as well', () => {
    const names = badenWuerttembergHolidays(2026).map((holiday) => holiday.name.en);
    expect(names).toContain('Good Friday');
    expect(names).toContain('Corpus Christi');
    expect(names.every((name) => name.length > 0)).toBe(true);
  });

  it('keeps both entries when Ascension Day falls on Labour Day (2008)', () => {
    const onFirstOfMay = badenWuerttembergHolidays(2008).filter((holiday) => holiday.date === '2008-05-01');
    expect(onFirstOfMay.map((holiday) => holiday.name.de).sort()).toEqual(['Christi Himmelfahrt', 'Tag der Arbeit']);
  });

  it('includes the one-off Reformation Day of 2017 only in 2017', () => {
    expect(badenWuerttembergHolidays(2017).map((holiday) => holiday.date)).toContain('2017-10-31');
    expect(badenWuerttembergHolidays(2018).map((holiday) => holiday.date)).not.toContain('2018-10-31');
  });
});

describe('isBwHoliday', () => {
  it.each([
    ['2025-01-06', true],
    ['2025-04-18', true],
    ['2025-06-19', true],
    ['2026-12-26', true],
    ['2030-06-10', true],
    // Christmas Eve and New Year's Eve are working days in Baden-Wuerttemberg.
    ['2025-12-24', false],
    ['2025-12-31', false],
    // Holidays of other states: Reformationstag (north and east), Buss- und Bettag (Saxony), Mariae Himmelfahrt (Bavaria/Saarland).
    ['2025-10-31', false],
    ['2025-11-19', false],
    ['2025-08-15', false],
    // Easter Sunday and Whit Sunday are Sundays anyway, not extra holidays in the list.
    ['2025-04-20', false],
    ['2025-03-03', false],
  ])('%s -> %s', (date, expected) => {
    expect(isBwHoliday(date)).toBe(expected);
  });

  it.each(['2025-1-6', '06.01.2025', '2025-01-06T00:00:00Z', ''])('rejects malformed date "%s"', (date) => {
    expect(() => isBwHoliday(date)).toThrow(RangeError);
  });
});
