import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CursorInteger, CursorText, CursorTimestamp, decodeCursor, encodeCursor } from './cursor';
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
    ['a NUL in a text key', encodeCursor(['\u0000', 1])],
    ['a lone surrogate', encodeCursor(['\ud800', 1])],
    ['longer than any real cursor', 'A'.repeat(5000)],
  ])('rejects %s with a 400 problem', (_name, cursor) => {
    expectInvalid(() => decodeCursor(cursor, Shape));
  });

  it.each([
    ['a day that does not exist', ['2026-02-31T00:00:00Z', 1]],
    ['year 0', ['0000-01-01T00:00:00Z', 1]],
    ['beyond int4', ['2026-03-02T09:00:00Z', 2 ** 31]],
    ['a text key longer than 1000', ['2026-03-02T09:00:00Z', 1, 'x'.repeat(1001)]],
  ])('checks typed keys before SQL sees them: %s', (_name, key) => {
    const Typed = z.tuple([CursorTimestamp, CursorInteger]).rest(CursorText);
    expect(decodeCursor(encodeCursor(['2026-03-02T09:00:00.000+01:00', 7, 'ok']), Typed)).toEqual(['2026-03-02T09:00:00.000+01:00', 7, 'ok']);
    expectInvalid(() => decodeCursor(encodeCursor(key), Typed));
  });
});

function expectInvalid(decode: () => unknown): void {
  let error: unknown;
  try {
    decode();
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ProblemError);
  expect((error as ProblemError).statusCode).toBe(400);
  expect((error as ProblemError).body.code).toBe('invalid_cursor');
}
