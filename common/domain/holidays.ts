/**
 * Public holidays in Baden-Wuerttemberg (the support calendar of the service description).
 * 24.12. and 31.12. are ordinary working days there, so they are deliberately not listed.
 */

export type IsoDate = string;

export interface Holiday {
  /** Calendar date `YYYY-MM-DD` (local date, no time zone). */
  date: IsoDate;
  name: { de: string; en: string };
}

interface MonthDay {
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Easter Sunday of a Gregorian year (Anonymous Gregorian algorithm, a.k.a. Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  assertGregorianYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatIsoDate(year, { month, day });
}

const fixedHolidays: { on: MonthDay; name: Holiday['name'] }[] = [
  { on: { month: 1, day: 1 }, name: { de: 'Neujahr', en: "New Year's Day" } },
  { on: { month: 1, day: 6 }, name: { de: 'Heilige Drei Könige', en: 'Epiphany' } },
  { on: { month: 5, day: 1 }, name: { de: 'Tag der Arbeit', en: 'Labour Day' } },
  { on: { month: 10, day: 3 }, name: { de: 'Tag der Deutschen Einheit', en: 'German Unity Day' } },
  { on: { month: 11, day: 1 }, name: { de: 'Allerheiligen', en: "All Saints' Day" } },
  { on: { month: 12, day: 25 }, name: { de: '1. Weihnachtstag', en: 'Christmas Day' } },
  { on: { month: 12, day: 26 }, name: { de: '2. Weihnachtstag', en: "St. Stephen's Day" } },
];

const easterRelativeHolidays: { offsetDays: number; name: Holiday['name'] }[] = [
  { offsetDays: -2, name: { de: 'Karfreitag', en: 'Good Friday' } },
  { offsetDays: 1, name: { de: 'Ostermontag', en: 'Easter Monday' } },
  { offsetDays: 39, name: { de: 'Christi Himmelfahrt', en: 'Ascension Day' } },
  { offsetDays: 50, name: { de: 'Pfingstmontag', en: 'Whit Monday' } },
  { offsetDays: 60, name: { de: 'Fronleichnam', en: 'Corpus Christi' } },
];

/** Reformation Day was a one-off public holiday in every German state for its 500th anniversary. */
const oneOffHolidays: Holiday[] = [
  { date: '2017-10-31', name: { de: 'Reformationstag (500. Jahrestag)', en: 'Reformation Day (500th anniversary)' } },
];

/**
 * All public holidays of a year, sorted by date. Two holidays may share a date
 * (Ascension Day fell on 1 May in 2008); both entries are kept.
 */
export function badenWuerttembergHolidays(year: number): Holiday[] {
  assertGregorianYear(year);
  const easter = easterSunday(year);
  const holidays: Holiday[] = [
    ...fixedHolidays.map(({ on, name }) => ({ date: formatIsoDate(year, on), name })),
    ...easterRelativeHolidays.map(({ offsetDays, name }) => ({ date: addDays(easter, offsetDays), name })),
    ...oneOffHolidays.filter((holiday) => holiday.date.startsWith(`${year}-`)),
  ];
  return holidays.sort((left, right) => left.date.localeCompare(right.date));
}

const holidayDatesByYear = new Map<number, ReadonlySet<IsoDate>>();

function holidayDates(year: number): ReadonlySet<IsoDate> {
  let dates = holidayDatesByYear.get(year);
  if (!dates) {
    dates = new Set(badenWuerttembergHolidays(year).map((holiday) => holiday.date));
    holidayDatesByYear.set(year, dates);
  }
  return dates;
}

/** True when the calendar date `YYYY-MM-DD` is a public holiday in Baden-Wuerttemberg. */
export function isBwHoliday(isoDate: IsoDate): boolean {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new RangeError(`Expected a date as YYYY-MM-DD, got "${isoDate}"`);
  return holidayDates(Number(match[1])).has(isoDate);
}

function assertGregorianYear(year: number): void {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`Expected a Gregorian year between 1583 and 9999, got ${year}`);
  }
}

function formatIsoDate(year: number, { month, day }: MonthDay): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Calendar arithmetic on UTC midnight, which has no DST, so whole days stay whole days. */
function addDays(isoDate: IsoDate, days: number): IsoDate {
  const shifted = new Date(`${isoDate}T00:00:00Z`);
  shifted.setUTCDate(shifted.getUTCDate() + days);
  return shifted.toISOString().slice(0, 10);
}
