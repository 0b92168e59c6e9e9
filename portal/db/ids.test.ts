import { describe, expect, it } from 'vitest';
import { newTimeOrderedId } from './ids';

describe('newTimeOrderedId', () => {
  it('is a version-7, variant-1 UUID carrying the millisecond timestamp', () => {
    const ms = Date.UTC(2026, 2, 2, 9, 0, 0);
    const id = newTimeOrderedId(ms + 1_000_000);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(ms + 1_000_000);
  });

  it('increases strictly even within one millisecond and when the clock steps back', () => {
    const base = Date.now() + 5_000_000;
    const ids = [
      ...Array.from({ length: 5000 }, () => newTimeOrderedId(base)),
      newTimeOrderedId(base - 10_000),
      newTimeOrderedId(base + 1),
    ];
    const sorted = [...ids].sort();
    expect(sorted).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
