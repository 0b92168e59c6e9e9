import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from './cursor';
import { ProblemError } from './problem';

const Shape = z.tuple([z.string(), z.number()]);

describe('cursor', () => {
  it('round-trips the sort key and is opaque url-safe text', () => {
    const cursor = encodeCursor(['Müller', 42]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, Shape)).toEqual(['Müller', 42]);
  });

  it.each([
    ['not base64 json', '!!!'],
    ['wrong shape', encodeCursor(['a', 'b'])],
    ['empty', ''],
  ])('rejects %s with a 400 problem', (_name, cursor) => {
    let error: unknown;
    try {
      decodeCursor(cursor, Shape);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).statusCode).toBe(400);
    expect((error as ProblemError).body.code).toBe('invalid_cursor');
  });
});
