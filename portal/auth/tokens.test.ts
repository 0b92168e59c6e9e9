import { describe, expect, it } from 'vitest';
import { bearerTokenOf, hashSessionToken, newSessionToken, REMEMBERED_SESSION_TTL_MS, SESSION_TTL_MS, sessionLifetime } from './tokens';

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

describe('sessionLifetime', () => {
  it.each([
    [false, false, { remembered: false, ttlMs: SESSION_TTL_MS }],
    [true, false, { remembered: true, ttlMs: REMEMBERED_SESSION_TTL_MS }],
    [true, true, { remembered: false, ttlMs: SESSION_TTL_MS }],
    [false, true, { remembered: false, ttlMs: SESSION_TTL_MS }],
  ])('remember requested %s, remember-me disabled %s -> %j', (requested, disableRememberMe, expected) => {
    expect(sessionLifetime(requested, { disableRememberMe })).toEqual(expected);
  });

  it('is 8 hours normally and 30 days remembered', () => {
    expect(SESSION_TTL_MS).toBe(8 * 60 * 60 * 1000);
    expect(REMEMBERED_SESSION_TTL_MS).toBe(30 * 24 * 60 * 60 * 1000);
  });
});
