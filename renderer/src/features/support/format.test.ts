import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { bytesToBase64, formatBytes, formatMinutes, fromLocalInput, toLocalInput } from './format';

const t = ((key: string, values: Record<string, number>) => `${key}:${JSON.stringify(values)}`) as unknown as TFunction;

describe('formatBytes', () => {
  it.each([
    [0, 'en', '0 B'],
    [1536, 'en', '1.5 KiB'],
    [10 * 1024 * 1024, 'de', '10,0 MiB'],
    [250 * 1024 * 1024, 'en', '250 MiB'],
  ])('%i bytes in %s', (bytes, language, expected) => {
    expect(formatBytes(bytes, language)).toBe(expected);
  });
});

describe('formatMinutes', () => {
  it.each([
    [45, 'support:duration.minutes:{"minutes":45}'],
    [120, 'support:duration.hours:{"hours":2}'],
    [200.4, 'support:duration.hoursMinutes:{"hours":3,"minutes":20}'],
    [-5, 'support:duration.minutes:{"minutes":0}'],
  ])('%d minutes', (minutes, expected) => {
    expect(formatMinutes(minutes, t)).toBe(expected);
  });
});

describe('datetime-local values', () => {
  it('round-trip to the minute and reject empty input', () => {
    const date = new Date(2026, 2, 2, 9, 5);
    expect(toLocalInput(date)).toBe('2026-03-02T09:05');
    expect(fromLocalInput('2026-03-02T09:05')?.getTime()).toBe(date.getTime());
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('garbage')).toBeNull();
  });
});

describe('bytesToBase64', () => {
  it('matches Node for data larger than one chunk', () => {
    const bytes = new Uint8Array(100_000).map((_, index) => index % 251);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });
});
