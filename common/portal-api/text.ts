/**
 * Characters no text of the portal can hold: NUL (PostgreSQL text refuses it) and lone UTF-16
 * surrogates (they have no UTF-8 form). The portal refuses them in every request with 400.
 */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const IMPOSSIBLE_CHARACTER = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasImpossibleCharacter(text: string): boolean {
  return IMPOSSIBLE_CHARACTER.test(text);
}

/**
 * The dotted path of the first string (value or object key) in `value` with an impossible character,
 * or null when there is none. Walks at most `maxDepth` levels (deeper input is refused elsewhere).
 */
export function findImpossibleText(value: unknown, path = '', maxDepth = 64): string | null {
  if (typeof value === 'string') return hasImpossibleCharacter(value) ? path : null;
  if (value === null || typeof value !== 'object' || maxDepth === 0) return null;
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : Object.entries(value);
  for (const [key, item] of entries) {
    const itemPath = path === '' ? key : `${path}.${key}`;
    if (hasImpossibleCharacter(key)) return itemPath;
    const found = findImpossibleText(item, itemPath, maxDepth - 1);
    if (found !== null) return found;
  }
  return null;
}
