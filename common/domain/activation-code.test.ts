import { describe, expect, it } from 'vitest';
import {
  ACTIVATION_CODE_ALPHABET,
  ACTIVATION_CODE_BYTES,
  activationCodeExpiry,
  activationCodesCsv,
  activationCodesFileName,
  encodeActivationCode,
  isActivationCodeShaped,
  normalizeActivationCode,
} from './activation-code';

describe('encodeActivationCode', () => {
  it('turns 18 bytes into 7 groups of 4 Crockford characters (140 bits)', () => {
    expect(ACTIVATION_CODE_BYTES).toBe(18);
    expect(encodeActivationCode(new Uint8Array(18))).toBe('0000-0000-0000-0000-0000-0000-0000');
    expect(encodeActivationCode(new Uint8Array(18).fill(255))).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    // 0b00001 00010 00011 ... : the first bytes spell 1, 2, 3, ...
    const counting = Uint8Array.from([0x08, 0x86, 0x42, 0x98, 0xe8, ...new Array<number>(13).fill(0)]);
    expect(encodeActivationCode(counting).slice(0, 9)).toBe('1234-5678');
  });

  it('uses every character of the alphabet and no other', () => {
    const bytes = Uint8Array.from({ length: 18 }, (_, i) => (i * 37 + 11) & 255);
    const code = encodeActivationCode(bytes).replace(/-/g, '');
    expect([...code].every((char) => ACTIVATION_CODE_ALPHABET.includes(char))).toBe(true);
    expect(isActivationCodeShaped(encodeActivationCode(bytes))).toBe(true);
  });

  it('refuses too few random bytes', () => {
    expect(() => encodeActivationCode(new Uint8Array(17))).toThrow(RangeError);
  });
});

describe('normalizeActivationCode', () => {
  it.each([
    ['abcd-efgh', 'ABCDEFGH'],
    [' ABCD EFGH ', 'ABCDEFGH'],
    ['O0-Il', '0011'],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeActivationCode(input)).toBe(expected);
  });

  it('tells code-shaped input from passwords', () => {
    expect(isActivationCodeShaped('k7qm-2xrp-a1b2-c3d4-e5f6-g7h8-j9k0')).toBe(true);
    expect(isActivationCodeShaped('Admin-Portal-2026')).toBe(false);
    expect(isActivationCodeShaped('UUUU-UUUU-UUUU-UUUU-UUUU-UUUU-UUUU')).toBe(false);
  });
});

describe('activationCodesCsv', () => {
  it('writes a header and one line per user, neutralising formulas', () => {
    const csv = activationCodesCsv([
      { login: 'anna', displayName: 'Anna Müller', email: 'anna@muster.de', activationCode: 'ABCD-EFGH', validUntil: '2026-12-15T09:00:00.000Z' },
      { login: 'bernd', displayName: '=HYPERLINK("x")', email: null, activationCode: 'JKMN-PQRS', validUntil: '2026-12-15T09:00:00.000Z' },
    ]);
    const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines).toEqual([
      'login,displayName,email,activationCode,validUntil',
      'anna,Anna Müller,anna@muster.de,ABCD-EFGH,2026-12-15T09:00:00.000Z',
      `bernd,"'=HYPERLINK(""x"")",,JKMN-PQRS,2026-12-15T09:00:00.000Z`,
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
  });

  it('keeps a code for 14 days to the millisecond, across the end of daylight saving time', () => {
    expect(activationCodeExpiry(new Date('2026-10-20T10:00:00Z')).toISOString()).toBe('2026-11-03T10:00:00.000Z');
  });

  it.each([
    ['the start of daylight saving time', '2027-03-20T10:00:00Z', '2027-04-03T10:00:00.000Z'],
    ['a leap day', '2028-02-20T10:00:00Z', '2028-03-05T10:00:00.000Z'],
    ['31 December', '2027-12-31T23:30:00Z', '2028-01-14T23:30:00.000Z'],
  ])('keeps a code for 14 days across %s', (_, issuedAt, expiresAt) => {
    expect(activationCodeExpiry(new Date(issuedAt)).toISOString()).toBe(expiresAt);
  });

  it('names the file by the day', () => {
    expect(activationCodesFileName(new Date('2026-03-02T23:00:00Z'))).toBe('activation-codes-2026-03-02.csv');
  });
});
