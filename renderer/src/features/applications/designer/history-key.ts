import type { ApplicationDefinition } from '../../../../../common/domain/application-definition';

/**
 * The coalescing key of an edit: when exactly one text property of one item changed (typing a name, a
 * label, a title), `<item id>.<property>`; otherwise null. Consecutive edits with the same key are one
 * undo step. Cheap because edits keep unchanged items' objects.
 */
export function editKey(before: ApplicationDefinition, after: ApplicationDefinition): string | null {
  if (before.pages === after.pages) return listKey(before.dataGroups, after.dataGroups, 'fields');
  if (before.dataGroups !== after.dataGroups) return null;
  return listKey(before.pages, after.pages, 'controls');
}

type Item = { id: string } & object;

function listKey<T extends Item>(before: readonly T[], after: readonly T[], childrenKey: keyof T): string | null {
  const changed = onlyChanged(before, after);
  if (!changed) return null;
  const [old, next] = changed;
  const keys = changedKeys(old, next);
  if (keys.length !== 1) return null;
  const key = keys[0]!;
  if (key === childrenKey) {
    const inner = onlyChanged(old[key] as unknown as Item[], next[key] as unknown as Item[]);
    if (!inner) return null;
    const innerKeys = changedKeys(inner[0], inner[1]);
    return innerKeys.length === 1 && isText(inner[1], innerKeys[0]!) ? `${inner[1].id}.${innerKeys[0]!}` : null;
  }
  return isText(next, key) ? `${next.id}.${String(key)}` : null;
}

/** The one item that differs (same length, same order), or null. */
function onlyChanged<T extends Item>(before: readonly T[], after: readonly T[]): [T, T] | null {
  if (before.length !== after.length) return null;
  let found: [T, T] | null = null;
  for (let i = 0; i < before.length; i += 1) {
    if (before[i] === after[i]) continue;
    if (found || before[i]!.id !== after[i]!.id) return null;
    found = [before[i]!, after[i]!];
  }
  return found;
}

function changedKeys<T extends object>(before: T, after: T): (keyof T)[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)] as (keyof T)[]);
  return [...keys].filter((key) => before[key] !== after[key]);
}

function isText<T extends object>(item: T, key: keyof T): boolean {
  return typeof item[key] === 'string';
}
