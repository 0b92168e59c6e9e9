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

  it('says that an activation code expired, and for how long codes are valid', () => {
    const expired = new ConsoleError('INVALID_CREDENTIALS', 'expired', { status: 401, problemCode: 'activation_code_expired' });
    const wrong = new ConsoleError('INVALID_CREDENTIALS', 'wrong', { status: 401, problemCode: 'invalid_credentials' });
    const expiredMessage = describeError(expired, i18n.t).message;
    expect(expiredMessage).toContain('14');
    expect(expiredMessage).not.toBe(describeError(wrong, i18n.t).message);
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

  it('names the attachment, its size, the limit and what to do when an attachment is too large', () => {
    const details = { name: 'portal-server-log.log', size: 12_897_484, limit: 10_485_760, reason: 'attachment_too_large', hint: 'shorterRange' };
    const { message, hints = [] } = describeError(new ConsoleError('PAYLOAD_TOO_LARGE', 'too large', details), i18n.t);
    const number = (value: number, digits?: number) =>
      new Intl.NumberFormat(language, digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
    expect(message).toContain('portal-server-log.log');
    expect(message).toContain(`${number(12.3, 1)} MiB`);
    expect(message).toContain(number(12_897_484));
    expect(message).toContain(`${number(10, 1)} MiB`);
    expect(message).toContain(number(10_485_760));
    expect(hints).toEqual([i18n.t('support:errors.tooLarge.hint.shorterRange')]);
    expect(hints[0]).toMatch(language === 'de' ? /kürzeren Zeitraum/ : /shorter time range/);
  });

  it('names the total and the limit of all attachments of a ticket', () => {
    const details = { size: 27_262_976, limit: 26_214_400, reason: 'ticket_attachments_too_large' };
    const { message, hints = [] } = describeError(new ConsoleError('PAYLOAD_TOO_LARGE', 'too large', details), i18n.t);
    expect(message).toContain(new Intl.NumberFormat(language, { minimumFractionDigits: 1 }).format(26));
    expect(message).toContain(new Intl.NumberFormat(language, { minimumFractionDigits: 1 }).format(25));
    expect(hints).toEqual([i18n.t('support:errors.tooLarge.hint.removeAttachments')]);
  });

  it('falls back to the general size text plus the portal’s own words when the size is not known', () => {
    const portal = new ConsoleError('PAYLOAD_TOO_LARGE', '"c.log" has 9437184 bytes', { status: 413, problemCode: 'attachment_too_large', hint: 'unknown' });
    const { message, hints = [] } = describeError(portal, i18n.t);
    expect(message).toBe(i18n.t('common:errors.PAYLOAD_TOO_LARGE.message'));
    expect(hints).toEqual([i18n.t('common:errors.technicalDetail', { message: '"c.log" has 9437184 bytes' })]);
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
