// @vitest-environment jsdom
import '../../test/setup-dom';
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SEARCH_DEBOUNCE_MS, useBurstDebouncedValue } from './search-debounce';

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
afterEach(() => vi.useRealTimers());

/** The hook over a value the test changes, and every value it applied, in order. */
function debounced() {
  const applied: string[] = [];
  const hook = renderHook(({ value }) => {
    const result = useBurstDebouncedValue(value);
    if (applied.at(-1) !== result) applied.push(result);
    return result;
  }, { initialProps: { value: '' } });
  return { applied, type: (value: string) => hook.rerender({ value }), wait: (ms: number) => act(() => vi.advanceTimersByTime(ms)), current: () => hook.result.current };
}

describe('the search debounce', () => {
  it('applies a key typed after a pause at once, without waiting', () => {
    const search = debounced();
    search.type('M');
    expect(search.current()).toBe('M');
    search.wait(200);
    search.type('Mü');
    expect(search.current()).toBe('Mü');
    expect(search.applied).toEqual(['', 'M', 'Mü']);
  });

  it('holds the keys that follow one another closer than the debounce until they pause, then applies only the last', () => {
    const search = debounced();
    search.type('s');
    for (const value of ['sc', 'sch', 'schm']) {
      search.wait(SEARCH_DEBOUNCE_MS - 10);
      search.type(value);
      expect(search.current()).toBe('s');
    }
    search.wait(SEARCH_DEBOUNCE_MS - 1);
    expect(search.current()).toBe('s');
    search.wait(1);
    expect(search.current()).toBe('schm');
    expect(search.applied).toEqual(['', 's', 'schm']);
  });

  it('applies a key at once again once a burst has paused', () => {
    const search = debounced();
    search.type('a');
    search.wait(5);
    search.type('an');
    search.wait(SEARCH_DEBOUNCE_MS);
    expect(search.current()).toBe('an');
    search.type('ann');
    expect(search.current()).toBe('ann');
  });
});
