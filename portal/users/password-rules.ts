import { randomInt } from 'node:crypto';
import {
  checkPassword,
  passwordExpired,
  type PasswordContext,
  type PasswordFailure,
  type PasswordFailureCode,
} from '../../common/domain/password-policy';
import type { SecurityPolicy } from '../../common/portal-api/security-policy';
import type { UserRow } from '../db/schema';
import { problem } from '../http/problem';

/** English text for API clients; the console shows its own translation of `code`. */
export function describePasswordFailure(failure: PasswordFailure): string {
  const params = failure.params ?? {};
  switch (failure.code) {
    case 'too_short':
      return `Use at least ${params.minLength} characters.`;
    case 'too_long':
      return `Use at most ${params.maxLength} characters.`;
    case 'needs_complexity':
      return 'Use lower case and upper case letters, digits and symbols (all four).';
    case 'common_password':
      return 'This password is on the list of commonly used passwords.';
    case 'contains_login':
      return `The password must not contain your ${params.field === 'displayName' ? 'name' : params.field === 'email' ? 'e-mail address' : 'login'}.`;
  }
}

/** 400 `password_policy` listing every unmet rule under `path`, unless the password meets the policy. */
export function assertPasswordAcceptable(password: string, policy: Pick<SecurityPolicy, 'password'>, context: PasswordContext, path: string): void {
  const result = checkPassword(password, policy, context);
  if (result.ok) return;
  throw problem(400, 'Bad Request', {
    code: 'password_policy',
    detail: 'The password does not meet the portal security policy.',
    errors: result.failures.map((failure) => ({ path, message: describePasswordFailure(failure) })),
  });
}

export function passwordContextOf(user: Pick<UserRow, 'login' | 'displayName' | 'email'>): PasswordContext {
  return { login: user.login, displayName: user.displayName, email: user.email ?? undefined };
}

/** Letters and digits that cannot be mistaken for each other when read aloud or copied by hand. */
const ONE_TIME_CLASSES = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '-_.!?#+'] as const;
const ONE_TIME_MIN_LENGTH = 16;

function pick(alphabet: string): string {
  return alphabet.charAt(randomInt(alphabet.length));
}

function shuffled(chars: string[]): string[] {
  for (let i = chars.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars;
}

/**
 * A random one-time password that meets the policy: at least 16 characters (about 95 bits), one of each
 * character class so complexity rules are met, and checked like any other password.
 */
export function generateOneTimePassword(policy: Pick<SecurityPolicy, 'password'>, context: PasswordContext = {}): string {
  const length = Math.max(ONE_TIME_MIN_LENGTH, policy.password.minLength);
  const all = ONE_TIME_CLASSES.join('');
  for (;;) {
    const chars = ONE_TIME_CLASSES.map(pick);
    while (chars.length < length) chars.push(pick(all));
    const candidate = shuffled(chars).join('');
    if (checkPassword(candidate, policy, context).ok) return candidate;
  }
}

/** Rules a password that is already set is re-checked against at sign-in (personal-data checks apply when it is set). */
const SIGN_IN_RECHECKED: ReadonlySet<PasswordFailureCode> = new Set(['too_short', 'needs_complexity', 'common_password']);

export type PasswordChangeReason = 'flagged' | 'expired' | 'policy';

/**
 * Why the user must choose a new password before doing anything else, or null: an administrator asked
 * for it, the policy's expiry has passed, or the password no longer meets the policy (it was tightened).
 */
export function passwordChangeReason(
  user: Pick<UserRow, 'mustChangePassword' | 'passwordChangedAt'>,
  password: string,
  policy: Pick<SecurityPolicy, 'password'>,
  now: Date,
): PasswordChangeReason | null {
  if (user.mustChangePassword) return 'flagged';
  if (passwordExpired(user.passwordChangedAt, policy, now)) return 'expired';
  const failures = checkPassword(password, policy).failures.filter((failure) => SIGN_IN_RECHECKED.has(failure.code));
  return failures.length > 0 ? 'policy' : null;
}
