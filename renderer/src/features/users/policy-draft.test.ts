import { describe, expect, it } from 'vitest';
import { defaultSecurityPolicy, type SecurityPolicy } from '../../../../common/portal-api/security-policy';
import { changeLockout, changePassword, changeRememberMe, choosePreset, hintsFor, issuesFor, policyIssues, registrationCodeOf, samePolicy } from './policy-draft';

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
      membership: { mode: 'open', inviters: 'admins', registrationCode: 'abc' },
    };
    const issues = policyIssues(draft);
    expect(issuesFor(issues, 'membership.registrationCode').map((issue) => issue.code)).toEqual(['registration_code_too_short']);
    expect(issuesFor(issues, 'password.minLength').map((issue) => issue.code)).toEqual(['not_an_integer']);
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
