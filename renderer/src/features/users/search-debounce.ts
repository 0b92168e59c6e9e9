import { useEffect, useRef, useState } from 'react';

/**
 * Keys closer together than this are one burst (a fast typist, a key held down, a paste and a correction): the
 * search waits for the burst to pause this long. A search the next key supersedes is cancelled all the way to the
 * portal, so a burst costs at most one query that is dropped, not a queue of them. (Its own module: the bench reads it.)
 */
export const SEARCH_DEBOUNCE_MS = 30;

/**
 * The value a search should use: a change after a pause of at least `wait` ms applies at once (no delay for a key
 * typed at a person's pace, which is nearly every key); a change following the previous one sooner waits until
 * the changes pause for `wait`. A trailing-only debounce made every key wait `wait` ms before its request left.
 */
export function useBurstDebouncedValue<T>(value: T, wait: number = SEARCH_DEBOUNCE_MS): T {
  const [applied, setApplied] = useState(value);
  const previous = useRef({ value, changedAt: Number.NEGATIVE_INFINITY });
  useEffect(() => {
    if (Object.is(previous.current.value, value)) return undefined;
    const now = performance.now();
    const sincePrevious = now - previous.current.changedAt;
    previous.current = { value, changedAt: now };
    if (sincePrevious >= wait) {
      setApplied(value);
      return undefined;
    }
    const timer = setTimeout(() => setApplied(value), wait);
    return () => clearTimeout(timer);
  }, [value, wait]);
  return applied;
}
