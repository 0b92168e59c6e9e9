/** "0 min", "35 min", "3 h 42 min": downtime and budgets, rounded to whole minutes (up from the first second). */
export function formatMinutes(minutes: number, language: string): string {
  const sign = minutes < 0 ? '−' : '';
  const whole = Math.max(0, Math.ceil(Math.abs(minutes) - 1e-9));
  const number = (value: number) => new Intl.NumberFormat(language).format(value);
  if (whole < 60) return `${sign}${number(whole)} min`;
  const rest = whole % 60;
  return `${sign}${number(Math.floor(whole / 60))} h${rest === 0 ? '' : ` ${number(rest)} min`}`;
}

/** "99,786 %": three decimals at most, so 99.5 % and 99.499 % never look the same. */
export function formatAvailability(ratio: number, language: string): string {
  const truncated = Math.floor(ratio * 100_000) / 100_000;
  return new Intl.NumberFormat(language, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 3 }).format(truncated);
}

/** "Mai 2027" / "May 2027", the month as the portal's time zone counts it. */
export function formatMonth(fromIso: string, timeZone: string, language: string): string {
  return new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone }).format(new Date(fromIso));
}

/** A `<input type="datetime-local">` value for `date` in the console's local time, to the minute. */
export function localInputValue(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
