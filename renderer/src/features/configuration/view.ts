import {
  selectorKey,
  type ConfigurationChange,
  type PrincipalMapping,
  type PrincipalRef,
  type SectionDiff,
} from '../../../../common/domain/portal-configuration';
import type { ConfigurationImportPreview } from '../../../../common/portal-api/configuration';

export const refKey = (ref: PrincipalRef) => `${ref.kind}:${ref.name.toLowerCase()}`;

/** What the administrator chose for a name: nothing yet, leave its entries out, or one of this portal's. */
export type MappingChoice = '' | 'skip' | string;

/** The changes that cannot be applied (the portal's rules refuse them), by selector key. */
export function blockedKeys(preview: ConfigurationImportPreview): Set<string> {
  return new Set(preview.contentIssues.map((issue) => selectorKey(issue)));
}

/** Preselected: every creation and change the portal accepts; removals only when ticked by hand. */
export function defaultSelection(preview: ConfigurationImportPreview): Set<string> {
  const blocked = blockedKeys(preview);
  return new Set(
    preview.sections.flatMap((section) => section.changes.filter((change) => change.kind !== 'removed' && !blocked.has(selectorKey(change))).map(selectorKey)),
  );
}

/** Keeps what was ticked and still exists; new changes get their default. */
export function carrySelection(previous: ReadonlySet<string>, before: ConfigurationImportPreview | null, next: ConfigurationImportPreview): Set<string> {
  const known = new Set(before?.sections.flatMap((section) => section.changes.map(selectorKey)) ?? []);
  const defaults = defaultSelection(next);
  const blocked = blockedKeys(next);
  return new Set(
    next.sections.flatMap((section) =>
      section.changes.map(selectorKey).filter((key) => !blocked.has(key) && (known.has(key) ? previous.has(key) : defaults.has(key))),
    ),
  );
}

export function selectedChanges(sections: readonly SectionDiff[], selection: ReadonlySet<string>): ConfigurationChange[] {
  return sections.flatMap((section) => section.changes.filter((change) => selection.has(selectorKey(change))));
}

/** The mapping the portal gets: only decided names. */
export function mappingList(choices: Readonly<Record<string, MappingChoice>>, names: readonly PrincipalRef[], available: readonly PrincipalRef[]): PrincipalMapping[] {
  const byKey = new Map(available.map((ref) => [refKey(ref), ref]));
  return names.flatMap((from): PrincipalMapping[] => {
    const choice = choices[refKey(from)] ?? '';
    if (choice === '') return [];
    if (choice === 'skip') return [{ from, to: null }];
    const to = byKey.get(choice);
    return to === undefined ? [] : [{ from, to }];
  });
}

function valueAt(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), value);
}

export interface FieldDifference {
  field: string;
  /** Shown as text when both sides are plain values; null for lists and objects ("changed"). */
  before: string | null;
  after: string | null;
}

const plain = (value: unknown): string | null =>
  value === null ? '–' : typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;

/** Each differing field of a change with its old and new value where they are plain values. */
export function fieldDifferences(change: ConfigurationChange): FieldDifference[] {
  return change.fields.map((field) => {
    const before = plain(valueAt(change.before, field));
    const after = plain(valueAt(change.after, field));
    return before === null || after === null ? { field, before: null, after: null } : { field, before, after };
  });
}
