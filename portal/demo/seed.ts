import { count, eq } from 'drizzle-orm';
import type { PortalDb, PortalExecutor } from '../db/client';
import {
  applications,
  portalSettings,
  principalMembers,
  principals,
  users,
  type NewApplicationRow,
  type NewPrincipalRow,
  type NewUserRow,
  type PrincipalKind,
} from '../db/schema';
import { englishSpeakers, firstNames, lastNames, loginOf } from './names';
import { createRandom, type Random } from './prng';
import { seedRightsDemo } from './rights';
import { seedUpdatesDemo } from './updates';
import { seedBackupsDemo } from './backups';
import { seedOutagesDemo } from './outages';
import { DEMO_MEMBER_PASSWORD, seedMembersDemo } from './members';
import { seedSupportDemo } from './support';
import { seedAdminRolesDemo } from './admin-roles';
import { seedApplicationsDemo } from './applications';
import { hashDemoPassword } from './passwords';

export const DEMO_ADMIN = { login: 'admin', password: 'Admin-Portal-2026', displayName: 'Administrator' } as const;

export const DEMO_PORTAL = {
  name: 'Muster GmbH Portal',
  version: '12.0.3',
  track: 'silent',
  timeZone: 'Europe/Berlin',
  supportPackage: 'professional',
} as const;

const DEMO_SEED = 20_260_301;
const MAIL_DOMAIN = 'muster-gmbh.de';
const DAY_MS = 24 * 60 * 60 * 1000;

/** Department of each demo employee (49 people; with the admin the portal has 50 users). */
const DEPARTMENT_SLOTS = [
  ...Array<string>(15).fill('Vertrieb'),
  ...Array<string>(9).fill('Einkauf'),
  ...Array<string>(7).fill('Personal'),
  ...Array<string>(13).fill('IT'),
  ...Array<string>(5).fill('Geschäftsführung'),
];
const DISABLED_COUNT = 4;
const NEVER_SIGNED_IN_COUNT = 5;

const GROUPS: Record<string, string> = {
  Vertrieb: 'Außendienst und Innendienst Vertrieb',
  Einkauf: 'Strategischer und operativer Einkauf',
  Personal: 'Personalabteilung und Lohnbuchhaltung',
  IT: 'IT-Betrieb und Anwendungsbetreuung',
  Geschäftsführung: 'Geschäftsführung und Assistenz',
  'Alle Mitarbeiter': 'Alle Abteilungen der Muster GmbH',
};
const ROLES: Record<string, string> = {
  Administratoren: 'Verwalten das Portal, Benutzer und Rechte',
  Redakteure: 'Pflegen Inhalte, Nachrichten und die Wissensdatenbank',
  'Gäste-Betreuung': 'Betreuen Gastzugänge von Kunden und Partnern',
};
const DISTRIBUTION_LISTS: Record<string, string> = {
  Newsletter: 'Empfänger des monatlichen Newsletters',
  'Betriebsrat-Info': 'Informationen des Betriebsrats',
};
const APPLICATIONS: Record<string, string> = {
  CRM: 'Kunden, Kontakte, Angebote und Verkaufschancen',
  Urlaubsantrag: 'Urlaub beantragen, genehmigen und im Teamkalender sehen',
  Wissensdatenbank: 'Anleitungen, Richtlinien und häufige Fragen',
  Fuhrpark: 'Dienstwagen reservieren und Fahrtenbuch führen',
  Ideenmanagement: 'Verbesserungsvorschläge einreichen und bewerten',
};

export interface DemoSeedSummary {
  users: number;
  admins: number;
  disabled: number;
  locked: number;
  neverSignedIn: number;
  groups: number;
  roles: number;
  distributionLists: number;
  memberships: number;
  applications: number;
}

interface Employee {
  row: NewUserRow & { id: string };
  department: string;
}

function uniquePeople(random: Random, wanted: number): Array<{ first: string; last: string; language: 'de' | 'en' }> {
  const people: Array<{ first: string; last: string; language: 'de' | 'en' }> = englishSpeakers.map((p) => ({ ...p, language: 'en' }));
  const logins = new Set(people.map((p) => loginOf(p.first, p.last)));
  while (people.length < wanted) {
    const person = { first: random.pick(firstNames), last: random.pick(lastNames), language: 'de' as const };
    const login = loginOf(person.first, person.last);
    if (logins.has(login)) continue;
    logins.add(login);
    people.push(person);
  }
  return random.shuffle(people);
}

function buildEmployees(random: Random, now: Date): Employee[] {
  const departments = random.shuffle(DEPARTMENT_SLOTS);
  const people = uniquePeople(random, departments.length);
  return people.map((person, index) => {
    const createdAt = new Date(now.getTime() - random.int(60, 1500) * DAY_MS);
    const login = loginOf(person.first, person.last);
    const row = {
      id: random.uuid(),
      login,
      displayName: `${person.first} ${person.last}`,
      email: `${login}@${MAIL_DOMAIN}`,
      language: person.language,
      enabled: true,
      isAdmin: false,
      // Hashing 49 passwords would slow every demo start; these accounts get a password on first reset.
      passwordHash: null,
      mustChangePassword: true,
      lastLoginAt: new Date(now.getTime() - random.int(0, 45) * DAY_MS - random.int(0, 600) * 60_000),
      createdAt,
      updatedAt: createdAt,
    };
    return { row, department: departments[index] as string };
  });
}

/** Marks a deterministic handful as disabled, one as locked, a few as never signed in, two IT staff as admins. */
function assignStatuses(random: Random, employees: Employee[], now: Date): void {
  const [locked, ...rest] = random.shuffle(employees.filter((e) => e.department !== 'Geschäftsführung'));
  if (locked !== undefined) Object.assign(locked.row, { failedAttempts: 3, lockedUntil: new Date(now.getTime() + 30 * 60_000) });
  rest.slice(0, DISABLED_COUNT).forEach((e) => Object.assign(e.row, { enabled: false }));
  rest.slice(DISABLED_COUNT, DISABLED_COUNT + NEVER_SIGNED_IN_COUNT).forEach((e) => Object.assign(e.row, { lastLoginAt: null }));
  employees
    .filter((e) => e.department === 'IT' && e.row.enabled)
    .slice(0, 2)
    .forEach((e) => Object.assign(e.row, { isAdmin: true }));
}

function adminRow(random: Random, now: Date, passwordHash: string): NewUserRow & { id: string } {
  return {
    id: random.uuid(),
    login: DEMO_ADMIN.login,
    displayName: DEMO_ADMIN.displayName,
    email: `admin@${MAIL_DOMAIN}`,
    language: 'de',
    enabled: true,
    isAdmin: true,
    passwordHash,
    mustChangePassword: false,
    passwordChangedAt: now,
    createdAt: new Date(now.getTime() - 1600 * DAY_MS),
    updatedAt: now,
  };
}

function principalRows(random: Random, kind: PrincipalKind, entries: Record<string, string>): Map<string, NewPrincipalRow & { id: string }> {
  return new Map(Object.entries(entries).map(([name, description]) => [name, { id: random.uuid(), kind, name, description }]));
}

export type Membership = { id: string; containerId: string; memberUserId?: string; memberPrincipalId?: string };

function idOf(map: Map<string, { id: string }>, name: string): string {
  const found = map.get(name);
  if (found === undefined) throw new Error(`unknown demo principal ${name}`);
  return found.id;
}

function buildMemberships(
  random: Random,
  employees: Employee[],
  adminId: string,
  byName: Map<string, { id: string }>,
): Membership[] {
  const memberships: Membership[] = [];
  const addUser = (container: string, userId: string) =>
    memberships.push({ id: random.uuid(), containerId: idOf(byName, container), memberUserId: userId });
  const addPrincipal = (container: string, member: string) =>
    memberships.push({ id: random.uuid(), containerId: idOf(byName, container), memberPrincipalId: idOf(byName, member) });

  employees.forEach((e) => addUser(e.department, e.row.id));
  ['Vertrieb', 'Einkauf', 'Personal', 'IT', 'Geschäftsführung'].forEach((dept) => addPrincipal('Alle Mitarbeiter', dept));
  addUser('Administratoren', adminId);
  employees.filter((e) => e.row.isAdmin).forEach((e) => addUser('Administratoren', e.row.id));
  const active = employees.filter((e) => e.row.enabled);
  random.shuffle(active).slice(0, 6).forEach((e) => addUser('Redakteure', e.row.id));
  active.filter((e) => e.department === 'Vertrieb').slice(0, 3).forEach((e) => addUser('Gäste-Betreuung', e.row.id));
  random.shuffle(active).slice(0, 20).forEach((e) => addUser('Newsletter', e.row.id));
  addPrincipal('Betriebsrat-Info', 'Personal');
  random
    .shuffle(active.filter((e) => e.department !== 'Personal'))
    .slice(0, 4)
    .forEach((e) => addUser('Betriebsrat-Info', e.row.id));
  return memberships;
}

async function isEmpty(db: PortalExecutor): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

export function summarizeDemoData(data: DemoData): DemoSeedSummary {
  const ofKind = (kind: PrincipalKind) => data.principals.filter((p) => p.kind === kind).length;
  return {
    users: data.users.length,
    admins: data.users.filter((u) => u.isAdmin).length,
    disabled: data.users.filter((u) => u.enabled === false).length,
    locked: data.users.filter((u) => u.lockedUntil != null).length,
    neverSignedIn: data.users.filter((u) => u.lastLoginAt == null).length,
    groups: ofKind('group'),
    roles: ofKind('role'),
    distributionLists: ofKind('distribution_list'),
    memberships: data.memberships.length,
    applications: data.applications.length,
  };
}

export interface DemoData {
  users: Array<NewUserRow & { id: string }>;
  principals: Array<NewPrincipalRow & { id: string }>;
  memberships: Membership[];
  applications: NewApplicationRow[];
}

/** The demo company as rows; deterministic (seeded PRNG) apart from timestamps, which are relative to `now`. */
export function buildDemoData(now: Date, adminPasswordHash: string): DemoData {
  const random = createRandom(DEMO_SEED);
  const admin = adminRow(random, now, adminPasswordHash);
  const employees = buildEmployees(random, now);
  assignStatuses(random, employees, now);
  const byName = new Map([
    ...principalRows(random, 'group', GROUPS),
    ...principalRows(random, 'role', ROLES),
    ...principalRows(random, 'distribution_list', DISTRIBUTION_LISTS),
  ]);
  return {
    users: [admin, ...employees.map((e) => e.row)],
    principals: [...byName.values()],
    memberships: buildMemberships(random, employees, admin.id, byName),
    applications: Object.entries(APPLICATIONS).map(([name, description]) => ({ id: random.uuid(), name, description })),
  };
}

/** Fills an empty database with the German demo company "Muster GmbH"; returns null and changes nothing when users exist. */
export async function seedDemoData(db: PortalDb, now: Date): Promise<DemoSeedSummary | null> {
  if (!(await isEmpty(db))) return null;
  const [adminPasswordHash, memberPasswordHash] = await Promise.all([hashDemoPassword(DEMO_ADMIN.password), hashDemoPassword(DEMO_MEMBER_PASSWORD)]);
  const data = buildDemoData(now, adminPasswordHash);
  const summary = await db.transaction(async (tx) => {
    if (!(await isEmpty(tx))) return null;
    await tx.insert(users).values(data.users);
    await tx.insert(principals).values(data.principals);
    await tx.insert(principalMembers).values(data.memberships);
    await tx.insert(applications).values(data.applications);
    await seedApplicationsDemo(tx, data.applications, now, DEMO_ADMIN.login);
    await tx.update(portalSettings).set(DEMO_PORTAL).where(eq(portalSettings.id, 1));
    await seedUpdatesDemo(tx, now, DEMO_PORTAL.timeZone);
    await seedRightsDemo(tx, data);
    await seedBackupsDemo(tx, now, DEMO_PORTAL.timeZone);
    await seedAdminRolesDemo(tx, now);
    await seedOutagesDemo(tx, now, DEMO_PORTAL.timeZone);
    await seedMembersDemo(tx, now, memberPasswordHash);
    return summarizeDemoData(data);
  });
  const admin = data.users.find((user) => user.login === DEMO_ADMIN.login);
  if (summary !== null && admin) await seedSupportDemo(db, now, { id: admin.id, login: admin.login });
  return summary;
}
