import { describe, expect, it } from 'vitest';
import { defaultSecurityPolicy, type SecurityPolicy } from '../../../../common/portal-api/security-policy';
import { changeLockout, changePassword, changeRememberMe, chooseMembershipMode, choosePreset, hintsFor, issuesFor, policyIssues, registrationCodeOf, samePolicy } from './policy-draft';

describe('editing keeps the preset honest', () => {
  it.each<[string, (p: SecurityPolicy) => SecurityPolicy, SecurityPolicy['preset']]>([
    ['choosing high', (p) => choosePreset(p, 'high'), 'high'],
    ['a longer minimum length', (p) => changePassword(p, { minLength: 10 }), 'custom'],
    ['back to the standard length', (p) => changePassword(changePassword(p, { minLength: 10 }), { minLength: 8 }), 'standard'],
    ['the settings of "higher" typed by hand', (p) => changePassword(p, { minLength: 12 }), 'higher'],
    ['another lockout', (p) => changeLockout(p, { maxFailures: 5 }), 'custom'],
    ['"remember me" off plus 15 characters', (p) => changeRememberMe(changePassword(p, { minLength: 15 }), true), 'high'],
    ['custom keeps the settings', (p) => choosePreset(changePassword(p, { minLength: 12 }), 'custom'), 'custom'],
  ])('%s -> %s', (_name, edit, preset) => {
    const edited = edit(defaultSecurityPolicy);
    expect(edited.preset).toBe(preset);
    expect(policyIssues(edited)).toEqual([]);
  });
});

describe('policyIssues', () => {
  it('reports domain and schema problems by path', () => {
    const draft: SecurityPolicy = {
      ...changePassword(defaultSecurityPolicy, { minLength: Number.NaN }),
      membership: { mode: 'invitation', inviters: 'admins', registrationCode: 'abc' },
    };
    const issues = policyIssues(draft);
    expect(issuesFor(issues, 'membership.registrationCode').map((issue) => issue.code)).toEqual(['registration_code_too_short']);
    expect(issuesFor(issues, 'password.minLength').map((issue) => issue.code)).toEqual(['not_an_integer']);
  });

  // Security sheet: "Mitglieder können nur auf Einladung beitreten (Registrierungscode ist erforderlich)".
  it('asks for the registration code in invitation mode, and not when open to all', () => {
    const invitation = chooseMembershipMode(defaultSecurityPolicy, 'invitation');
    expect(issuesFor(policyIssues(invitation), 'membership.registrationCode').map((issue) => issue.code)).toEqual(['registration_code_required']);
    expect(policyIssues(chooseMembershipMode(defaultSecurityPolicy, 'open'))).toEqual([]);
  });

  it('drops a code that could not be saved when leaving invitation mode, and keeps a good one', () => {
    const typed = { ...defaultSecurityPolicy, membership: { mode: 'invitation' as const, inviters: 'admins' as const, registrationCode: 'abc' } };
    expect(chooseMembershipMode(typed, 'open').membership.registrationCode).toBeNull();
    const good = { ...typed, membership: { ...typed.membership, registrationCode: 'Sommer-2026' } };
    expect(chooseMembershipMode(good, 'open').membership.registrationCode).toBe('Sommer-2026');
  });

  // "Kennwörter müssen aus mindestens Zeichen bestehen (Ansonsten sind mindestens 6 Zeichen erforderlich.)"
  it('refuses a minimum length below 6', () => {
    expect(issuesFor(policyIssues(changePassword(defaultSecurityPolicy, { minLength: 5 })), 'password.minLength').map((issue) => issue.code)).toEqual(['out_of_range']);
    expect(issuesFor(policyIssues(changePassword(defaultSecurityPolicy, { minLength: 6 })), 'password.minLength')).toEqual([]);
  });
});

describe('helpers', () => {
  it('reads an empty registration code as none', () => {
    expect(registrationCodeOf('  ')).toBeNull();
    expect(registrationCodeOf('Sommer-2026')).toBe('Sommer-2026');
  });

  it('gives the guidance hint of one setting', () => {
    const draft = changePassword(defaultSecurityPolicy, { expiryDays: 90, requireComplexity: true });
    expect(hintsFor(draft, 'password.expiryDays').map((hint) => hint.code)).toEqual(['periodic_expiry']);
    expect(hintsFor(draft, 'password.requireComplexity').map((hint) => hint.code)).toEqual(['composition_rules']);
    expect(hintsFor(defaultSecurityPolicy, 'password.expiryDays')).toEqual([]);
  });

  it('compares policies regardless of key order', () => {
    const reordered = JSON.parse(JSON.stringify({ ...defaultSecurityPolicy, preset: undefined })) as SecurityPolicy;
    expect(samePolicy(defaultSecurityPolicy, { ...reordered, preset: 'standard' })).toBe(true);
    expect(samePolicy(defaultSecurityPolicy, changePassword(defaultSecurityPolicy, { minLength: 9 }))).toBe(false);
  });
});
