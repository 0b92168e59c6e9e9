import {
  DIRECTORY_CONFLICTS_KEPT,
  DIRECTORY_SAMPLE_SIZE,
  type DirectoryConflict,
  type DirectoryCounts,
  type DirectoryReport,
  type DirectorySample,
} from '../portal-api/directory';
import { DISPLAY_NAME_MAX_LENGTH, EMAIL_MAX_LENGTH, EMAIL_PATTERN, LOGIN_MAX_LENGTH, LOGIN_MIN_LENGTH, LOGIN_PATTERN } from '../portal-api/users';

/** A person as read from the directory (DNs normalised with normalizeDn). */
export interface DirectoryUserEntry {
  externalId: string;
  dn: string;
  login: string | null;
  name: string | null;
  email: string | null;
  department: string | null;
  disabled: boolean;
  memberOf: string[];
}

export interface DirectoryGroupEntry {
  externalId: string;
  dn: string;
  name: string | null;
  memberDns: string[];
  memberLogins: string[];
  memberOf: string[];
}

/** A portal account the directory created (linked by the entry's id). */
export interface LinkedUser {
  userId: string;
  externalId: string;
  login: string;
  displayName: string;
  email: string | null;
  enabled: boolean;
  /** The department unit it sits in (under the directory's root unit), if any. */
  department: string | null;
}

export interface LinkedGroup {
  principalId: string;
  externalId: string;
  name: string;
}

/** `u:<externalId>` or `g:<externalId>`. */
export type MemberKey = `u:${string}` | `g:${string}`;

export interface Membership {
  group: string;
  member: MemberKey;
}

export interface PortalDirectoryState {
  linkedUsers: LinkedUser[];
  /** Lower-case logins of accounts the directory did not create: never touched. */
  localLogins: ReadonlySet<string>;
  linkedGroups: LinkedGroup[];
  /** Lower-case names of groups the directory did not create. */
  localGroupNames: ReadonlySet<string>;
  /** Memberships between linked groups and linked members, by external id. */
  memberships: Membership[];
  /** Lower-case names of the department units under the root unit. */
  departments: ReadonlySet<string>;
}

export interface UserFields {
  login: string;
  displayName: string;
  email: string | null;
  enabled: boolean;
  department: string | null;
}

export interface UserChange {
  userId: string;
  externalId: string;
  dn: string;
  before: UserFields;
  after: UserFields;
}

export interface PlannedUser extends UserFields {
  externalId: string;
  dn: string;
}

export interface PlannedGroup {
  externalId: string;
  dn: string;
  name: string;
}

export interface DirectoryPlan {
  createUsers: PlannedUser[];
  updateUsers: UserChange[];
  createGroups: PlannedGroup[];
  renameGroups: { principalId: string; externalId: string; dn: string; from: string; name: string }[];
  createDepartments: string[];
  addMemberships: Membership[];
  removeMemberships: Membership[];
  /** Accounts the sync disables (gone from the directory or flagged disabled there). */
  disabling: number;
  /** Enabled accounts the directory manages now: what the disable share is measured against. */
  enabledLinked: number;
  report: DirectoryReport;
}

const membershipKey = (m: Membership) => `${m.group}|${m.member}`;

function cleanLogin(value: string | null): string | null {
  const login = value?.trim() ?? '';
  return login === '' ? null : login;
}

function validLogin(login: string): boolean {
  return login.length >= LOGIN_MIN_LENGTH && login.length <= LOGIN_MAX_LENGTH && LOGIN_PATTERN.test(login);
}

function cleanEmail(value: string | null): string | null {
  const email = value?.trim() ?? '';
  return email.length > 0 && email.length <= EMAIL_MAX_LENGTH && EMAIL_PATTERN.test(email) ? email : null;
}

function cleanText(value: string | null, max: number): string | null {
  const text = value?.trim() ?? '';
  return text === '' ? null : text.slice(0, max);
}

interface Conflicts {
  list: DirectoryConflict[];
  add(conflict: DirectoryConflict): void;
}

function conflictCollector(): Conflicts {
  const list: DirectoryConflict[] = [];
  return { list, add: (conflict) => list.push(conflict) };
}

/** People that may be written: one entry per login, no clash with a local account. */
function acceptedUsers(entries: readonly DirectoryUserEntry[], state: PortalDirectoryState, conflicts: Conflicts): Map<string, DirectoryUserEntry> {
  const byLogin = new Map<string, DirectoryUserEntry[]>();
  for (const entry of entries) {
    const login = cleanLogin(entry.login);
    if (login === null) {
      conflicts.add({ kind: 'missing_login', name: entry.name ?? entry.dn, dns: [entry.dn] });
      continue;
    }
    if (!validLogin(login)) {
      conflicts.add({ kind: 'invalid_login', name: login, dns: [entry.dn] });
      continue;
    }
    const key = login.toLowerCase();
    byLogin.set(key, [...(byLogin.get(key) ?? []), { ...entry, login }]);
  }
  const accepted = new Map<string, DirectoryUserEntry>();
  for (const [key, list] of byLogin) {
    const first = list[0]!;
    if (list.length > 1) conflicts.add({ kind: 'duplicate_login', name: first.login!, dns: list.map((e) => e.dn) });
    else if (state.localLogins.has(key)) conflicts.add({ kind: 'local_login', name: first.login!, dns: [first.dn] });
    else accepted.set(first.externalId, first);
  }
  return accepted;
}

function acceptedGroups(entries: readonly DirectoryGroupEntry[], state: PortalDirectoryState, conflicts: Conflicts): Map<string, DirectoryGroupEntry & { name: string }> {
  const byName = new Map<string, (DirectoryGroupEntry & { name: string })[]>();
  for (const entry of entries) {
    const name = cleanText(entry.name, 200);
    if (name === null) continue;
    const key = name.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), { ...entry, name }]);
  }
  const accepted = new Map<string, DirectoryGroupEntry & { name: string }>();
  for (const [key, list] of byName) {
    const first = list[0]!;
    if (list.length > 1) conflicts.add({ kind: 'duplicate_group', name: first.name, dns: list.map((e) => e.dn) });
    else if (state.localGroupNames.has(key)) conflicts.add({ kind: 'local_group', name: first.name, dns: [first.dn] });
    else accepted.set(first.externalId, first);
  }
  return accepted;
}

function desiredFields(entry: DirectoryUserEntry): UserFields {
  return {
    login: entry.login!,
    displayName: cleanText(entry.name, DISPLAY_NAME_MAX_LENGTH) ?? entry.login!,
    email: cleanEmail(entry.email),
    enabled: !entry.disabled,
    department: cleanText(entry.department, 200),
  };
}

function sameDepartment(a: string | null, b: string | null): boolean {
  return (a?.toLowerCase() ?? null) === (b?.toLowerCase() ?? null);
}

export function changedFields(before: UserFields, after: UserFields): (keyof UserFields)[] {
  const fields: (keyof UserFields)[] = [];
  if (before.login !== after.login) fields.push('login');
  if (before.displayName !== after.displayName) fields.push('displayName');
  if (before.email !== after.email) fields.push('email');
  if (before.enabled !== after.enabled) fields.push('enabled');
  if (!sameDepartment(before.department, after.department)) fields.push('department');
  return fields;
}

/** Memberships the directory asks for, nested groups included, cycles broken (and reported). */
function desiredMemberships(
  users: Map<string, DirectoryUserEntry>,
  groups: Map<string, DirectoryGroupEntry & { name: string }>,
  conflicts: Conflicts,
): Membership[] {
  const userByDn = new Map([...users.values()].map((u) => [u.dn, u.externalId]));
  const userByLogin = new Map([...users.values()].map((u) => [u.login!.toLowerCase(), u.externalId]));
  const groupByDn = new Map([...groups.values()].map((g) => [g.dn, g.externalId]));
  const wanted = new Map<string, Membership>();
  const add = (group: string | undefined, member: MemberKey | undefined) => {
    if (group === undefined || member === undefined || member === `g:${group}`) return;
    const membership = { group, member };
    wanted.set(membershipKey(membership), membership);
  };
  const memberOfDn = (dn: string): MemberKey | undefined => {
    const user = userByDn.get(dn);
    if (user !== undefined) return `u:${user}`;
    const group = groupByDn.get(dn);
    return group === undefined ? undefined : `g:${group}`;
  };
  for (const group of groups.values()) {
    for (const dn of group.memberDns) add(group.externalId, memberOfDn(dn));
    for (const login of group.memberLogins) {
      const user = userByLogin.get(login.toLowerCase());
      if (user !== undefined) add(group.externalId, `u:${user}`);
    }
    for (const dn of group.memberOf) add(groupByDn.get(dn), `g:${group.externalId}`);
  }
  for (const user of users.values()) for (const dn of user.memberOf) add(groupByDn.get(dn), `u:${user.externalId}`);
  return withoutCycles([...wanted.values()], groups, conflicts);
}

/** Drops the group-in-group edges that close a cycle (the portal refuses cycles); each is a conflict. */
function withoutCycles(memberships: Membership[], groups: Map<string, { dn: string; name: string }>, conflicts: Conflicts): Membership[] {
  const children = new Map<string, string[]>();
  for (const m of memberships) {
    if (m.member.startsWith('g:')) children.set(m.group, [...(children.get(m.group) ?? []), m.member.slice(2)]);
  }
  const state = new Map<string, 'open' | 'done'>();
  const dropped = new Set<string>();
  const visit = (group: string) => {
    state.set(group, 'open');
    for (const child of children.get(group) ?? []) {
      const seen = state.get(child);
      if (seen === 'open') {
        dropped.add(`${group}|g:${child}`);
        const parent = groups.get(group);
        const inner = groups.get(child);
        conflicts.add({ kind: 'group_cycle', name: `${parent?.name ?? group} ⊃ ${inner?.name ?? child}`, dns: [parent?.dn ?? group, inner?.dn ?? child] });
      } else if (seen === undefined) visit(child);
    }
    state.set(group, 'done');
  };
  for (const group of [...children.keys()].sort()) if (!state.has(group)) visit(group);
  return memberships.filter((m) => !dropped.has(membershipKey(m)));
}

function sample(items: readonly DirectorySample[]): DirectorySample[] {
  return [...items].sort((a, b) => a.login.localeCompare(b.login)).slice(0, DIRECTORY_SAMPLE_SIZE);
}

/**
 * What a sync would change, from the directory as read and the portal as it is. Accounts the directory did not
 * create are never touched; accounts it created and cannot find any more are disabled, never deleted.
 */
export function planDirectorySync(
  directory: { users: readonly DirectoryUserEntry[]; groups: readonly DirectoryGroupEntry[] },
  state: PortalDirectoryState,
): DirectoryPlan {
  const conflicts = conflictCollector();
  const users = acceptedUsers(directory.users, state, conflicts);
  const groups = acceptedGroups(directory.groups, state, conflicts);
  const present = new Set(directory.users.map((u) => u.externalId));

  const linkedById = new Map(state.linkedUsers.map((u) => [u.externalId, u]));
  const createUsers: PlannedUser[] = [];
  const updateUsers: UserChange[] = [];
  for (const entry of users.values()) {
    const after = desiredFields(entry);
    const linked = linkedById.get(entry.externalId);
    if (linked === undefined) createUsers.push({ ...after, externalId: entry.externalId, dn: entry.dn });
    else if (changedFields(linked, after).length > 0) updateUsers.push({ userId: linked.userId, externalId: entry.externalId, dn: entry.dn, before: linked, after });
  }
  for (const linked of state.linkedUsers) {
    if (!present.has(linked.externalId) && linked.enabled) {
      updateUsers.push({ userId: linked.userId, externalId: linked.externalId, dn: '', before: linked, after: { ...linked, enabled: false } });
    }
  }

  const linkedGroupById = new Map(state.linkedGroups.map((g) => [g.externalId, g]));
  const createGroups: PlannedGroup[] = [];
  const renameGroups: DirectoryPlan['renameGroups'] = [];
  for (const group of groups.values()) {
    const linked = linkedGroupById.get(group.externalId);
    if (linked === undefined) createGroups.push({ externalId: group.externalId, dn: group.dn, name: group.name });
    else if (linked.name !== group.name) renameGroups.push({ principalId: linked.principalId, externalId: group.externalId, dn: group.dn, from: linked.name, name: group.name });
  }
  const presentGroups = new Set(directory.groups.map((g) => g.externalId));
  const goneGroups = state.linkedGroups.filter((g) => !presentGroups.has(g.externalId)).length;

  const departments = new Map<string, string>();
  for (const user of [...createUsers, ...updateUsers.map((u) => u.after)]) {
    const key = user.department?.toLowerCase();
    // The first spelling met names the unit.
    if (key !== undefined && !state.departments.has(key) && !departments.has(key)) departments.set(key, user.department!);
  }

  const wanted = desiredMemberships(users, groups, conflicts);
  const current = new Set(state.memberships.map(membershipKey));
  const wantedKeys = new Set(wanted.map(membershipKey));
  const addMemberships = wanted.filter((m) => !current.has(membershipKey(m)));
  // Only memberships of members written this time are taken away: a person in conflict keeps what it had, and
  // an account gone from the directory is disabled with its memberships, ready for its return.
  const managed = (member: MemberKey) => (member.startsWith('u:') ? users.has(member.slice(2)) : groups.has(member.slice(2)));
  const removeMemberships = state.memberships.filter((m) => !wantedKeys.has(membershipKey(m)) && groups.has(m.group) && managed(m.member));

  const disabled = updateUsers.filter((u) => u.before.enabled && !u.after.enabled);
  const enabled = updateUsers.filter((u) => !u.before.enabled && u.after.enabled);
  const otherwiseChanged = updateUsers.filter((u) => changedFields(u.before, u.after).some((field) => field !== 'enabled'));
  const counts: DirectoryCounts = {
    directoryUsers: directory.users.length,
    directoryGroups: directory.groups.length,
    users: {
      create: createUsers.length,
      update: otherwiseChanged.length,
      disable: disabled.length,
      enable: enabled.length,
      unchanged: state.linkedUsers.length - updateUsers.length,
    },
    groups: { create: createGroups.length, update: renameGroups.length, unchanged: state.linkedGroups.length - renameGroups.length - goneGroups, gone: goneGroups },
    memberships: { add: addMemberships.length, remove: removeMemberships.length },
    orgUnits: { create: departments.size },
    conflicts: conflicts.list.length,
  };
  const asSample = (u: UserFields, fields?: string[]): DirectorySample => ({ login: u.login, name: u.displayName, ...(fields ? { fields } : {}) });
  const report: DirectoryReport = {
    counts,
    samples: {
      createUsers: sample(createUsers.map((u) => asSample(u))),
      updateUsers: sample(otherwiseChanged.map((u) => asSample(u.after, changedFields(u.before, u.after)))),
      disableUsers: sample(disabled.map((u) => asSample(u.before))),
      createGroups: sample(createGroups.map((g) => ({ login: g.name, name: g.name }))),
      updateGroups: sample(renameGroups.map((g) => ({ login: g.name, name: g.from, fields: ['name'] }))),
    },
    conflicts: conflicts.list.slice(0, DIRECTORY_CONFLICTS_KEPT),
    guard: null,
  };
  return {
    createUsers,
    updateUsers,
    createGroups,
    renameGroups,
    createDepartments: [...departments.values()].sort(),
    addMemberships,
    removeMemberships,
    disabling: disabled.length,
    enabledLinked: state.linkedUsers.filter((u) => u.enabled).length,
    report,
  };
}

/** The sync stops and asks when it would disable more than `limitPercent` of the enabled accounts it manages. */
export function exceedsDisableLimit(plan: Pick<DirectoryPlan, 'disabling' | 'enabledLinked'>, limitPercent: number): boolean {
  if (plan.disabling === 0) return false;
  return plan.disabling * 100 > limitPercent * Math.max(plan.enabledLinked, 1);
}

export function planHasChanges(plan: DirectoryPlan): boolean {
  return (
    plan.createUsers.length + plan.updateUsers.length + plan.createGroups.length + plan.renameGroups.length + plan.createDepartments.length +
      plan.addMemberships.length + plan.removeMemberships.length >
    0
  );
}
