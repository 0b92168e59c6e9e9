// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { i18n } from '../../lib/i18n';
import { calendarLanguageOf, deferralWarningText, durationText } from './view';
import { formatZoned } from './zoned-format';

const en = i18n.getFixedT('en');
const de = i18n.getFixedT('de');

describe('durationText', () => {
  it.each([
    [{ days: 10, hours: 4, minutes: 5 }, '10 days, 4 hours', '10 Tage, 4 Stunden'],
    [{ days: 1, hours: 0, minutes: 30 }, '1 day', '1 Tag'],
    [{ days: 0, hours: 1, minutes: 1 }, '1 hour, 1 minute', '1 Stunde, 1 Minute'],
    [{ days: 0, hours: 3, minutes: 0 }, '3 hours', '3 Stunden'],
    [{ days: 0, hours: 0, minutes: 12 }, '12 minutes', '12 Minuten'],
    [{ days: 0, hours: 0, minutes: 0 }, 'less than a minute', 'weniger als eine Minute'],
  ])('%o -> %s / %s', (parts, english, german) => {
    const countdown = { ...parts, over: false };
    expect(durationText(countdown, en)).toBe(english);
    expect(durationText(countdown, de)).toBe(german);
  });

  it('reads as a sentence in the countdown badge', () => {
    const countdown = { days: 0, hours: 0, minutes: 0, over: false };
    expect(de('updates:deferral.countdown', { duration: durationText(countdown, de) })).toBe('Noch weniger als eine Minute');
    expect(en('updates:deferral.countdown', { duration: durationText(countdown, en) })).toBe('less than a minute left');
  });
});

describe('deferralWarningText', () => {
  const view = { zone: 'Europe/Berlin', now: new Date('2026-03-10T09:00:00Z') };
  const until = new Date('2026-03-20T11:00:00Z');
  const endsSoon = { code: 'ends_soon' as const, until, daysLeft: 10 };

  const date = (language: string) => formatZoned(until, language, view.zone);

  it.each([
    ['en', en, (on: string) => `The deferral of 13.0.0 ends in 10 days, 2 hours, on ${on}.`],
    ['de', de, (on: string) => `Der Aufschub von 13.0.0 endet am ${on} (noch 10 Tage, 2 Stunden).`],
  ])('%s: says the same days and hours as the countdown', (language, t, start) => {
    const text = deferralWarningText(endsSoon, '13.0.0', { ...view, language }, t);
    expect(text.startsWith(start(date(language)))).toBe(true);
  });

  it('words an expired deferral', () => {
    const text = deferralWarningText({ code: 'expired', until }, '13.0.0', { ...view, language: 'de' }, de);
    expect(text).toBe(`Der Aufschub von 13.0.0 ist am ${date('de')} abgelaufen; das Update wird im nächsten Wartungsfenster eingespielt.`);
  });
});

describe('calendarLanguageOf', () => {
  it.each([
    ['de', 'de'],
    ['de-AT', 'de'],
    ['en', 'en'],
    ['en-GB', 'en'],
    ['fr', 'en'],
  ])('%s -> %s', (language, expected) => {
    expect(calendarLanguageOf(language)).toBe(expected);
  });
});
