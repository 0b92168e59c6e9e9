import { useRef, useSyncExternalStore } from 'react';
import type { DefinitionIssue } from '../../../../../common/domain/application-definition';

const sameIssues = (a: readonly DefinitionIssue[], b: readonly DefinitionIssue[]) => a.length === b.length && JSON.stringify(a) === JSON.stringify(b);

/**
 * The draft's validation results, outside React state: the workspace layout (grid, drag-and-drop context,
 * palette) does not re-render when they change, only the parts that show them (each through `useIssues`).
 * An edit that changes an issue (a move onto another control) then re-renders the issue list and the boxes.
 */
export class IssuesStore {
  private listeners = new Set<() => void>();

  constructor(private issues: readonly DefinitionIssue[]) {}

  readonly get = (): readonly DefinitionIssue[] => this.issues;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Kept while equal: most edits (moves) change no issue, and then nothing is told. */
  set(next: readonly DefinitionIssue[]): void {
    if (sameIssues(this.issues, next)) return;
    this.issues = next;
    for (const listener of this.listeners) listener();
  }
}

/** `select(issues)`, recomputed when the issues change and kept (same reference) while `equal` holds. */
export function useIssues<T>(store: IssuesStore, select: (issues: readonly DefinitionIssue[]) => T, equal: (a: T, b: T) => boolean = Object.is): T {
  const kept = useRef<{ issues: readonly DefinitionIssue[]; value: T } | null>(null);
  const snapshot = () => {
    const issues = store.get();
    const last = kept.current;
    if (last !== null && last.issues === issues) return last.value;
    const value = select(issues);
    kept.current = { issues, value: last !== null && equal(last.value, value) ? last.value : value };
    return kept.current.value;
  };
  return useSyncExternalStore(store.subscribe, snapshot);
}

/** Ids of the targets of the given kinds' issues. */
export const idsOf = (issues: readonly DefinitionIssue[], kinds: readonly DefinitionIssue['target']['kind'][]): ReadonlySet<string> =>
  new Set(issues.filter((issue) => kinds.includes(issue.target.kind)).map((issue) => issue.target.id));

/** Whether an id has an issue, for many small subscribers (one per canvas box): each re-renders only when its own answer changes. */
export interface IssueFlags {
  subscribe(listener: () => void): () => void;
  has(id: string): boolean;
}

const targetIds = new WeakMap<readonly DefinitionIssue[], ReadonlySet<string>>();

/** The flags of every issue target in the store; the id set is built once per issue list, not once per box. */
export function issueFlags(store: IssuesStore): IssueFlags {
  return {
    subscribe: store.subscribe,
    has: (id) => {
      const issues = store.get();
      let ids = targetIds.get(issues);
      if (ids === undefined) {
        ids = new Set(issues.map((issue) => issue.target.id));
        targetIds.set(issues, ids);
      }
      return ids.has(id);
    },
  };
}

const noChange = () => () => undefined;

/** Flags that never change (a fixed set of ids). */
export const fixedIssueFlags = (ids: ReadonlySet<string>): IssueFlags => ({ subscribe: noChange, has: (id) => ids.has(id) });

export const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>) => a.size === b.size && [...a].every((id) => b.has(id));
