import { flattenLeaves, type DiffRow } from '../../components/conflict-diff';

/** A side that is null or `{}` (the entry created or deleted something) has no fields at all. */
function leavesOf(value: unknown): Map<string, unknown> {
  const empty = value === null || value === undefined || (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);
  return empty ? new Map() : flattenLeaves(value);
}

/**
 * Field-by-field before/after of an audit entry, in the order fields first appear (before first). `mine`
 * is the before, `theirs` the after, so the shared DiffRow shape fits.
 */
export function auditDiff(before: unknown, after: unknown): DiffRow[] {
  const beforeLeaves = leavesOf(before);
  const afterLeaves = leavesOf(after);
  const paths = [...new Set([...beforeLeaves.keys(), ...afterLeaves.keys()])];
  return paths.map((path) => {
    const inBefore = beforeLeaves.has(path);
    const inAfter = afterLeaves.has(path);
    const mine = beforeLeaves.get(path);
    const theirs = afterLeaves.get(path);
    return {
      path,
      mine,
      theirs,
      inMine: inBefore,
      inTheirs: inAfter,
      differs: inBefore !== inAfter || JSON.stringify(mine) !== JSON.stringify(theirs),
    };
  });
}
