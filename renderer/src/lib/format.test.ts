import { describe, expect, it } from 'vitest';
import { formatTimestamp } from '../features/diagnostics/format';
import { formatLogTime } from '../features/diagnostics/logs-query';
import { formatZoned, formatZonedRange } from '../features/updates/zoned-format';
import { formatDateTime } from './format';

// Issue 11: "05:00 PM" stood beside "17:00" on one screen and the server log had yet another form.
const fivePmBerlin = '2026-12-01T16:00:00.000Z';
const berlin = 'Europe/Berlin';

function shownTimes(language: string): string[] {
  return [
    formatZoned(fivePmBerlin, language, berlin),
    formatZonedRange(fivePmBerlin, '2026-12-01T20:00:00.000Z', language, berlin),
    formatLogTime(fivePmBerlin, language, berlin),
  ];
}

describe('one clock style per UI language', () => {
  it.each(['de', 'en'])('shows 17:00 and never AM/PM in %s', (language) => {
    for (const text of shownTimes(language)) {
      expect(text).toContain('17:00');
      expect(text).not.toMatch(/\b[AP]M\b/);
    }
    expect(formatDateTime(fivePmBerlin, language)).not.toMatch(/\b[AP]M\b/);
    expect(formatTimestamp(fivePmBerlin, language)).not.toMatch(/\b[AP]M\b/);
  });

  it('writes the date the same way in the log as in the other views', () => {
    expect(formatLogTime(fivePmBerlin, 'en', berlin)).toMatch(/^Dec 1, 2026, 17:00:00\.000$/);
    expect(formatLogTime(fivePmBerlin, 'de', berlin)).toMatch(/^1\. Dez\. 2026, 17:00:00,000$/);
    expect(formatZoned(fivePmBerlin, 'en', berlin)).toContain('Dec 1, 2026');
  });
});
