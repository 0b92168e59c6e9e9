import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * Common-password blocklist (NIST SP 800-63B: compare new passwords against values known to be
 * commonly used or compromised). Source: the ~49,000 most frequent passwords shipped by
 * @zxcvbn-ts/language-common, plus a few German-keyboard and greeting words that list misses.
 */
const supplement = ['qwertz', 'qwertzu', 'qwertzui', 'qwertzuiop', 'yxcvbnm', 'willkommen', 'intrexx', 'portalmanager'];

/** Bases shorter than this after stripping a suffix are too generic to reject on ("abc" + digits). */
const MIN_STRIPPED_BASE_LENGTH = 4;
const TRAILING_DIGITS_OR_PUNCTUATION = /[\d!?.]+$/u;
const LEET: Record<string, string> = { '@': 'a', '4': 'a', '3': 'e', '1': 'i', '0': 'o', $: 's', '5': 's' };

let commonPasswords: Set<string> | undefined;

function commonPasswordSet(): Set<string> {
  commonPasswords ??= new Set([...dictionary['passwords-common'], ...supplement].map((word) => word.toLowerCase()));
  return commonPasswords;
}

function unLeet(word: string): string {
  return word.replace(/[@43105$]/gu, (char) => LEET[char] ?? char);
}

/** The password and the obvious variants someone derives from a common password. */
export function commonPasswordCandidates(password: string): string[] {
  const lower = password.normalize('NFKC').toLowerCase();
  const stripped = lower.replace(TRAILING_DIGITS_OR_PUNCTUATION, '');
  const bases = stripped !== lower && stripped.length >= MIN_STRIPPED_BASE_LENGTH ? [lower, stripped] : [lower];
  const candidates = new Set<string>();
  for (const base of bases) {
    candidates.add(base);
    candidates.add(unLeet(base));
  }
  return [...candidates];
}

/**
 * True when the password, case-insensitively, is a common password or an obvious variant of one:
 * trailing digits/!/?/. appended ("Sommer2024!"), or leetspeak (a=@/4, e=3, i=1, o=0, s=$/5: "P@ssw0rd").
 */
export function isCommonPassword(password: string): boolean {
  const set = commonPasswordSet();
  return commonPasswordCandidates(password).some((candidate) => set.has(candidate));
}
