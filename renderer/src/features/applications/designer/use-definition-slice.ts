import { useRef, useState, useSyncExternalStore } from 'react';
import type { ApplicationDefinition } from '../../../../../common/domain/application-definition';
import { useDesignerStore } from './designer-store';

/**
 * The draft definition, but a component re-renders only when `same` says the parts it shows changed:
 * while `same(shown, current)` holds it keeps the definition it rendered last. Reading parts that `same`
 * does not compare is a bug (they may be stale); edits always go through the store, never through it.
 */
export function useDefinitionFor(same: (shown: ApplicationDefinition, current: ApplicationDefinition) => boolean): ApplicationDefinition {
  const shown = useRef<ApplicationDefinition | null>(null);
  // A new function at every render, so a changed `same` (another item selected) applies at once.
  const snapshot = () => {
    const current = useDesignerStore.getState().definition;
    const last = shown.current;
    if (last === null || (last !== current && !same(last, current))) shown.current = current;
    return shown.current ?? current;
  };
  return useSyncExternalStore(useDesignerStore.subscribe, snapshot);
}

/** The previous value while `equal` holds, so memoized children see the same reference. */
export function useStable<T>(value: T, equal: (a: T, b: T) => boolean): T {
  const [kept] = useState(() => new StableCache(value));
  return kept.keep(value, equal);
}

class StableCache<T> {
  constructor(private value: T) {}

  keep(value: T, equal: (a: T, b: T) => boolean): T {
    if (this.value !== value && !equal(this.value, value)) this.value = value;
    return this.value;
  }
}

/** Page ids and titles equal (what tabs and page pickers show). */
export function samePageTitles(a: ApplicationDefinition, b: ApplicationDefinition): boolean {
  if (a.pages === b.pages) return true;
  return a.pages.length === b.pages.length && a.pages.every((page, index) => page.id === b.pages[index]?.id && page.title === b.pages[index]?.title);
}
