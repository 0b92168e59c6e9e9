import { csvLine } from './user-import';

/**
 * Activation codes: the first sign-in of an account that has no password (imported users). A code is
 * 28 characters of Crockford base32 (140 random bits), shown as 7 groups of 4; it signs in once, to a
 * session that may only set the password. The portal keeps only its SHA-256.
 */

/** Crockford base32: no I, L, O or U, so a code reads and types without ambiguity. */
export const ACTIVATION_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const ACTIVATION_CODE_LENGTH = 28;
/** Random bytes needed for one code (5 bits per character). */
export const ACTIVATION_CODE_BYTES = Math.ceil((ACTIVATION_CODE_LENGTH * 5) / 8);
const GROUP_LENGTH = 4;

/** The code for `bytes` (at least ACTIVATION_CODE_BYTES random bytes), grouped: `ABCD-EFGH-…`. */
export function encodeActivationCode(bytes: Uint8Array): string {
  if (bytes.length < ACTIVATION_CODE_BYTES) throw new RangeError(`An activation code needs ${ACTIVATION_CODE_BYTES} random bytes`);
  let chars = '';
  for (let index = 0; index < ACTIVATION_CODE_LENGTH; index += 1) {
    const bit = index * 5;
    const pair = ((bytes[bit >> 3] ?? 0) << 8) | (bytes[(bit >> 3) + 1] ?? 0);
    chars += ACTIVATION_CODE_ALPHABET.charAt((pair >> (11 - (bit & 7))) & 31);
  }
  return chars.match(new RegExp(`.{1,${GROUP_LENGTH}}`, 'gu'))?.join('-') ?? chars;
}

/** A typed code as the portal compares it: upper case, without spaces or hyphens, O read as 0, I and L as 1. */
export function normalizeActivationCode(input: string): string {
  return input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s-]/gu, '')
    .replace(/O/gu, '0')
    .replace(/[IL]/gu, '1');
}

/** Whether `input` can be an activation code at all (length and alphabet after normalising). */
export function isActivationCodeShaped(input: string): boolean {
  const normalized = normalizeActivationCode(input);
  return normalized.length === ACTIVATION_CODE_LENGTH && [...normalized].every((char) => ACTIVATION_CODE_ALPHABET.includes(char));
}

/**
 * How long an issued code signs in. A code handed out on paper or by mail must not stay a way into the
 * account for ever; two weeks covers holidays, and a new code is one bulk action away.
 */
export const ACTIVATION_CODE_VALID_DAYS = 14;

/** When a code issued at `issuedAt` stops signing in. */
export function activationCodeExpiry(issuedAt: Date): Date {
  return new Date(issuedAt.getTime() + ACTIVATION_CODE_VALID_DAYS * 24 * 60 * 60 * 1000);
}

export interface ActivationCodeRow {
  login: string;
  displayName: string;
  email: string | null;
  activationCode: string;
  /** ISO 8601: when the code stops signing in. */
  validUntil: string;
}

export const activationCodeColumns = ['login', 'displayName', 'email', 'activationCode', 'validUntil'] as const;

/** Excel needs the byte order mark to read UTF-8 (umlauts) correctly. */
const BOM = '\uFEFF';

/** The codes as the CSV an administrator downloads once and hands out, one line per user. */
export function activationCodesCsv(rows: readonly ActivationCodeRow[]): string {
  const lines = rows.map((row) => csvLine([row.login, row.displayName, row.email, row.activationCode, row.validUntil]));
  return BOM + csvLine(activationCodeColumns) + lines.join('');
}

export function activationCodesFileName(now: Date): string {
  return `activation-codes-${now.toISOString().slice(0, 10)}.csv`;
}
