export interface DiffRow {
  path: string;
  mine: unknown;
  theirs: unknown;
  inMine: boolean;
  inTheirs: boolean;
  differs: boolean;
}

/** Flattens nested objects and arrays into `a.b[0].c` paths with leaf values. */
export function flattenLeaves(value: unknown, prefix = '', into = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value) && value.length > 0) {
    value.forEach((item, index) => flattenLeaves(item, `${prefix}[${index}]`, into));
  } else if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [key, item] of Object.entries(value)) flattenLeaves(item, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into.set(prefix, value);
  }
  return into;
}

/** One row per leaf field of either version, in the order they first appear (mine first). */
export function diffRows(mine: unknown, theirs: unknown): DiffRow[] {
  const mineLeaves = flattenLeaves(mine);
  const theirLeaves = flattenLeaves(theirs);
  const paths = [...new Set([...mineLeaves.keys(), ...theirLeaves.keys()])];
  return paths.map((path) => {
    const inMine = mineLeaves.has(path);
    const inTheirs = theirLeaves.has(path);
    const mineValue = mineLeaves.get(path);
    const theirValue = theirLeaves.get(path);
    return {
      path,
      mine: mineValue,
      theirs: theirValue,
      inMine,
      inTheirs,
      differs: inMine !== inTheirs || !sameLeaf(mineValue, theirValue),
    };
  });
}

export function formatLeaf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value);
}

function sameLeaf(a: unknown, b: unknown): boolean {
  return Object.is(a, b) || JSON.stringify(a) === JSON.stringify(b);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
