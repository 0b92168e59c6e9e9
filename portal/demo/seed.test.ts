import { describe, expect, it } from 'vitest';
import { buildDemoData, DEMO_ADMIN, summarizeDemoData } from './seed';
import { loginOf } from './names';

const now = new Date('2026-03-02T09:00:00Z');
const data = buildDemoData(now, 'scrypt$placeholder-not-used-for-login');

describe('buildDemoData', () => {
  it('is deterministic apart from the clock', () => {
    const again = buildDemoData(now, 'scrypt$placeholder-not-used-for-login');
    expect(again).toEqual(data);
    const later = buildDemoData(new Date('2027-01-01T00:00:00Z'), 'x');
    expect(later.users.map((u) => [u.id, u.login])).toEqual(data.users.map((u) => [u.id, u.login]));
  });

  it('has about 50 users with the expected mix of states', () => {
    expect(summarizeDemoData(data)).toMatchObject({
      users: 50,
      disabled: 4,
      locked: 1,
      groups: 6,
      roles: 3,
      distributionLists: 2,
      applications: 5,
    });
    // The admin and five employees never signed in.
    expect(summarizeDemoData(data).neverSignedIn).toBe(6);
  });

  it('only the admin can sign in; everyone else must set a password first', () => {
    const [admin, ...others] = data.users;
    expect(admin).toMatchObject({ login: DEMO_ADMIN.login, displayName: 'Administrator', isAdmin: true, mustChangePassword: false });
    expect(others.every((u) => u.passwordHash === null && u.mustChangePassword === true)).toBe(true);
  });

  it('gives unique ASCII logins and company e-mail addresses', () => {
    const logins = data.users.map((u) => u.login.toLowerCase());
    expect(new Set(logins).size).toBe(logins.length);
    for (const user of data.users) {
      expect(user.login).toMatch(/^[a-z.-]+$/);
      expect(user.email).toBe(`${user.login}@muster-gmbh.de`);
    }
    expect(new Set(data.users.map((u) => u.id)).size).toBe(data.users.length);
  });

  it('nests groups and keeps every membership pointing at known rows', () => {
    const principalIds = new Set(data.principals.map((p) => p.id));
    const userIds = new Set(data.users.map((u) => u.id));
    const nested = data.memberships.filter((m) => m.memberPrincipalId !== undefined);
    expect(nested.length).toBeGreaterThanOrEqual(1);
    for (const m of data.memberships) {
      expect(principalIds.has(m.containerId)).toBe(true);
      expect((m.memberUserId === undefined) !== (m.memberPrincipalId === undefined)).toBe(true);
      if (m.memberUserId !== undefined) expect(userIds.has(m.memberUserId)).toBe(true);
      if (m.memberPrincipalId !== undefined) expect(principalIds.has(m.memberPrincipalId)).toBe(true);
    }
    const byId = new Map(data.principals.map((p) => [p.id, p.name]));
    const allStaff = nested.filter((m) => byId.get(m.containerId) === 'Alle Mitarbeiter').map((m) => byId.get(m.memberPrincipalId ?? ''));
    expect(allStaff).toEqual(['Vertrieb', 'Einkauf', 'Personal', 'IT', 'Geschäftsführung']);
  });

  it('names the German groups, roles, lists and applications', () => {
    expect(data.principals.map((p) => `${p.kind}:${p.name}`)).toEqual([
      'group:Vertrieb',
      'group:Einkauf',
      'group:Personal',
      'group:IT',
      'group:Geschäftsführung',
      'group:Alle Mitarbeiter',
      'role:Administratoren',
      'role:Redakteure',
      'role:Gäste-Betreuung',
      'distribution_list:Newsletter',
      'distribution_list:Betriebsrat-Info',
    ]);
    expect(data.applications.map((a) => a.name)).toEqual(['CRM', 'Urlaubsantrag', 'Wissensdatenbank', 'Fuhrpark', 'Ideenmanagement']);
  });
});

describe('loginOf', () => {
  it.each([
    ['Jürgen', 'Weiß', 'juergen.weiss'],
    ['Käthe', 'Schröder', 'kaethe.schroeder'],
    ['James', 'O’Connor', 'james.oconnor'],
    ['Anna', 'Müller', 'anna.mueller'],
  ])('%s %s -> %s', (first, last, expected) => {
    expect(loginOf(first, last)).toBe(expected);
  });
});
