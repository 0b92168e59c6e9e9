import type { AccessLevel } from '../../common/domain/access';
import type { PortalExecutor } from '../db/client';
import { applicationAccess, applicationRightsEntries, orgUnitPlacements, orgUnits, type NewApplicationRow } from '../db/schema';
import { createRandom } from './prng';
import type { DemoData } from './seed';

// Demo data of the rights area: rights on the five demo applications (a mix of group, role and list entries
// and defaults for "all other members") and the org structure of Muster GmbH with every employee and group
// placed in their department's unit.

const RIGHTS_SEED = 20_260_304;

const ORGANISATION = 'Muster GmbH';
const DEPARTMENTS = ['Vertrieb', 'Einkauf', 'Personal', 'IT', 'Geschäftsführung'];
const DEPARTMENT_DESCRIPTIONS: Record<string, string> = {
  Vertrieb: 'Außendienst und Innendienst',
  Einkauf: 'Strategischer und operativer Einkauf',
  Personal: 'Personal und Lohnbuchhaltung',
  IT: 'IT-Betrieb und Anwendungsbetreuung',
  Geschäftsführung: 'Geschäftsführung und Assistenz',
};
const EXTERNAL = 'Externe Partner';

const RIGHTS: Record<string, { defaultLevel: AccessLevel; entries: Record<string, AccessLevel> }> = {
  CRM: { defaultLevel: 'none', entries: { Vertrieb: 'edit', Geschäftsführung: 'manage', 'Alle Mitarbeiter': 'read' } },
  Urlaubsantrag: { defaultLevel: 'none', entries: { 'Alle Mitarbeiter': 'read_add', Personal: 'manage' } },
  Wissensdatenbank: { defaultLevel: 'read', entries: { Redakteure: 'edit', Administratoren: 'manage' } },
  Fuhrpark: { defaultLevel: 'none', entries: { 'Alle Mitarbeiter': 'read_add', IT: 'edit', Geschäftsführung: 'manage' } },
  Ideenmanagement: { defaultLevel: 'read_add', entries: { 'Betriebsrat-Info': 'edit', Geschäftsführung: 'manage' } },
};

function idByName(rows: ReadonlyArray<{ id?: string; name: string }>, name: string): string {
  const id = rows.find((row) => row.name === name)?.id;
  if (id === undefined) throw new Error(`unknown demo name ${name}`);
  return id;
}

function rightsRows(data: DemoData) {
  const access: Array<typeof applicationAccess.$inferInsert> = [];
  const entries: Array<typeof applicationRightsEntries.$inferInsert> = [];
  for (const [appName, spec] of Object.entries(RIGHTS)) {
    const applicationId = idByName(data.applications as Array<NewApplicationRow & { name: string }>, appName);
    access.push({ applicationId, defaultLevel: spec.defaultLevel });
    Object.entries(spec.entries).forEach(([principalName, level], position) => {
      entries.push({ applicationId, principalId: idByName(data.principals, principalName), level, position });
    });
  }
  return { access, entries };
}

function orgRows(data: DemoData) {
  const random = createRandom(RIGHTS_SEED);
  const root = { id: random.uuid(), parentId: null, kind: 'container' as const, name: ORGANISATION, description: 'Die Organisation' };
  const external = { id: random.uuid(), parentId: root.id, kind: 'container' as const, name: EXTERNAL, description: 'Gastzugänge von Kunden und Partnern' };
  const departments = DEPARTMENTS.map((name) => ({
    id: random.uuid(),
    parentId: root.id,
    kind: 'org_unit' as const,
    name,
    description: DEPARTMENT_DESCRIPTIONS[name] ?? '',
  }));
  const unitOfDepartment = new Map(departments.map((unit) => [idByName(data.principals, unit.name), unit.id]));
  const placedUsers = new Map<string, string>();
  for (const membership of data.memberships) {
    const unitId = unitOfDepartment.get(membership.containerId);
    if (unitId !== undefined && membership.memberUserId !== undefined) placedUsers.set(membership.memberUserId, unitId);
  }
  const placements = [
    ...data.users.map((user) => ({ orgUnitId: placedUsers.get(user.id) ?? root.id, userId: user.id })),
    ...data.principals.map((principal) => ({ orgUnitId: unitOfDepartment.get(principal.id) ?? root.id, principalId: principal.id })),
  ];
  return { units: [root, external, ...departments], placements };
}

export async function seedRightsDemo(tx: PortalExecutor, data: DemoData): Promise<void> {
  const rights = rightsRows(data);
  const org = orgRows(data);
  await tx.insert(applicationAccess).values(rights.access);
  await tx.insert(applicationRightsEntries).values(rights.entries);
  await tx.insert(orgUnits).values(org.units);
  await tx.insert(orgUnitPlacements).values(org.placements);
}
