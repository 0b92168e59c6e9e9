/**
 * A fresh Idempotency-Key for one thing the user adds (a comment): kept while the same text is retried,
 * replaced when the text changes or after success. getRandomValues works in every renderer context.
 */
export function newIdempotencyKey(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `${prefix}-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
