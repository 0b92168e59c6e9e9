import {
  applyPreset,
  detectPreset,
  REGISTRATION_CODE_MIN_LENGTH,
  guidanceHints,
  validateSecurityPolicy,
  type GuidanceHint,
  type PolicyIssue,
  type PresetName,
} from '../../../../common/domain/password-policy';
import { SecurityPolicy } from '../../../../common/portal-api/security-policy';

/**
 * Editing the security policy: every change of a preset-controlled setting re-derives the preset
 * (it becomes `custom` unless the settings equal a preset), so a draft never claims a preset it does
 * not match; the checks are the portal's own (common/domain/password-policy.ts).
 */

export type PasswordSettings = SecurityPolicy['password'];
export type LockoutSettings = SecurityPolicy['lockout'];

function withDerivedPreset(policy: SecurityPolicy): SecurityPolicy {
  return { ...policy, preset: detectPreset(policy) };
}

export function choosePreset(policy: SecurityPolicy, preset: PresetName | 'custom'): SecurityPolicy {
  return preset === 'custom' ? { ...policy, preset: 'custom' } : applyPreset(policy, preset);
}

export function changePassword(policy: SecurityPolicy, change: Partial<PasswordSettings>): SecurityPolicy {
  return withDerivedPreset({ ...policy, password: { ...policy.password, ...change } });
}

export function changeLockout(policy: SecurityPolicy, change: Partial<LockoutSettings>): SecurityPolicy {
  return withDerivedPreset({ ...policy, lockout: { ...policy.lockout, ...change } });
}

export function changeRememberMe(policy: SecurityPolicy, disableRememberMe: boolean): SecurityPolicy {
  return withDerivedPreset({ ...policy, disableRememberMe });
}

/**
 * Another membership mode. The registration code belongs to invitation mode, the only one that shows it; a code
 * typed there that could not be saved is dropped on leaving, so no hidden field blocks saving.
 */
export function chooseMembershipMode(policy: SecurityPolicy, mode: SecurityPolicy['membership']['mode']): SecurityPolicy {
  const code = policy.membership.registrationCode;
  const keepCode = mode === 'invitation' || (code !== null && code.trim().length >= REGISTRATION_CODE_MIN_LENGTH && code.length <= 100);
  return { ...policy, membership: { ...policy.membership, mode, registrationCode: keepCode ? code : null } };
}

/** An empty registration code field means "no code". */
export function registrationCodeOf(text: string): string | null {
  return text.trim() === '' ? null : text;
}

/** Issues by field path: the domain checks, plus the schema's for what the domain checks do not cover. */
export function policyIssues(policy: SecurityPolicy): PolicyIssue[] {
  const issues = validateSecurityPolicy(policy);
  const seen = new Set(issues.map((issue) => issue.path));
  const parsed = SecurityPolicy.safeParse(policy);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      if (!seen.has(path)) {
        seen.add(path);
        issues.push({ path, code: 'invalid' });
      }
    }
  }
  return issues;
}

export function issuesFor(issues: readonly PolicyIssue[], path: string): PolicyIssue[] {
  return issues.filter((issue) => issue.path === path);
}

export function hintsFor(policy: SecurityPolicy, setting: string): GuidanceHint[] {
  return guidanceHints(policy).filter((hint) => hint.setting === setting);
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, inner]) => [key, canonical(inner)]),
  );
}

/** Structural equality of two policies (the draft against the saved one), whatever the key order. */
export function samePolicy(a: SecurityPolicy, b: SecurityPolicy): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
