import { describe, expect, it } from 'vitest';
import { bearerTokenOf, hashSessionToken, newSessionToken } from './tokens';

describe('session tokens', () => {
  it('are 32 random bytes in base64url and differ every time', () => {
    const token = newSessionToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newSessionToken()).not.toBe(token);
  });

  it('are stored as a SHA-256 hash that never equals the token', () => {
    const token = newSessionToken();
    expect(hashSessionToken(token)).toHaveLength(43);
    expect(hashSessionToken(token)).toBe(hashSessionToken(token));
    expect(hashSessionToken(token)).not.toBe(token);
  });

  const token = 'abcdefghijklmnopqrstuvwxyz0123456789_-ABCDE';
  it.each([
    [undefined, null],
    ['', null],
    [`Bearer ${token}`, token],
    [`bearer ${token}`, token],
    [`Bearer   ${token}  `, token],
    [`Basic ${token}`, null],
    ['Bearer short', null],
    [`Bearer ${token}!`, null],
    [`Bearer ${token} extra`, null],
  ])('bearerTokenOf(%j) = %j', (header, expected) => {
    expect(bearerTokenOf(header)).toBe(expected);
  });
});
