import { describe, expect, it } from 'vitest';
import { applyPreset, characterClasses, checkPassword } from '../../common/domain/password-policy';
import { defaultSecurityPolicy, type SecurityPolicy } from '../../common/portal-api/security-policy';
import { ProblemError } from '../http/problem';
import { assertPasswordAcceptable, generateOneTimePassword, passwordChangeReason } from './password-rules';

const now = new Date('2026-03-02T10:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;

function withPassword(change: Partial<SecurityPolicy['password']>): SecurityPolicy {
  return { ...defaultSecurityPolicy, preset: 'custom', password: { ...defaultSecurityPolicy.password, ...change } };
}

describe('generateOneTimePassword', () => {
  it.each([
    ['standard', defaultSecurityPolicy, 16],
    ['high (15)', applyPreset(defaultSecurityPolicy, 'high'), 16],
    ['40 characters with complexity', withPassword({ minLength: 40, requireComplexity: true }), 40],
  ])('meets the %s policy', (_name, policy, length) => {
    const context = { login: 'anna.koch', displayName: 'Anna Koch' };
    for (let i = 0; i < 50; i += 1) {
      const password = generateOneTimePassword(policy, context);
      expect(password).toHaveLength(length);
      expect(characterClasses(password)).toBe(4);
      expect(checkPassword(password, policy, context).ok).toBe(true);
      expect(password).not.toMatch(/[0O1lI]/);
    }
  });

  it('differs every time', () => {
    const passwords = new Set(Array.from({ length: 200 }, () => generateOneTimePassword(defaultSecurityPolicy)));
    expect(passwords.size).toBe(200);
  });
});

describe('assertPasswordAcceptable', () => {
  it('passes a good password and names every unmet rule of a bad one under the path', () => {
    expect(() => assertPasswordAcceptable('Wolken-über-Ulm-2026', defaultSecurityPolicy, {}, 'newPassword')).not.toThrow();
    try {
      assertPasswordAcceptable('anna', withPassword({ requireComplexity: true }), { login: 'anna' }, 'newPassword');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemError);
      expect((error as ProblemError).body).toMatchObject({
        status: 400,
        code: 'password_policy',
        errors: [
          { path: 'newPassword', message: 'Use at least 8 characters.' },
          { path: 'newPassword', message: 'Use lower case and upper case letters, digits and symbols (all four).' },
          { path: 'newPassword', message: 'This password is on the list of commonly used passwords.' },
          { path: 'newPassword', message: 'The password must not contain your login.' },
        ],
      });
    }
  });
});

describe('passwordChangeReason', () => {
  const fresh = { mustChangePassword: false, passwordChangedAt: new Date(now.getTime() - DAY_MS) };

  it.each<[string, typeof fresh, string, SecurityPolicy, string | null]>([
    ['a good password under the default policy', fresh, 'Admin-Portal-2026', defaultSecurityPolicy, null],
    ['an administrator asked for a change', { ...fresh, mustChangePassword: true }, 'Admin-Portal-2026', defaultSecurityPolicy, 'flagged'],
    ['expired after 30 days', { ...fresh, passwordChangedAt: new Date(now.getTime() - 31 * DAY_MS) }, 'Admin-Portal-2026', withPassword({ expiryDays: 30 }), 'expired'],
    ['not yet expired', fresh, 'Admin-Portal-2026', withPassword({ expiryDays: 30 }), null],
    ['unknown change date while expiry is on', { ...fresh, passwordChangedAt: null as unknown as Date }, 'Admin-Portal-2026', withPassword({ expiryDays: 30 }), 'expired'],
    ['shorter than the raised minimum', fresh, 'Admin-Portal-2026', withPassword({ minLength: 20 }), 'policy'],
    ['complexity now required', fresh, 'nurkleinbuchstabenlang', withPassword({ requireComplexity: true }), 'policy'],
    ['a common password', fresh, 'Passwort123!', defaultSecurityPolicy, 'policy'],
    // Personal data is checked when a password is set, not again at every sign-in.
    ['contains the login (checked when set, not at sign-in)', fresh, 'admin-portal-lang', defaultSecurityPolicy, null],
  ])('%s', (_name, user, password, policy, expected) => {
    expect(passwordChangeReason(user, password, policy, now)).toBe(expected);
  });
});
