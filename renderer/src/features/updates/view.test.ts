// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { i18n } from '../../lib/i18n';
import { durationText } from './view';

const en = i18n.getFixedT('en');
const de = i18n.getFixedT('de');

describe('durationText', () => {
  it.each([
    [{ days: 10, hours: 4, minutes: 5 }, '10 days, 4 hours', '10 Tage, 4 Stunden'],
    [{ days: 1, hours: 0, minutes: 30 }, '1 day', '1 Tag'],
    [{ days: 0, hours: 1, minutes: 1 }, '1 hour, 1 minute', '1 Stunde, 1 Minute'],
    [{ days: 0, hours: 3, minutes: 0 }, '3 hours', '3 Stunden'],
    [{ days: 0, hours: 0, minutes: 12 }, '12 minutes', '12 Minuten'],
    [{ days: 0, hours: 0, minutes: 0 }, 'less than a minute', 'weniger als einer Minute'],
  ])('%o -> %s / %s', (parts, english, german) => {
    const countdown = { ...parts, over: false };
    expect(durationText(countdown, en)).toBe(english);
    expect(durationText(countdown, de)).toBe(german);
  });
});
