// @vitest-environment jsdom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleError, errorCodes } from '../../../common/errors';
import { describeError, preconditionConflict, toConsoleError } from './errors';
import { i18n, languages } from './i18n';

const initialLanguage = i18n.language;
afterAll(async () => {
  await i18n.changeLanguage(initialLanguage);
});

describe.each(languages)('describeError in %s', (language) => {
  beforeAll(async () => {
    await i18n.changeLanguage(language);
  });

  it.each(errorCodes)('has its own title and message for %s', (code) => {
    expect(i18n.exists(`common:errors.${code}.title`, { lng: language, fallbackLng: false })).toBe(true);
    expect(i18n.exists(`common:errors.${code}.message`, { lng: language, fallbackLng: false })).toBe(true);
    const description = describeError(new ConsoleError(code, ''), i18n.t);
    expect(description.code).toBe(code);
    expect(description.title).not.toMatch(/errors\./);
    expect(description.message).not.toMatch(/errors\./);
    expect(description.message.length).toBeGreaterThan(10);
  });

  it('gives every code a distinct title', () => {
    const titles = errorCodes.map((code) => describeError(new ConsoleError(code, ''), i18n.t).title);
    expect(new Set(titles).size).toBe(errorCodes.length);
  });

  it('names the pinned, backup and presented pins on PIN_MISMATCH', () => {
    const expected = 'A'.repeat(43) + '=';
    const actual = 'B'.repeat(43) + '=';
    const backup = 'C'.repeat(43) + '=';
    const { hints = [] } = describeError(new ConsoleError('PIN_MISMATCH', 'pin mismatch', { expected, actual, backup }), i18n.t);
    expect(hints).toHaveLength(3);
    expect(hints.some((hint) => hint.includes(expected))).toBe(true);
    expect(hints.some((hint) => hint.includes(actual))).toBe(true);
    expect(hints.some((hint) => hint.includes(backup))).toBe(true);
  });

  it('shows the end of an account lock in local time', () => {
    const lockedUntil = '2026-03-04T15:30:00.000Z';
    const local = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(lockedUntil));
    const { message } = describeError(new ConsoleError('ACCOUNT_LOCKED', 'locked', { lockedUntil }), i18n.t);
    expect(message).toContain(local);
  });

  it('falls back to the plain lock message when lockedUntil is unreadable', () => {
    const plain = describeError(new ConsoleError('ACCOUNT_LOCKED', 'locked'), i18n.t).message;
    const broken = describeError(new ConsoleError('ACCOUNT_LOCKED', 'locked', { lockedUntil: 'soon' }), i18n.t).message;
    expect(broken).toBe(plain);
    expect(plain).not.toMatch(/\{\{/);
  });

  it.each([
    [1, '1'],
    [42, '42'],
    [2.2, '3'],
  ])('tells how many seconds to wait when rate limited (retryAfter %s)', (retryAfter, shown) => {
    const { message } = describeError(new ConsoleError('RATE_LIMITED', 'slow down', { retryAfter }), i18n.t);
    expect(message).toMatch(new RegExp(`\\b${shown}\\b`));
  });

  it('lists every field error of VALIDATION, the root as whole input', () => {
    const errors = [
      { path: 'url', message: 'Only https:// portals can be connected' },
      { path: 'pin', message: 'SPKI SHA-256 pin: 44 base64 characters' },
      { path: '', message: 'Unrecognized key' },
    ];
    const { hints = [] } = describeError(new ConsoleError('VALIDATION', 'invalid', { errors }), i18n.t);
    expect(hints).toHaveLength(3);
    expect(hints[0]).toBe('url: Only https:// portals can be connected');
    expect(hints[1]).toContain('pin: SPKI');
    expect(hints[2]).toBe(`${i18n.t('common:errors.validationRoot')}: Unrecognized key`);
  });

  it('adds the backend message as technical detail only where it names a cause', () => {
    expect(describeError(new ConsoleError('SERVER_ERROR', 'database down'), i18n.t).hints?.[0]).toContain('database down');
    expect(describeError(new ConsoleError('INVALID_CREDENTIALS', 'Invalid credentials'), i18n.t).hints).toBeUndefined();
  });
});

describe('toConsoleError', () => {
  it.each([
    ['a ConsoleError', new ConsoleError('FORBIDDEN', 'no'), 'FORBIDDEN'],
    ['a serialised error shape', { code: 'TIMEOUT', message: 'slow' }, 'TIMEOUT'],
    ['a plain Error', new Error('boom'), 'INTERNAL'],
    ['a string', 'boom', 'INTERNAL'],
    ['a shape with an unknown code', { code: 'NOPE', message: 'x' }, 'INTERNAL'],
  ])('maps %s', (_label, input, code) => {
    expect(toConsoleError(input).code).toBe(code);
  });
});

describe('preconditionConflict', () => {
  it('gives the current version and ETag of a 412', () => {
    const error = new ConsoleError('PRECONDITION_FAILED', 'changed', { current: { name: 'theirs' }, currentEtag: 'W/"7"' });
    expect(preconditionConflict(error)).toEqual({ current: { name: 'theirs' }, currentEtag: 'W/"7"' });
  });

  it.each([
    ['a 412 without an ETag', new ConsoleError('PRECONDITION_FAILED', 'changed', { current: 1 }), { current: 1, currentEtag: null }],
    ['another error', new ConsoleError('CONFLICT', 'taken', { current: 1 }), null],
  ])('handles %s', (_label, error, expected) => {
    expect(preconditionConflict(error)).toEqual(expected);
  });
});
