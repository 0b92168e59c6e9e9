import { describe, expect, it } from 'vitest';
import { defaultFunctionPermissions } from '../portal-api/rights';
import { defaultSecurityPolicy } from '../portal-api/security-policy';
import { compareApplicationVersions, comparePortalConfigurations, shownValue, SHOWN_VALUE_MAX } from './portal-comparison';
import type { AccessLevel } from './access';
import type { PortalConfiguration } from './portal-configuration';

const emptyDefinition = { dataGroups: [], pages: [] } as PortalConfiguration['applications'][number]['definition'];
const app = (name: string, defaultLevel: AccessLevel = 'read'): PortalConfiguration['applications'][number] => ({
  name,
  description: '',
  definition: emptyDefinition,
  rights: { defaultLevel, entries: [] },
});
const layout = (name: string, primaryColor = '#0b5394') => ({ name, primaryColor, accentColor: '#1864ab', logo: null, customCss: '' });

function configuration(patch: Partial<PortalConfiguration> = {}): PortalConfiguration {
  return {
    securityPolicy: defaultSecurityPolicy,
    functionPermissions: defaultFunctionPermissions,
    updates: { track: 'silent' },
    layouts: [layout('Standard')],
    applications: [app('CRM'), app('Fuhrpark')],
    orgUnits: [{ path: ['Zentrale'], kind: 'container', description: '' }],
    ...patch,
  } as PortalConfiguration;
}

const section = (sections: ReturnType<typeof comparePortalConfigurations>, name: string) => sections.find((entry) => entry.section === name)!;

describe('comparing two portals', () => {
  it('finds nothing between a portal and itself, and counts every item as alike', () => {
    const sections = comparePortalConfigurations(configuration(), configuration());
    expect(sections.every((entry) => entry.differences.length === 0)).toBe(true);
    expect(section(sections, 'applications').same).toBe(2);
    expect(section(sections, 'securityPolicy').same).toBe(1);
  });

  it('marks what only one portal has and each differing field with both values', () => {
    const here = configuration({ applications: [app('CRM'), app('Fuhrpark')], layouts: [layout('Standard', '#0b5394')] });
    const there = configuration({
      applications: [app('crm', 'none'), app('Urlaub')],
      layouts: [layout('Standard', '#aa0000')],
      securityPolicy: { ...defaultSecurityPolicy, password: { ...defaultSecurityPolicy.password, minLength: 10 } },
      updates: { track: 'steady' },
    });
    const sections = comparePortalConfigurations(here, there);
    const applications = section(sections, 'applications');
    expect(applications.differences.map((item) => [item.label.toLowerCase(), item.presence])).toEqual(
      expect.arrayContaining([
        ['crm', 'both'],
        ['urlaub', 'onlyThere'],
        ['fuhrpark', 'onlyHere'],
      ]),
    );
    expect(applications.same).toBe(0);
    // The same application (names match whatever the case), spelled differently and with other rights.
    expect(applications.differences.find((item) => item.presence === 'both')!.fields).toEqual([
      { field: 'name', here: 'CRM', there: 'crm' },
      { field: 'rights', here: expect.stringContaining('"read"'), there: expect.stringContaining('"none"') },
    ]);
    expect(section(sections, 'layouts').differences[0]!.fields).toEqual([{ field: 'primaryColor', here: '#0b5394', there: '#aa0000' }]);
    expect(section(sections, 'securityPolicy').differences[0]!.fields).toEqual([
      { field: 'password.minLength', here: '8', there: '10' },
    ]);
    expect(section(sections, 'updates').differences[0]!.fields).toEqual([{ field: 'track', here: 'silent', there: 'steady' }]);
  });

  it('reads the same either way round: only here becomes only there', () => {
    const a = configuration({ applications: [app('CRM')] });
    const b = configuration({ applications: [app('CRM'), app('Urlaub')] });
    const forth = section(comparePortalConfigurations(a, b), 'applications').differences;
    const back = section(comparePortalConfigurations(b, a), 'applications').differences;
    expect(forth.map((item) => item.presence)).toEqual(['onlyThere']);
    expect(back.map((item) => item.presence)).toEqual(['onlyHere']);
  });

  it('cuts long values and shows a missing one as a dash', () => {
    expect(shownValue('x'.repeat(500))).toHaveLength(SHOWN_VALUE_MAX);
    expect(shownValue(undefined)).toBe('–');
    expect(shownValue(12)).toBe('12');
  });

  it('matches application versions by name, whatever the case, in name order', () => {
    expect(
      compareApplicationVersions(
        [
          { name: 'Fuhrpark', publishedVersion: 3 },
          { name: 'CRM', publishedVersion: 2 },
        ],
        [
          { name: 'crm', publishedVersion: 4 },
          { name: 'Urlaub', publishedVersion: 0 },
        ],
      ),
    ).toEqual([
      { name: 'CRM', here: 2, there: 4 },
      { name: 'Fuhrpark', here: 3, there: null },
      { name: 'Urlaub', here: null, there: 0 },
    ]);
  });
});
