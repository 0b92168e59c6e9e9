import { describe, expect, it } from 'vitest';
import { SecurityPolicy, defaultSecurityPolicy } from '../portal-api/security-policy';
import {
  type PasswordFailureCode,
  applyPreset,
  characterClasses,
  checkPassword,
  detectPreset,
  guidanceHints,
  passwordExpired,
  passwordExpiresAt,
  passwordLength,
  presetNames,
  policyFromStored,
  presets,
  SecurityPolicyAsStored,
  validateSecurityPolicy,
} from './password-policy';

function policyWith(changes: {
  password?: Partial<SecurityPolicy['password']>;
  lockout?: Partial<SecurityPolicy['lockout']>;
  membership?: Partial<SecurityPolicy['membership']>;
  guests?: Partial<SecurityPolicy['guests']>;
  preset?: SecurityPolicy['preset'];
  disableRememberMe?: boolean;
}): SecurityPolicy {
  const base = defaultSecurityPolicy;
  return {
    ...base,
    preset: changes.preset ?? base.preset,
    disableRememberMe: changes.disableRememberMe ?? base.disableRememberMe,
    password: { ...base.password, ...changes.password },
    lockout: { ...base.lockout, ...changes.lockout },
    membership: { ...base.membership, ...changes.membership },
    guests: { ...base.guests, ...changes.guests },
  };
}

describe('presets', () => {
  it('the default policy is the standard preset', () => {
    expect(detectPreset(defaultSecurityPolicy)).toBe('standard');
  });

  it.each(presetNames)('applying %s yields a schema-valid policy that detects as itself', (name) => {
    const applied = applyPreset(policyWith({ password: { expiryDays: 90 }, membership: { mode: 'open', registrationCode: 'Sommer24' } }), name);
    expect(applied.preset).toBe(name);
    expect(detectPreset(applied)).toBe(name);
    expect(SecurityPolicy.safeParse(applied).success).toBe(true);
    expect(validateSecurityPolicy(applied)).toEqual([]);
    expect(applied.membership).toEqual({ mode: 'open', inviters: 'admins', registrationCode: 'Sommer24' });
  });

  it('gets strictly stricter from standard to high', () => {
    expect(presets.standard.password.minLength).toBeLessThan(presets.higher.password.minLength);
    expect(presets.higher.password.minLength).toBeLessThan(presets.high.password.minLength);
    expect(presets.high.disableRememberMe).toBe(true);
  });

  it('does not share nested objects with the preset table', () => {
    const applied = applyPreset(defaultSecurityPolicy, 'high');
    applied.password.minLength = 4;
    expect(presets.high.password.minLength).toBe(15);
  });

  it.each([
    [{ password: { minLength: 9 } }, 'custom'],
    [{ lockout: { minutes: 31 } }, 'custom'],
    [{ disableRememberMe: true }, 'custom'],
    [{ password: { minLength: 12 } }, 'higher'],
    [{ password: { minLength: 15 }, disableRememberMe: true }, 'high'],
    [{ password: { minLength: 15 } }, 'custom'],
  ] as const)('detectPreset(%j) = %s', (changes, expected) => {
    expect(detectPreset(policyWith(changes))).toBe(expected);
  });
});

describe('checkPassword', () => {
  const strict = policyWith({ password: { minLength: 10, requireComplexity: true, rejectCommonPasswords: true } });
  const lenient = policyWith({ password: { minLength: 6, requireComplexity: false, rejectCommonPasswords: false } });
  const context = { login: 'a.berger', displayName: 'Anna Berger', email: 'anna.berger@example.com' };

  it.each<[string, string, SecurityPolicy, PasswordFailureCode[]]>([
    ['long random passes', 'kx9#Vm2!qLw7', strict, []],
    ['too short', 'Kx9#m', strict, ['too_short']],
    ['only two classes', 'weitblickender', strict, ['needs_complexity']],
    // Security sheet: "Kombinationen aus Groß- und Kleinbuchstaben, Zahlen und Sonderzeichen": all four, not three of four.
    ['three classes are not enough', 'Weitblickend7x', strict, ['needs_complexity']],
    ['upper, lower, digit and symbol', 'Weitblickend7!', strict, []],
    ['common with variants', 'P@ssw0rd2024', strict, ['common_password']],
    ['the lenient floor of 6 characters', 'kx9vmq', lenient, []],
    ['five characters are too short even for the lenient policy', 'kx9vm', lenient, ['too_short']],
    ['common accepted when the check is off', 'password', lenient, []],
    ['complexity not required', 'weitblickender', lenient, []],
    ['contains the surname from the display name', 'Berger#2024xyz', strict, ['contains_login']],
    ['contains the login', 'Xy!a.berger99', strict, ['contains_login']],
    ['contains the email local part, case-insensitive', 'ANNA.BERGER!x1', strict, ['contains_login']],
    ['too long', `Aa1!${'x'.repeat(125)}`, strict, ['too_long']],
    ['several failures at once', 'berger', strict, ['too_short', 'needs_complexity', 'common_password', 'contains_login']],
  ])('%s', (_name, password, policy, codes) => {
    const result = checkPassword(password, policy, context);
    expect(result.failures.map((failure) => failure.code)).toEqual(codes);
    expect(result.ok).toBe(codes.length === 0);
  });

  it('reports parameters for the messages', () => {
    expect(checkPassword('abc', strict).failures[0]).toEqual({ code: 'too_short', params: { minLength: 10 } });
    expect(checkPassword('Berger#2024xyz', strict, { displayName: 'Anna Berger' }).failures[0]).toEqual({
      code: 'contains_login',
      params: { field: 'displayName' },
    });
  });

  it('ignores name parts too short to matter', () => {
    expect(checkPassword('Bo-Li!Rainfall7', strict, { displayName: 'Bo Li' }).ok).toBe(true);
  });

  it('counts code points, not UTF-16 units, and accepts exactly 128', () => {
    expect(passwordLength('😀😀😀')).toBe(3);
    expect(checkPassword(`Aa1!${'x'.repeat(124)}`, strict).ok).toBe(true);
    expect(checkPassword('Grüße🔑Sonnenaufgang7', strict).ok).toBe(true);
  });

  it.each([
    ['abc', 1],
    ['aB', 2],
    ['aB3', 3],
    ['aB3 ', 4],
    ['ÄÖü9', 3],
  ])('characterClasses(%s) = %i', (password, classes) => {
    expect(characterClasses(password)).toBe(classes);
  });
});

describe('password expiry', () => {
  const ninetyDays = policyWith({ password: { expiryDays: 90 } });
  const changed = '2025-01-01T00:00:00Z';

  it.each([
    ['day 89', '2025-03-31T23:59:59Z', false],
    ['exactly 90 days', '2025-04-01T00:00:00Z', true],
    ['later', '2025-06-01T00:00:00Z', true],
  ])('%s', (_name, now, expired) => {
    expect(passwordExpired(changed, ninetyDays, new Date(now))).toBe(expired);
  });

  it('never expires with 0 days, even with an unknown change time', () => {
    expect(passwordExpired('2000-01-01T00:00:00Z', defaultSecurityPolicy, new Date('2030-01-01T00:00:00Z'))).toBe(false);
    expect(passwordExpired(null, defaultSecurityPolicy)).toBe(false);
    expect(passwordExpiresAt(changed, defaultSecurityPolicy)).toBeNull();
  });

  it('treats an unknown change time as expired while expiry is on', () => {
    expect(passwordExpired(null, ninetyDays)).toBe(true);
  });

  it('computes the expiry date and rejects invalid dates', () => {
    expect(passwordExpiresAt(new Date(changed), ninetyDays)?.toISOString()).toBe('2025-04-01T00:00:00.000Z');
    expect(() => passwordExpired('not a date', ninetyDays)).toThrow(RangeError);
  });
});

describe('validateSecurityPolicy', () => {
  it.each([
    ['the default', policyWith({}), []],
    // Security sheet: "Mitglieder können nur auf Einladung beitreten (Registrierungscode ist erforderlich)",
    // "Registrierungscode: Mindestens 6 Zeichen erforderlich." and "Der Registrierungscode wird benötigt, wenn
    // Benutzer auf eine Einladung hin beitreten."
    ['invitation with a 6-character code', policyWith({ membership: { mode: 'invitation', registrationCode: 'abc123' } }), []],
    [
      'invitation without a code',
      policyWith({ membership: { mode: 'invitation', registrationCode: null } }),
      [{ path: 'membership.registrationCode', code: 'registration_code_required', params: { minLength: 6 } }],
    ],
    [
      'invitation with a short code',
      policyWith({ membership: { mode: 'invitation', registrationCode: 'abc12' } }),
      [{ path: 'membership.registrationCode', code: 'registration_code_too_short', params: { minLength: 6 } }],
    ],
    [
      'invitation with a code of blanks',
      policyWith({ membership: { mode: 'invitation', registrationCode: '       ' } }),
      [{ path: 'membership.registrationCode', code: 'registration_code_too_short', params: { minLength: 6 } }],
    ],
    // "Für jeden offen": no code is asked, so a left-over one is not checked either.
    ['open without a code (open to all)', policyWith({ membership: { mode: 'open', registrationCode: null } }), []],
    ['a short code is irrelevant when membership is open', policyWith({ membership: { mode: 'open', registrationCode: 'ab' } }), []],
    // "Kennwörter müssen aus mindestens Zeichen bestehen (Ansonsten sind mindestens 6 Zeichen erforderlich.)"
    ['a minimum length of 6', policyWith({ password: { minLength: 6 }, preset: 'custom' }), []],
    [
      'a minimum length of 5, below the floor of 6',
      policyWith({ password: { minLength: 5 }, preset: 'custom' }),
      [{ path: 'password.minLength', code: 'out_of_range', params: { min: 6, max: 128 } }],
    ],
    [
      'fractional lockout minutes',
      policyWith({ lockout: { minutes: 2.5 }, preset: 'custom' }),
      [{ path: 'lockout.minutes', code: 'not_an_integer' }],
    ],
    [
      'duplicate guest area',
      policyWith({ guests: { enabled: true, allowedAreas: ['news', 'wiki', 'news'] } }),
      [{ path: 'guests.allowedAreas', code: 'duplicate_entry', params: { value: 'news' } }],
    ],
    [
      'preset does not match the settings',
      policyWith({ preset: 'high' }),
      [{ path: 'preset', code: 'preset_mismatch', params: { preset: 'high', detected: 'standard' } }],
    ],
  ] as [string, SecurityPolicy, unknown[]][])('%s', (_name, policy, issues) => {
    expect(validateSecurityPolicy(policy)).toEqual(issues);
  });
});

describe('policyFromStored', () => {
  // Security sheet: "Kennwörter müssen aus mindestens Zeichen bestehen (Ansonsten sind mindestens 6 Zeichen erforderlich.)"
  it('reads a stored minimum length below 6 (allowed before) as 6 and keeps every other setting', () => {
    const stored = { ...policyWith({ membership: { mode: 'open' }, preset: 'custom' }), password: { ...defaultSecurityPolicy.password, minLength: 4, expiryDays: 90 } };
    const policy = policyFromStored(stored);
    expect(policy?.password).toEqual({ ...defaultSecurityPolicy.password, minLength: 6, expiryDays: 90 });
    expect(policy?.membership.mode).toBe('open');
    expect(SecurityPolicy.safeParse(policy).success).toBe(true);
    // The console reads a portal of an earlier release the same way.
    expect(SecurityPolicyAsStored.parse(stored).password.minLength).toBe(6);
  });

  it('leaves a policy at or above the floor as it is, and is null for what is no policy', () => {
    expect(policyFromStored(defaultSecurityPolicy)).toEqual(defaultSecurityPolicy);
    expect(policyFromStored({ membership: 'x' })).toBeNull();
  });
});

describe('guidanceHints', () => {
  it('has only the single-factor length hint for the standard preset', () => {
    expect(guidanceHints(defaultSecurityPolicy)).toEqual([
      { setting: 'password.minLength', code: 'min_length_below_15_single_factor', source: 'NIST SP 800-63B' },
    ]);
  });

  it('has nothing to say about the high preset', () => {
    expect(guidanceHints(applyPreset(defaultSecurityPolicy, 'high'))).toEqual([]);
  });

  it('lists every departure from guidance of a legacy policy', () => {
    const legacy = policyWith({
      password: { minLength: 6, expiryDays: 90, requireComplexity: true, rejectCommonPasswords: false, neverSendByEmail: false },
      lockout: { maxFailures: 0 },
    });
    expect(guidanceHints(legacy).map(({ setting, code, source }) => `${setting}:${code}:${source}`)).toEqual([
      'password.expiryDays:periodic_expiry:NIST SP 800-63B',
      'password.requireComplexity:composition_rules:NIST SP 800-63B',
      'password.minLength:min_length_below_8:NIST SP 800-63B',
      'password.rejectCommonPasswords:common_passwords_not_checked:NIST SP 800-63B',
      'password.neverSendByEmail:password_sent_by_email:OWASP ASVS 5',
      'lockout.maxFailures:no_rate_limiting:NIST SP 800-63B',
    ]);
  });
});
