import { z } from 'zod';
import { findImpossibleText } from '../../common/portal-api/text';
import { problem } from './problem';

/** Opaque cursor: base64url of the JSON of the last row's sort key. */
export function encodeCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Cursors are short; anything longer was not made by encodeCursor. */
const MAX_CURSOR_LENGTH = 4096;

const FIRST_YEAR = 1;
const LAST_YEAR = 9999;

function yearInRange(time: number): boolean {
  if (!Number.isFinite(time)) return false;
  const year = new Date(time).getUTCFullYear();
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}

/** An ISO timestamp PostgreSQL can take: a real calendar day, years 1 to 9999. */
export const CursorTimestamp = z.iso.datetime({ offset: true }).refine((value) => {
  const [, year, month, day] = /^(\d{4})-(\d{2})-(\d{2})/.exec(value) ?? [];
  const calendarDay = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return calendarDay.getUTCDate() === Number(day) && yearInRange(Date.parse(value));
});

/** A sort key that is text: bounded, and only characters a text column can hold. */
export const CursorText = z.string().max(1000);

/** An int4 key (e.g. a version number). */
export const CursorInteger = z.number().int().min(-2_147_483_648).max(2_147_483_647);

function invalidCursor(): Error {
  return problem(400, 'Bad Request', {
    code: 'invalid_cursor',
    detail: 'The cursor is not valid; start again from the first page.',
    errors: [{ path: 'cursor', message: 'Invalid cursor' }],
  });
}

/**
 * Decodes a cursor made by encodeCursor and checks its shape before any value reaches SQL; a bad
 * cursor is the client's mistake (400).
 */
export function decodeCursor<T extends z.ZodType>(cursor: string, shape: T): z.output<T> {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]*$/.test(cursor)) throw invalidCursor();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (findImpossibleText(decoded) !== null) throw invalidCursor();
  const parsed = shape.safeParse(decoded);
  if (!parsed.success) throw invalidCursor();
  return parsed.data;
}
