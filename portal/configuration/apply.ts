import { eq, sql } from 'drizzle-orm';
import {
  applyChanges,
  applyPrincipalMapping,
  configurationFingerprint,
  configurationsEqual,
  diffConfigurations,
  missingPrincipals,
  orgPathKey,
  parseConfigurationFile,
  planIssues,
  selectChanges,
  type ConfigurationChange,
  type ConfigurationFile,
  type ConfiguredApplication,
  type ConfiguredLayout,
  type ConfiguredOrgUnit,
  type PortalConfiguration,
  type PrincipalMapping,
  type PrincipalRef,
} from '../../common/domain/portal-configuration';
import { contentIssues } from '../../common/domain/portal-configuration-content';
import type { FunctionPermission } from '../../common/portal-api/rights';
import type { ConfigurationApplyResult, ConfigurationImportPreview, SectionCounts } from '../../common/portal-api/configuration';
import type { SecurityPolicy } from '../../common/portal-api/security-policy';
import { recordAudit } from '../audit';
import type { Actor } from '../auth/require-admin';
import type { PortalDb, PortalExecutor } from '../db/client';
import { applications, layouts, orgUnits, portalSettings, principals, securityPolicy } from '../db/schema';
import { createApplication, publishDefinition, readDefinition } from '../designer/applications';
import { applyDataImpact } from '../designer/data-impact';
import { STANDARD_LAYOUT_ID } from '../designer/layouts';
import { problem } from '../http/problem';
import { lockApplicationRights, writeApplicationRights } from '../rights/application-rights';
import { lockFunctionPermissions, writeFunctionPermissions } from '../rights/function-permissions';
import { deleteOrgUnit, insertOrgUnit, lockOrgStructure, readOrgUnit } from '../rights/org-units';
import { readConfiguration, readPrincipalNames } from './read';

/** Serialises configuration imports (taken after the org structure lock, see lockOrgStructure). */
const CONFIGURATION_LOCK_KEY = 4_242_012;

export function configurationEtag(configuration: PortalConfiguration): string {
  return `"configuration.${configurationFingerprint(configuration)}"`;
}

/** The file, or 422 saying what is wrong with it (damaged, altered, a newer schema, not a configuration). */
export function readFileOrRefuse(text: string): ConfigurationFile {
  const parsed = parseConfigurationFile(text);
  if (parsed.ok) return parsed.file;
  throw problem(422, 'Unprocessable Content', {
    code: `configuration_${parsed.problem.code}`,
    detail: parsed.problem.message,
  });
}

interface Incoming {
  configuration: PortalConfiguration;
  unmapped: PrincipalRef[];
  available: PrincipalRef[];
}

/** The file's configuration with the administrator's mapping; names still undecided are listed (and left out). */
async function incomingFor(db: PortalExecutor, file: ConfigurationFile, mapping: readonly PrincipalMapping[]): Promise<Incoming> {
  const available = await readPrincipalNames(db);
  const mapped = applyPrincipalMapping(file.configuration, mapping);
  const unmapped = missingPrincipals(mapped, available);
  return { configuration: applyPrincipalMapping(mapped, unmapped.map((from) => ({ from, to: null }))), unmapped, available };
}

export async function previewImport(db: PortalDb, text: string, mapping: readonly PrincipalMapping[]): Promise<ConfigurationImportPreview> {
  const file = readFileOrRefuse(text);
  const current = await readConfiguration(db);
  const incoming = await incomingFor(db, file, mapping);
  const sections = diffConfigurations(current, incoming.configuration);
  return {
    source: file.source,
    exportedAt: file.exportedAt,
    etag: configurationEtag(current),
    sections,
    unmappedPrincipals: incoming.unmapped,
    availablePrincipals: incoming.available,
    contentIssues: contentIssues(sections.flatMap((section) => section.changes)),
  };
}

// ---- writing, section by section ----

interface WriteContext {
  tx: PortalExecutor;
  actor: Actor;
  now: Date;
  comment: string;
}

const of = (changes: readonly ConfigurationChange[], section: ConfigurationChange['section']) => changes.filter((change) => change.section === section);

async function writePolicy(ctx: WriteContext, change: ConfigurationChange | undefined): Promise<void> {
  if (change === undefined) return;
  await ctx.tx
    .update(securityPolicy)
    .set({ document: change.after as SecurityPolicy, version: sql`${securityPolicy.version} + 1` })
    .where(eq(securityPolicy.id, 1));
}

async function writeFunctions(ctx: WriteContext, changes: readonly ConfigurationChange[]): Promise<void> {
  if (changes.length === 0) return;
  const current = await lockFunctionPermissions(ctx.tx);
  const chosen = new Map(changes.map((change) => [change.key, change.after as FunctionPermission]));
  await writeFunctionPermissions(ctx.tx, current.value.functions.map((permission) => chosen.get(permission.function) ?? permission));
}

async function writeTrack(ctx: WriteContext, change: ConfigurationChange | undefined): Promise<void> {
  if (change === undefined) return;
  const track = (change.after as PortalConfiguration['updates']).track;
  await ctx.tx.update(portalSettings).set({ track, rowVersion: sql`${portalSettings.rowVersion} + 1` }).where(eq(portalSettings.id, 1));
}

async function orgUnitIds(tx: PortalExecutor): Promise<Map<string, string>> {
  const rows = await tx.select({ id: orgUnits.id, parentId: orgUnits.parentId, name: orgUnits.name }).from(orgUnits);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const path = (id: string): string[] => {
    const names: string[] = [];
    for (let row = byId.get(id); row !== undefined && names.length <= rows.length; row = row.parentId === null ? undefined : byId.get(row.parentId)) names.unshift(row.name);
    return names;
  };
  return new Map(rows.map((row) => [orgPathKey(path(row.id)), row.id]));
}

/** Parents are created before children and removed after them. */
async function writeOrgUnits(ctx: WriteContext, changes: readonly ConfigurationChange[]): Promise<void> {
  if (changes.length === 0) return;
  const ids = await orgUnitIds(ctx.tx);
  const depth = (change: ConfigurationChange) => ((change.after ?? change.before) as ConfiguredOrgUnit).path.length;
  const idOf = (key: string) => {
    const id = ids.get(key);
    if (id === undefined) throw new Error(`org unit ${key} vanished during the import`);
    return id;
  };
  for (const change of [...changes].filter((c) => c.kind === 'created').sort((a, b) => depth(a) - depth(b))) {
    const unit = change.after as ConfiguredOrgUnit;
    const parentId = unit.path.length === 1 ? null : idOf(orgPathKey(unit.path.slice(0, -1)));
    const row = await insertOrgUnit(ctx.tx, { parentId, kind: unit.kind, name: unit.path.at(-1) as string, description: unit.description });
    ids.set(change.key, row.id);
  }
  for (const change of changes.filter((c) => c.kind === 'changed')) {
    const unit = change.after as ConfiguredOrgUnit;
    await ctx.tx
      .update(orgUnits)
      .set({ kind: unit.kind, name: unit.path.at(-1) as string, description: unit.description, version: sql`${orgUnits.version} + 1` })
      .where(eq(orgUnits.id, idOf(change.key)));
  }
  for (const change of [...changes].filter((c) => c.kind === 'removed').sort((a, b) => depth(b) - depth(a))) {
    await deleteOrgUnit(ctx.tx, await readOrgUnit(ctx.tx, idOf(change.key), true));
  }
}

async function idByName(tx: PortalExecutor, table: typeof layouts | typeof applications, name: string): Promise<string> {
  const [row] = await tx.select({ id: table.id }).from(table).where(sql`lower(${table.name}) = lower(${name})`).limit(1);
  if (row === undefined) throw new Error(`${name} vanished during the import`);
  return row.id;
}

async function writeLayouts(ctx: WriteContext, changes: readonly ConfigurationChange[]): Promise<void> {
  for (const change of changes) {
    if (change.kind === 'removed') {
      const id = await idByName(ctx.tx, layouts, change.label);
      if (id === STANDARD_LAYOUT_ID) {
        throw problem(409, 'Conflict', {
          code: 'standard_layout_kept',
          detail: `"${change.label}" is this portal's standard layout; it can be renamed or changed, not removed. Leave its removal unticked.`,
        });
      }
      await ctx.tx.delete(layouts).where(eq(layouts.id, id));
      continue;
    }
    const layout = change.after as ConfiguredLayout;
    const values = { ...layout, updatedAt: ctx.now, updatedBy: ctx.actor.login };
    if (change.kind === 'created') await ctx.tx.insert(layouts).values(values);
    else await ctx.tx.update(layouts).set({ ...values, version: sql`${layouts.version} + 1` }).where(eq(layouts.id, await idByName(ctx.tx, layouts, change.label)));
  }
}

/** The file's entries by name, then the rights of single users this portal already had (people are not carried). */
async function writeRights(ctx: WriteContext, applicationId: string, rights: ConfiguredApplication['rights'], principalIds: Map<string, string>): Promise<void> {
  const current = await lockApplicationRights(ctx.tx, applicationId);
  const fromFile = rights.entries.map((entry) => {
    const id = principalIds.get(`${entry.principal.kind}:${entry.principal.name.toLowerCase()}`);
    if (id === undefined) throw new Error(`${entry.principal.kind} ${entry.principal.name} vanished during the import`);
    return { principalId: id, level: entry.level };
  });
  const userEntries = current.doc.entries.filter((entry) => entry.principal.kind === 'user').map((entry) => ({ principalId: entry.principal.id, level: entry.level }));
  await writeApplicationRights(ctx.tx, current, { defaultLevel: rights.defaultLevel, entries: [...fromFile, ...userEntries] });
}

const isEmptyDefinition = (definition: ConfiguredApplication['definition']) => definition.dataGroups.length === 0 && definition.pages.length === 0;

/**
 * A configuration import never drops or retypes application data on its own: when the new definition would,
 * the portal refuses (409 data_loss_unconfirmed, the whole import rolls back) and the application import,
 * which asks, is the way to make that change.
 */
async function publish(ctx: WriteContext, applicationId: string, definition: ConfiguredApplication['definition']): Promise<void> {
  const current = await readDefinition(ctx.tx, applicationId, true);
  await applyDataImpact(ctx.tx, applicationId, current.doc.definition, definition, { confirm: false, at: ctx.now });
  await publishDefinition(ctx.tx, current, { definition, comment: ctx.comment, actorLogin: ctx.actor.login, at: ctx.now });
}

async function writeApplications(ctx: WriteContext, changes: readonly ConfigurationChange[], principalIds: Map<string, string>): Promise<void> {
  for (const change of changes) {
    if (change.kind === 'removed') {
      await ctx.tx.delete(applications).where(eq(applications.id, await idByName(ctx.tx, applications, change.label)));
      continue;
    }
    const app = change.after as ConfiguredApplication;
    if (change.kind === 'created') {
      const row = await createApplication(ctx.tx, { name: app.name, description: app.description });
      // A never-published application stays unpublished (version 0) here too.
      if (!isEmptyDefinition(app.definition)) await publish(ctx, row.id, app.definition);
      await writeRights(ctx, row.id, app.rights, principalIds);
      continue;
    }
    const id = await idByName(ctx.tx, applications, change.label);
    if (change.fields.includes('name') || change.fields.includes('description')) {
      await ctx.tx.update(applications).set({ name: app.name, description: app.description, version: sql`${applications.version} + 1` }).where(eq(applications.id, id));
    }
    if (change.fields.includes('definition')) await publish(ctx, id, app.definition);
    if (change.fields.includes('rights')) await writeRights(ctx, id, app.rights, principalIds);
  }
}

function countsOf(changes: readonly ConfigurationChange[]): SectionCounts[] {
  const sections = [...new Set(changes.map((change) => change.section))];
  return sections.map((section) => {
    const inSection = changes.filter((change) => change.section === section);
    const count = (kind: ConfigurationChange['kind']) => inSection.filter((change) => change.kind === kind).length;
    return { section, created: count('created'), changed: count('changed'), removed: count('removed') };
  });
}

function skippedEntries(file: ConfigurationFile, mapping: readonly PrincipalMapping[]): number {
  const skipped = new Set(mapping.filter((item) => item.to === null).map((item) => `${item.from.kind}:${item.from.name.toLowerCase()}`));
  return file.configuration.applications.reduce(
    (sum, app) => sum + app.rights.entries.filter((entry) => skipped.has(`${entry.principal.kind}:${entry.principal.name.toLowerCase()}`)).length,
    0,
  );
}

export interface ApplyInput {
  text: string;
  mapping: readonly PrincipalMapping[];
  selection: readonly { section: ConfigurationChange['section']; key: string }[];
}

function refuseUndecided(unmapped: readonly PrincipalRef[]): void {
  if (unmapped.length === 0) return;
  throw problem(409, 'Conflict', {
    code: 'unmapped_principals',
    detail: `This portal has no ${unmapped.map((ref) => `${ref.kind} "${ref.name}"`).join(', ')}: map each to one of its groups, roles or lists, or skip its rights entries. No group is created by an import.`,
    errors: unmapped.map((ref) => ({ path: `mapping.${ref.kind}.${ref.name}`, message: 'Map to a group, role or list of this portal, or skip' })),
  });
}

function refuseImpossible(current: PortalConfiguration, chosen: readonly ConfigurationChange[]): void {
  const plan = planIssues(current, chosen);
  if (plan.length > 0) {
    throw problem(409, 'Conflict', {
      code: 'configuration_plan_invalid',
      detail: plan.map((issue) => issue.message).join(' '),
      errors: plan.map((issue) => ({ path: `${issue.section}.${issue.label}`, message: issue.message })),
    });
  }
  const content = contentIssues(chosen);
  if (content.length > 0) {
    throw problem(400, 'Bad Request', {
      code: 'configuration_content_invalid',
      detail: `${content.length} chosen item(s) break this portal's rules; nothing was applied.`,
      errors: content.map((issue) => ({ path: `${issue.section}.${issue.label}.${issue.path}`, message: issue.message })),
    });
  }
}

/**
 * Applies the chosen differences in ONE transaction: any failure (a refused item, a constraint, a lost
 * connection) leaves this portal as it was. `precondition` checks If-Match against the configuration
 * as it is now (412 when it changed since the preview).
 */
export async function applyImport(
  ctx: { db: PortalDb; actor: Actor; now: Date },
  input: ApplyInput,
  precondition: (etag: string) => void,
): Promise<ConfigurationApplyResult> {
  const file = readFileOrRefuse(input.text);
  return ctx.db.transaction(async (tx) => {
    await lockOrgStructure(tx);
    await tx.execute(sql`select pg_advisory_xact_lock(${CONFIGURATION_LOCK_KEY})`);
    const current = await readConfiguration(tx);
    const before = configurationEtag(current);
    precondition(before);
    const incoming = await incomingFor(tx, file, input.mapping);
    refuseUndecided(incoming.unmapped);
    const chosen = selectChanges(diffConfigurations(current, incoming.configuration), input.selection);
    refuseImpossible(current, chosen);

    const writer: WriteContext = { tx, actor: ctx.actor, now: ctx.now, comment: `Imported from ${file.source.portalName} (exported ${file.exportedAt})`.slice(0, 500) };
    const principalIds = new Map((await tx.select({ id: principals.id, kind: principals.kind, name: principals.name }).from(principals)).map((row) => [`${row.kind}:${row.name.toLowerCase()}`, row.id]));
    await writePolicy(writer, of(chosen, 'securityPolicy')[0]);
    await writeFunctions(writer, of(chosen, 'functionPermissions'));
    await writeTrack(writer, of(chosen, 'updates')[0]);
    await writeOrgUnits(writer, of(chosen, 'orgUnits'));
    await writeLayouts(writer, of(chosen, 'layouts'));
    await writeApplications(writer, of(chosen, 'applications'), principalIds);

    const after = await readConfiguration(tx);
    // The database must now hold exactly what the pure plan says; anything else rolls the whole import back.
    if (!configurationsEqual(after, applyChanges(current, chosen))) throw new Error('configuration import: the result differs from the plan; rolled back');
    const applied = countsOf(chosen);
    const skippedRightsEntries = skippedEntries(file, input.mapping);
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'configuration.import',
      targetType: 'configuration',
      targetId: file.source.portalName,
      before: { etag: before },
      after: {
        source: file.source,
        exportedAt: file.exportedAt,
        applied,
        skippedRightsEntries,
        mapping: input.mapping,
        changes: chosen.map((change) => `${change.section} ${change.kind}: ${change.label}`),
      },
      at: ctx.now,
    });
    return { applied, total: chosen.length, skippedRightsEntries, etag: configurationEtag(after) };
  });
}
