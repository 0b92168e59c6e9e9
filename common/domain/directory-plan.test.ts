import { describe, expect, it } from 'vitest';
import { exceedsDisableLimit, planDirectorySync, type DirectoryGroupEntry, type DirectoryUserEntry, type PortalDirectoryState } from './directory-plan';

const person = (login: string, extra: Partial<DirectoryUserEntry> = {}): DirectoryUserEntry => ({
  externalId: `id-${login}`,
  dn: `uid=${login},ou=people,dc=x`,
  login,
  name: `Name ${login}`,
  email: `${login}@x.test`,
  department: null,
  disabled: false,
  memberOf: [],
  ...extra,
});
const group = (name: string, extra: Partial<DirectoryGroupEntry> = {}): DirectoryGroupEntry => ({
  externalId: `g-${name}`,
  dn: `cn=${name},ou=groups,dc=x`,
  name,
  memberDns: [],
  memberLogins: [],
  memberOf: [],
  ...extra,
});
const empty: PortalDirectoryState = { linkedUsers: [], localLogins: new Set(), linkedGroups: [], localGroupNames: new Set(), memberships: [], departments: new Set() };

describe('planDirectorySync', () => {
  it('skips a login a local account has and both entries of a login listed twice, and reports them', () => {
    const plan = planDirectorySync(
      { users: [person('anna'), person('bernd'), person('Bernd', { externalId: 'other' }), person('admin')], groups: [] },
      { ...empty, localLogins: new Set(['admin']) },
    );
    expect(plan.createUsers.map((u) => u.login)).toEqual(['anna']);
    expect(plan.report.conflicts.map((c) => [c.kind, c.name])).toEqual([
      ['duplicate_login', 'bernd'],
      ['local_login', 'admin'],
    ]);
  });

  it('keeps nested groups nested, members by DN, by login (posixGroup) and by memberOf, and breaks a cycle', () => {
    const users = [person('anna', { memberOf: ['cn=c,ou=groups,dc=x'] }), person('bernd')];
    const groups = [
      group('a', { memberDns: ['cn=b,ou=groups,dc=x'] }),
      group('b', { memberDns: ['uid=anna,ou=people,dc=x', 'cn=a,ou=groups,dc=x'] }),
      group('c', { memberLogins: ['bernd'], memberOf: ['cn=a,ou=groups,dc=x'] }),
    ];
    const plan = planDirectorySync({ users, groups }, empty);
    const edges = plan.addMemberships.map((m) => `${m.group}>${m.member}`).sort();
    expect(edges).toEqual(['g-a>g:g-b', 'g-a>g:g-c', 'g-b>u:id-anna', 'g-c>u:id-anna', 'g-c>u:id-bernd']);
    expect(plan.report.conflicts).toEqual([{ kind: 'group_cycle', name: 'b ⊃ a', dns: ['cn=b,ou=groups,dc=x', 'cn=a,ou=groups,dc=x'] }]);
  });

  it('disables accounts gone from the directory, keeps their memberships, and changes nothing when all is equal', () => {
    const linked = { userId: 'u1', externalId: 'id-anna', login: 'anna', displayName: 'Name anna', email: 'anna@x.test', enabled: true, department: null };
    const gone = { ...linked, userId: 'u2', externalId: 'id-gone', login: 'gone' };
    const state: PortalDirectoryState = {
      ...empty,
      linkedUsers: [linked, gone],
      linkedGroups: [{ principalId: 'p1', externalId: 'g-a', name: 'a' }],
      memberships: [
        { group: 'g-a', member: 'u:id-anna' },
        { group: 'g-a', member: 'u:id-gone' },
      ],
    };
    const plan = planDirectorySync({ users: [person('anna')], groups: [group('a', { memberDns: ['uid=anna,ou=people,dc=x'] })] }, state);
    expect(plan.updateUsers).toEqual([expect.objectContaining({ userId: 'u2', after: expect.objectContaining({ enabled: false }) })]);
    expect(plan.removeMemberships).toEqual([]);
    expect(plan.report.counts.users).toMatchObject({ disable: 1, update: 0, unchanged: 1 });
    expect(exceedsDisableLimit(plan, 50)).toBe(false);
    expect(exceedsDisableLimit(plan, 49)).toBe(true);
  });

  it('a directory that reads the AD disabled bit disables, and a department becomes an org unit once', () => {
    const plan = planDirectorySync({ users: [person('ab', { disabled: true, department: 'Vertrieb' }), person('cd', { department: 'vertrieb' })], groups: [] }, empty);
    expect(plan.createUsers.map((u) => [u.login, u.enabled])).toEqual([
      ['ab', false],
      ['cd', true],
    ]);
    expect(plan.createDepartments).toEqual(['Vertrieb']);
  });
});
