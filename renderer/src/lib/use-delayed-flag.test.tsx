// @vitest-environment jsdom
import '../test/setup-dom';
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useDelayedFlag } from './use-delayed-flag';

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
afterEach(() => vi.useRealTimers());

describe('useDelayedFlag', () => {
  it('turns true only after the flag has stayed true for the delay, and false at once', () => {
    const hook = renderHook(({ flag }) => useDelayedFlag(flag, 250), { initialProps: { flag: false } });
    hook.rerender({ flag: true });
    act(() => vi.advanceTimersByTime(249));
    expect(hook.result.current).toBe(false);
    act(() => vi.advanceTimersByTime(1));
    expect(hook.result.current).toBe(true);
    hook.rerender({ flag: false });
    expect(hook.result.current).toBe(false);
  });

  it('stays false for work that ends before the delay, however often it starts again', () => {
    const hook = renderHook(({ flag }) => useDelayedFlag(flag, 250), { initialProps: { flag: false } });
    for (let i = 0; i < 5; i += 1) {
      hook.rerender({ flag: true });
      act(() => vi.advanceTimersByTime(200));
      expect(hook.result.current).toBe(false);
      hook.rerender({ flag: false });
      act(() => vi.advanceTimersByTime(100));
    }
    expect(hook.result.current).toBe(false);
  });
});
