import { asc, eq, sql } from 'drizzle-orm';
import {
  normalizeConfiguration,
  type ConfiguredApplication,
  type ConfiguredOrgUnit,
  type PortalConfiguration,
  type PrincipalRef,
} from '../../common/domain/portal-configuration';
import { emptyApplicationDefinition } from '../../common/domain/application-definition';
import type { PortalExecutor } from '../db/client';
import { applicationDefinitions, applications, layouts, orgUnits, principals } from '../db/schema';
import { readAllApplicationRights } from '../rights/application-rights';
import { readFunctionPermissions } from '../rights/function-permissions';
import { readPortalSettings, readSecurityPolicy } from '../settings';

async function readLayouts(db: PortalExecutor): Promise<PortalConfiguration['layouts']> {
  const rows = await db.select().from(layouts).orderBy(sql`lower(${layouts.name})`);
  return rows.map((row) => ({ name: row.name, primaryColor: row.primaryColor, accentColor: row.accentColor, logo: row.logo ?? null, customCss: row.customCss }));
}

async function readApplications(db: PortalExecutor): Promise<ConfiguredApplication[]> {
  const rows = await db
    .select({ id: applications.id, name: applications.name, description: applications.description, definition: applicationDefinitions.document })
    .from(applications)
    .leftJoin(applicationDefinitions, eq(applicationDefinitions.applicationId, applications.id))
    .orderBy(sql`lower(${applications.name})`, asc(applications.id));
  const rights = new Map((await readAllApplicationRights(db)).map((stored) => [stored.doc.applicationId, stored.doc]));
  return rows.map((row) => {
    const doc = rights.get(row.id);
    // Entries of single users stay behind: people are not configuration.
    const entries = (doc?.entries ?? []).flatMap((entry) =>
      entry.principal.kind === 'user' ? [] : [{ principal: { kind: entry.principal.kind, name: entry.principal.name }, level: entry.level }],
    );
    return {
      name: row.name,
      description: row.description,
      definition: row.definition ?? emptyApplicationDefinition(),
      rights: { defaultLevel: doc?.defaultLevel ?? 'none', entries },
    };
  });
}

/** Each unit with the names from the root down to it. */
async function readOrgUnits(db: PortalExecutor): Promise<ConfiguredOrgUnit[]> {
  const rows = await db.select({ id: orgUnits.id, parentId: orgUnits.parentId, kind: orgUnits.kind, name: orgUnits.name, description: orgUnits.description }).from(orgUnits);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const pathOf = (id: string): string[] => {
    const path: string[] = [];
    for (let row = byId.get(id); row !== undefined && path.length <= rows.length; row = row.parentId === null ? undefined : byId.get(row.parentId)) {
      path.unshift(row.name);
    }
    return path;
  };
  return rows.map((row) => ({ path: pathOf(row.id), kind: row.kind, description: row.description }));
}

/** This portal's configuration as the transfer file carries it, in canonical order. */
export async function readConfiguration(db: PortalExecutor): Promise<PortalConfiguration> {
  // One after the other: inside a transaction the reads must not overlap (see readTogether).
  const policy = await readSecurityPolicy(db);
  const functions = await readFunctionPermissions(db);
  const settings = await readPortalSettings(db);
  return normalizeConfiguration({
    securityPolicy: policy.policy,
    functionPermissions: functions.value.functions,
    updates: { track: settings.track },
    layouts: await readLayouts(db),
    applications: await readApplications(db),
    orgUnits: await readOrgUnits(db),
  });
}

/** Every group, role and distribution list of this portal, by kind and name. */
export async function readPrincipalNames(db: PortalExecutor): Promise<PrincipalRef[]> {
  const rows = await db.select({ kind: principals.kind, name: principals.name }).from(principals).orderBy(principals.kind, sql`lower(${principals.name})`);
  return rows;
}
