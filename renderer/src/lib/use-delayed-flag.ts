import { useEffect, useState } from 'react';

/**
 * `flag`, but true only once it has stayed true for `delayMs`; false again at once. A spinner for work that is
 * quick nearly every time (a search answers in ~50-100 ms) then shows only when the work is slow, instead of
 * flashing at every key, and its animation does not take the CPU the work itself needs.
 */
export function useDelayedFlag(flag: boolean, delayMs: number): boolean {
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (!flag) {
      setHeld(false);
      return undefined;
    }
    const timer = setTimeout(() => setHeld(true), delayMs);
    return () => clearTimeout(timer);
  }, [flag, delayMs]);
  return flag && held;
}
