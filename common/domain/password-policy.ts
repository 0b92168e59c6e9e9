import { z } from 'zod';
import { SecurityPolicy as SecurityPolicySchema, type SecurityPolicy, type SecurityPreset } from '../portal-api/security-policy';
import { isCommonPassword } from './common-passwords';

export type PresetName = Exclude<z.infer<typeof SecurityPreset>, 'custom'>;
export const presetNames: readonly PresetName[] = ['standard', 'higher', 'high'];

/** The settings a security-level preset fixes; membership, guests and member-data visibility stay untouched. */
export interface PresetSettings {
  password: SecurityPolicy['password'];
  lockout: SecurityPolicy['lockout'];
  disableRememberMe: boolean;
}

/**
 * Presets follow current guidance (NIST SP 800-63B, OWASP ASVS 5): length and a common-password
 * blocklist instead of composition rules or periodic expiry, which push users to predictable patterns.
 * - standard: 8 characters (the floor of both documents) and the service description's lockout
 *   default of 3 failures for 30 minutes; equals `defaultSecurityPolicy`.
 * - higher: 12 characters.
 * - high: 15 characters (NIST rev. 4 minimum for a password that is the only factor) and no
 *   "remember me", so every session on a shared device ends with the browser.
 * All presets never send passwords by email and never expire them.
 */
export const presets: Readonly<Record<PresetName, PresetSettings>> = {
  standard: {
    password: { minLength: 8, expiryDays: 0, requireComplexity: false, rejectCommonPasswords: true, neverSendByEmail: true },
    lockout: { maxFailures: 3, minutes: 30 },
    disableRememberMe: false,
  },
  higher: {
    password: { minLength: 12, expiryDays: 0, requireComplexity: false, rejectCommonPasswords: true, neverSendByEmail: true },
    lockout: { maxFailures: 3, minutes: 30 },
    disableRememberMe: false,
  },
  high: {
    password: { minLength: 15, expiryDays: 0, requireComplexity: false, rejectCommonPasswords: true, neverSendByEmail: true },
    lockout: { maxFailures: 3, minutes: 30 },
    disableRememberMe: true,
  },
};

export function applyPreset(policy: SecurityPolicy, preset: PresetName): SecurityPolicy {
  const settings = presets[preset];
  return {
    ...policy,
    preset,
    password: { ...settings.password },
    lockout: { ...settings.lockout },
    disableRememberMe: settings.disableRememberMe,
  };
}

function matchesPreset(policy: SecurityPolicy, settings: PresetSettings): boolean {
  const samePassword = (Object.keys(settings.password) as (keyof SecurityPolicy['password'])[]).every(
    (key) => policy.password[key] === settings.password[key],
  );
  return (
    samePassword &&
    policy.lockout.maxFailures === settings.lockout.maxFailures &&
    policy.lockout.minutes === settings.lockout.minutes &&
    policy.disableRememberMe === settings.disableRememberMe
  );
}

/** The preset whose settings the policy has exactly, else `custom` (the stored `preset` field is ignored). */
export function detectPreset(policy: SecurityPolicy): z.infer<typeof SecurityPreset> {
  return presetNames.find((name) => matchesPreset(policy, presets[name])) ?? 'custom';
}

// ---------------------------------------------------------------------------------------------
// Checking a password

export const MAX_PASSWORD_LENGTH = 128;
/**
 * Security sheet: "Kennwörter müssen aus mindestens Zeichen bestehen (Ansonsten sind mindestens 6 Zeichen
 * erforderlich.)": the minimum length an administrator sets is never below 6.
 */
export const PASSWORD_MIN_LENGTH_FLOOR = 6;
/**
 * Security sheet: "Kombinationen aus Groß- und Kleinbuchstaben, Zahlen und Sonderzeichen": with complexity on,
 * a password has all four classes (not three of four).
 */
export const COMPLEXITY_CLASSES_REQUIRED = 4;
/** Shorter parts of a name are too generic to reject on ("Li", "Bo"). */
const MIN_PERSONAL_TOKEN_LENGTH = 4;
const MIN_LOGIN_LENGTH = 3;

export type PasswordFailureCode = 'too_short' | 'too_long' | 'needs_complexity' | 'common_password' | 'contains_login';

/** `code` is an i18n key; `params` fill its placeholders. */
export interface PasswordFailure {
  code: PasswordFailureCode;
  params?: Record<string, string | number>;
}

export interface PasswordContext {
  login?: string | undefined;
  displayName?: string | undefined;
  email?: string | undefined;
}

export interface PasswordCheck {
  ok: boolean;
  failures: PasswordFailure[];
}

/**
 * Passwords are compared and counted in NFKC form, one Unicode code point per character
 * (NIST SP 800-63B: normalise before hashing, count code points). Servers should hash the same form.
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

export function passwordLength(password: string): number {
  return [...normalizePassword(password)].length;
}

/** Character classes present: lower case, upper case, digit, symbol (anything that is not a letter or digit). */
export function characterClasses(password: string): number {
  const patterns = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{L}\p{N}]/u];
  return patterns.filter((pattern) => pattern.test(password)).length;
}

function personalTokens(context: PasswordContext): { field: keyof PasswordContext; token: string }[] {
  const tokens: { field: keyof PasswordContext; token: string }[] = [];
  const add = (field: keyof PasswordContext, token: string, minLength: number) => {
    if (token.length >= minLength) tokens.push({ field, token });
  };
  const parts = (value: string) => value.split(/[\s._\-@+]+/u);
  if (context.login) {
    const login = context.login.normalize('NFKC').toLowerCase();
    add('login', login, MIN_LOGIN_LENGTH);
    for (const part of parts(login)) add('login', part, MIN_PERSONAL_TOKEN_LENGTH);
  }
  if (context.email) {
    const localPart = context.email.normalize('NFKC').toLowerCase().split('@')[0] ?? '';
    add('email', localPart, MIN_LOGIN_LENGTH);
    for (const part of parts(localPart)) add('email', part, MIN_PERSONAL_TOKEN_LENGTH);
  }
  if (context.displayName) {
    for (const part of parts(context.displayName.normalize('NFKC').toLowerCase())) add('displayName', part, MIN_PERSONAL_TOKEN_LENGTH);
  }
  return tokens;
}

export function checkPassword(
  password: string,
  policy: Pick<SecurityPolicy, 'password'>,
  context: PasswordContext = {},
): PasswordCheck {
  const normalized = normalizePassword(password);
  const length = [...normalized].length;
  const failures: PasswordFailure[] = [];
  if (length < policy.password.minLength) failures.push({ code: 'too_short', params: { minLength: policy.password.minLength } });
  if (length > MAX_PASSWORD_LENGTH) failures.push({ code: 'too_long', params: { maxLength: MAX_PASSWORD_LENGTH } });
  if (policy.password.requireComplexity && characterClasses(normalized) < COMPLEXITY_CLASSES_REQUIRED) {
    failures.push({ code: 'needs_complexity', params: { classes: COMPLEXITY_CLASSES_REQUIRED } });
  }
  if (policy.password.rejectCommonPasswords && isCommonPassword(normalized)) failures.push({ code: 'common_password' });
  const lower = normalized.toLowerCase();
  const personal = personalTokens(context).find(({ token }) => lower.includes(token));
  if (personal) failures.push({ code: 'contains_login', params: { field: personal.field } });
  return { ok: failures.length === 0, failures };
}

// ---------------------------------------------------------------------------------------------
// Expiry

const DAY_MS = 24 * 60 * 60 * 1000;

function toDate(value: Date | string): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Invalid date: ${String(value)}`);
  return date;
}

/** When the password expires (expiryDays x 24 h after the change), or null if passwords never expire. */
export function passwordExpiresAt(passwordChangedAt: Date | string, policy: Pick<SecurityPolicy, 'password'>): Date | null {
  if (policy.password.expiryDays === 0) return null;
  return new Date(toDate(passwordChangedAt).getTime() + policy.password.expiryDays * DAY_MS);
}

/**
 * Whether the user must change the password now. An unknown change time (null) counts as expired
 * while expiry is enabled: the user is asked for a new password at the next sign-in.
 */
export function passwordExpired(
  passwordChangedAt: Date | string | null,
  policy: Pick<SecurityPolicy, 'password'>,
  now: Date = new Date(),
): boolean {
  if (policy.password.expiryDays === 0) return false;
  if (passwordChangedAt === null) return true;
  const expiresAt = passwordExpiresAt(passwordChangedAt, policy);
  return expiresAt !== null && now.getTime() >= expiresAt.getTime();
}

// ---------------------------------------------------------------------------------------------
// Validating the settings

export const REGISTRATION_CODE_MIN_LENGTH = 6;
const REGISTRATION_CODE_MAX_LENGTH = 100;
const MAX_GUEST_AREAS = 200;

/** `path` is the dotted field path (for forms), `code` an i18n key. */
export interface PolicyIssue {
  path: string;
  code: string;
  params?: Record<string, string | number>;
}

function checkIntegerRange(path: string, value: number, min: number, max: number): PolicyIssue[] {
  if (!Number.isInteger(value)) return [{ path, code: 'not_an_integer' }];
  if (value < min || value > max) return [{ path, code: 'out_of_range', params: { min, max } }];
  return [];
}

/**
 * Security sheet: "Mitglieder können nur auf Einladung beitreten (Registrierungscode ist erforderlich)" and
 * "Der Registrierungscode wird benötigt, wenn Benutzer auf eine Einladung hin beitreten.": the code belongs to
 * invitation mode, where it is required; "Für jeden offen" asks for none, so a stored code is not checked there.
 */
export function registrationCodeRequired(membership: Pick<SecurityPolicy['membership'], 'mode'>): boolean {
  return membership.mode === 'invitation';
}

function registrationCodeIssues(membership: SecurityPolicy['membership']): PolicyIssue[] {
  const path = 'membership.registrationCode';
  const code = membership.registrationCode;
  if (!registrationCodeRequired(membership)) return [];
  if (code === null) return [{ path, code: 'registration_code_required', params: { minLength: REGISTRATION_CODE_MIN_LENGTH } }];
  if (code.trim().length < REGISTRATION_CODE_MIN_LENGTH) {
    return [{ path, code: 'registration_code_too_short', params: { minLength: REGISTRATION_CODE_MIN_LENGTH } }];
  }
  if (code.length > REGISTRATION_CODE_MAX_LENGTH) {
    return [{ path, code: 'registration_code_too_long', params: { maxLength: REGISTRATION_CODE_MAX_LENGTH } }];
  }
  return [];
}

function guestAreaIssues(guests: SecurityPolicy['guests']): PolicyIssue[] {
  const path = 'guests.allowedAreas';
  if (guests.allowedAreas.length > MAX_GUEST_AREAS) return [{ path, code: 'too_many', params: { max: MAX_GUEST_AREAS } }];
  const duplicate = guests.allowedAreas.find((area, index) => guests.allowedAreas.indexOf(area) !== index);
  return duplicate === undefined ? [] : [{ path, code: 'duplicate_entry', params: { value: duplicate } }];
}

/** Domain checks of a policy being edited; an empty list means it may be saved. */
export function validateSecurityPolicy(policy: SecurityPolicy): PolicyIssue[] {
  const issues = [
    ...registrationCodeIssues(policy.membership),
    ...guestAreaIssues(policy.guests),
    ...checkIntegerRange('password.minLength', policy.password.minLength, PASSWORD_MIN_LENGTH_FLOOR, MAX_PASSWORD_LENGTH),
    ...checkIntegerRange('password.expiryDays', policy.password.expiryDays, 0, 3650),
    ...checkIntegerRange('lockout.maxFailures', policy.lockout.maxFailures, 0, 100),
    ...checkIntegerRange('lockout.minutes', policy.lockout.minutes, 1, 24 * 60),
  ];
  if (policy.preset !== 'custom' && detectPreset(policy) !== policy.preset) {
    issues.push({ path: 'preset', code: 'preset_mismatch', params: { preset: policy.preset, detected: detectPreset(policy) } });
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Stored policies

/** A stored document as older releases wrote it: a minimum length down to 4 was allowed then. */
const StoredPolicyDocument = SecurityPolicySchema.extend({
  password: SecurityPolicySchema.shape.password.extend({ minLength: z.number().int().min(1).max(MAX_PASSWORD_LENGTH) }),
});

/**
 * A policy as stored or answered by a portal of an earlier release, read as it means today: a minimum length below
 * the sheet's floor of 6 (allowed before) reads as 6. The console reads portal answers with it, so a portal not yet
 * updated still opens in the policy editor (which then saves 6).
 */
export const SecurityPolicyAsStored = StoredPolicyDocument.transform(
  (policy): SecurityPolicy =>
    policy.password.minLength >= PASSWORD_MIN_LENGTH_FLOOR ? policy : { ...policy, password: { ...policy.password, minLength: PASSWORD_MIN_LENGTH_FLOOR } },
);

/**
 * The policy a stored document means today, or null when it is no policy at all. The clamp to the floor of 6 is at
 * read time, so the portal enforces the floor and the console shows it from the first read on, every other setting
 * stays as stored, and a document from before (a restored backup too) needs no migration. The next save writes the
 * clamped value, and its audit entry shows it.
 */
export function policyFromStored(document: unknown): SecurityPolicy | null {
  const parsed = SecurityPolicyAsStored.safeParse(document);
  return parsed.success ? parsed.data : null;
}

// ---------------------------------------------------------------------------------------------
// Guidance

export type GuidanceSource = 'NIST SP 800-63B' | 'OWASP ASVS 5';

export type GuidanceCode =
  | 'periodic_expiry'
  | 'composition_rules'
  | 'min_length_below_8'
  | 'min_length_below_15_single_factor'
  | 'common_passwords_not_checked'
  | 'password_sent_by_email'
  | 'no_rate_limiting';

export interface GuidanceHint {
  setting: string;
  code: GuidanceCode;
  source: GuidanceSource;
}

/**
 * Where the policy departs from current guidance (informational; the administrator decides):
 * - NIST SP 800-63B (rev. 4): no periodic expiry, no composition rules, blocklist of common
 *   passwords, at least 8 characters and at least 15 when the password is the only factor
 *   (the hint is shown because nothing in the policy says a second factor is in use),
 *   rate-limit failed attempts.
 * - OWASP ASVS 5 (V6): passwords are never sent to the user in clear text by email.
 */
export function guidanceHints(policy: SecurityPolicy): GuidanceHint[] {
  const nist: GuidanceSource = 'NIST SP 800-63B';
  const hints: GuidanceHint[] = [];
  const { password, lockout } = policy;
  if (password.expiryDays > 0) hints.push({ setting: 'password.expiryDays', code: 'periodic_expiry', source: nist });
  if (password.requireComplexity) hints.push({ setting: 'password.requireComplexity', code: 'composition_rules', source: nist });
  if (password.minLength < 8) hints.push({ setting: 'password.minLength', code: 'min_length_below_8', source: nist });
  else if (password.minLength < 15) {
    hints.push({ setting: 'password.minLength', code: 'min_length_below_15_single_factor', source: nist });
  }
  if (!password.rejectCommonPasswords) {
    hints.push({ setting: 'password.rejectCommonPasswords', code: 'common_passwords_not_checked', source: nist });
  }
  if (!password.neverSendByEmail) {
    hints.push({ setting: 'password.neverSendByEmail', code: 'password_sent_by_email', source: 'OWASP ASVS 5' });
  }
  if (lockout.maxFailures === 0) hints.push({ setting: 'lockout.maxFailures', code: 'no_rate_limiting', source: nist });
  return hints;
}
