import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { describeError } from './safe-error';

const HASH = 'scrypt$16384$8$1$c2FsdA==$aGFzaA==';

function pgError(message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(message), fields);
}

describe('describeError', () => {
  it('keeps the statement, SQLSTATE and constraint of a failed query, never its parameters', () => {
    const cause = pgError('duplicate key value violates unique constraint "users_login_lower_unique"', {
      code: '23505',
      constraint: 'users_login_lower_unique',
      table: 'users',
      detail: 'Key (lower(login))=(anna) already exists.',
    });
    const error = new DrizzleQueryError('insert into "users" ("login", "password_hash") values ($1, $2)', ['anna', HASH], cause);
    expect(error.message).toContain(HASH);
    const described = describeError(error);
    expect(described).toEqual({
      name: 'DrizzleQueryError',
      message: 'Failed query: duplicate key value violates unique constraint "users_login_lower_unique"',
      code: null,
      query: 'insert into "users" ("login", "password_hash") values ($1, $2)',
      sqlState: '23505',
      constraint: 'users_login_lower_unique',
      table: 'users',
    });
    expect(JSON.stringify(described)).not.toMatch(/anna|scrypt/);
  });

  it('drops the value PostgreSQL quotes in its message', () => {
    const cause = pgError('invalid input syntax for type uuid: "secret-looking-value"', { code: '22P02' });
    expect(describeError(cause)).toMatchObject({ message: 'invalid input syntax for type uuid: [value]', sqlState: '22P02' });
  });

  it('cuts a "params:" tail from any message, and describes non-errors', () => {
    expect(describeError(new Error(`Failed query: select 1\nparams: ${HASH}`)).message).toBe('Failed query: select 1\nparams: [not logged]');
    expect(describeError('plain text')).toEqual({ name: 'string', message: 'plain text', code: null });
  });
});
