import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { checkIfMatch, etagOf, parseIfMatch } from './etag';
import { ProblemError } from './problem';

function requestWith(ifMatch?: string | string[]): FastifyRequest {
  return { headers: ifMatch === undefined ? {} : { 'if-match': ifMatch } } as unknown as FastifyRequest;
}

function thrown(fn: () => void): ProblemError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ProblemError) return error;
    throw error;
  }
  throw new Error('expected a problem');
}

describe('etagOf', () => {
  it('is a strong, quoted tag that changes with version and id', () => {
    expect(etagOf(3)).toBe('"v3"');
    expect(etagOf(3, 'abc')).toBe('"abc.v3"');
    expect(etagOf(4, 'abc')).not.toBe(etagOf(3, 'abc'));
    expect(etagOf(3, 'abd')).not.toBe(etagOf(3, 'abc'));
  });
});

describe('parseIfMatch', () => {
  it.each([
    ['"a"', ['"a"']],
    ['"a", "b"', ['"a"', '"b"']],
    ['*', ['*']],
    ['W/"a", "b"', ['W/"a"', '"b"']],
    ['unquoted', []],
  ])('%s', (header, expected) => {
    expect(parseIfMatch(header)).toEqual(expected);
  });
});

describe('checkIfMatch', () => {
  const current = { id: 'u1', displayName: 'Anna Müller' };
  const etag = etagOf(2, 'u1');

  it.each([[etag], [`"other", ${etag}`], ['*']])('accepts If-Match %s', (header) => {
    expect(() => checkIfMatch(requestWith(header), etag, current)).not.toThrow();
  });

  it.each([[undefined], [''], ['   ']])('answers 428 when If-Match is missing (%j)', (header) => {
    const problem = thrown(() => checkIfMatch(requestWith(header), etag, current));
    expect(problem.statusCode).toBe(428);
    expect(problem.body.code).toBe('if_match_required');
  });

  it.each([[etagOf(1, 'u1')], [`W/${etag}`], ['garbage']])('answers 412 with both versions for If-Match %s', (header) => {
    const problem = thrown(() => checkIfMatch(requestWith(header), etag, current));
    expect(problem.statusCode).toBe(412);
    expect(problem.body).toMatchObject({ status: 412, code: 'etag_mismatch', current, currentEtag: etag });
  });
});
