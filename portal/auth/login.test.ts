import { describe, expect, it } from 'vitest';
import { afterFailure, isLocked, type LockState } from './login';

const now = new Date('2026-03-02T10:00:00Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
const rule = { maxFailures: 3, minutes: 30 };

describe('afterFailure', () => {
  it.each<[string, LockState, typeof rule, LockState]>([
    ['first failure counts', { failedAttempts: 0, lockedUntil: null }, rule, { failedAttempts: 1, lockedUntil: null }],
    ['second failure still open', { failedAttempts: 1, lockedUntil: null }, rule, { failedAttempts: 2, lockedUntil: null }],
    ['the failure that reaches N locks', { failedAttempts: 2, lockedUntil: null }, rule, { failedAttempts: 3, lockedUntil: minutes(30) }],
    ['an expired lock starts a fresh count', { failedAttempts: 3, lockedUntil: minutes(-1) }, rule, { failedAttempts: 1, lockedUntil: null }],
    ['lock ending exactly now has expired', { failedAttempts: 3, lockedUntil: now }, rule, { failedAttempts: 1, lockedUntil: null }],
    ['maxFailures 0 never locks', { failedAttempts: 41, lockedUntil: null }, { maxFailures: 0, minutes: 30 }, { failedAttempts: 42, lockedUntil: null }],
    ['maxFailures 1 locks at once, for the policy minutes', { failedAttempts: 0, lockedUntil: null }, { maxFailures: 1, minutes: 5 }, { failedAttempts: 1, lockedUntil: minutes(5) }],
  ])('%s', (_name, state, lockRule, expected) => {
    expect(afterFailure(state, lockRule, now)).toEqual(expected);
  });
});

describe('isLocked', () => {
  it.each([
    [null, false],
    [minutes(1), true],
    [now, false],
    [minutes(-1), false],
  ])('lockedUntil %s -> %s', (lockedUntil, expected) => {
    expect(isLocked({ failedAttempts: 3, lockedUntil }, now)).toBe(expected);
  });
});
