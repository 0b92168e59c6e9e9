import { describe, expect, it } from 'vitest';
import { formatAgo, formatBytes, formatDuration, localInputToIso } from './format';

describe('formatBytes', () => {
  it.each<[number | null, string, string]>([
    [null, 'en', '–'],
    [0, 'en', '0 B'],
    [999, 'en', '999 B'],
    [1000, 'en', '1.0 KB'],
    [4_886_675, 'en', '4.9 MB'],
    [4_886_675, 'de', '4,9 MB'],
    [123_456_789, 'en', '123 MB'],
    [9_224_315_000, 'de', '9,2 GB'],
  ])('%s (%s) -> %s', (bytes, language, expected) => {
    expect(formatBytes(bytes, language)).toBe(expected);
  });
});

describe('formatDuration', () => {
  it.each<[number | null, string, string]>([
    [null, 'en', '–'],
    [480, 'en', '0.48 s'],
    [480, 'de', '0,48 s'],
    [9_999, 'en', '10.00 s'],
    [12_400, 'en', '12 s'],
    [185_000, 'en', '3 min 5 s'],
    [2 * 3_600_000 + 4 * 60_000, 'en', '2 h 4 min'],
    [50 * 3_600_000, 'en', '2 d 2 h'],
  ])('%s ms (%s) -> %s', (ms, language, expected) => {
    expect(formatDuration(ms, language)).toBe(expected);
  });
});

describe('localInputToIso', () => {
  it('reads the local wall time of a datetime-local input', () => {
    expect(localInputToIso('2026-03-04T10:15')).toBe(new Date(2026, 2, 4, 10, 15).toISOString());
  });

  it.each(['', '  ', 'not a date'])('%j -> undefined', (value) => {
    expect(localInputToIso(value)).toBeUndefined();
  });
});

describe('formatAgo', () => {
  const now = Date.parse('2026-03-04T10:00:00Z');
  it.each<[string, string, string]>([
    ['2026-03-04T10:00:00Z', 'en', 'now'],
    ['2026-03-04T09:59:55Z', 'en', '5 seconds ago'],
    ['2026-03-04T09:59:55Z', 'de', 'vor 5 Sekunden'],
    ['2026-03-04T09:58:30Z', 'en', '1 minute ago'],
    ['2026-03-04T07:00:00Z', 'de', 'vor 3 Stunden'],
    ['2026-03-04T10:00:02Z', 'en', 'now'],
  ])('%s (%s) -> %s', (iso, language, expected) => {
    expect(formatAgo(iso, language, now)).toBe(expected);
  });
});
