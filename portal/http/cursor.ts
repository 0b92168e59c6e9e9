import { z } from 'zod';
import { problem } from './problem';

/** Opaque cursor: base64url of the JSON of the last row's sort key. */
export function encodeCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Decodes a cursor made by encodeCursor and checks its shape; a bad cursor is the client's mistake (400). */
export function decodeCursor<T extends z.ZodType>(cursor: string, shape: T): z.output<T> {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const parsed = shape.safeParse(decoded);
  if (!parsed.success) {
    throw problem(400, 'Bad Request', {
      code: 'invalid_cursor',
      detail: 'The cursor is not valid; start again from the first page.',
      errors: [{ path: 'cursor', message: 'Invalid cursor' }],
    });
  }
  return parsed.data;
}
