import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AdminArea } from '../../common/domain/admin-areas';
import { summarizeDefinition } from '../../common/domain/application-definition';
import { diffDefinitions, type DiffValue } from '../../common/domain/application-diff';
import {
  applicationFileName,
  buildApplicationFile,
  definitionsEqual,
  mapApplicationRights,
  missingApplicationPrincipals,
  parseApplicationFile,
  serializeApplicationFile,
  type ApplicationFile,
  type TransferredApplication,
} from '../../common/domain/application-file';
import { sha256Hex } from '../../common/domain/portal-configuration-sha256';
import type { PrincipalMapping, PrincipalRef } from '../../common/domain/portal-configuration';
import {
  APPLICATION_FILE_MAX_CHARS,
  ApplicationImportPreview,
  ApplicationImportRequest,
  ApplicationImportResult,
  type ImportRightsEntry,
} from '../../common/portal-api/application-transfer';
import { recordAudit } from '../audit';
import type { Actor } from '../auth/require-admin';
import { readPrincipalNames } from '../configuration/read';
import type { PortalExecutor } from '../db/client';
import { applications, principals } from '../db/schema';
import { noDataChanges } from '../../common/domain/application-data-impact';
import { createApplication, publishDefinition, readDefinition } from '../designer/applications';
import { applyDataImpact } from '../designer/data-impact';
import { checkIfMatch } from '../http/etag';
import { problem } from '../http/problem';
import { lockApplicationRights, readApplicationRights, writeApplicationRights } from '../rights/application-rights';
import { readPortalSettings } from '../settings';
import type { FeatureRoutes } from './types';

const tags = ['designer'];
/** The file carries the application's rights: moving it needs both areas. */
const TRANSFER_AREAS: readonly AdminArea[] = ['applications', 'rights'];
/** JSON escapes can make the body longer than the file. */
const BODY_LIMIT = APPLICATION_FILE_MAX_CHARS * 2;
const ApplicationParams = z.object({ id: z.uuid() });

const refKey = (ref: PrincipalRef) => `${ref.kind}:${ref.name.toLowerCase()}`;

/** The file, or 422 naming what is wrong with it; nothing has been read from or written to the database yet. */
function fileOrRefuse(text: string): ApplicationFile {
  const parsed = parseApplicationFile(text);
  if (parsed.ok) return parsed.file;
  throw problem(422, 'Unprocessable Content', {
    code: `application_file_${parsed.problem.code}`,
    detail: `${parsed.problem.message} Nothing was changed.`,
    errors: Object.entries(parsed.problem.params).map(([path, value]) => ({ path, message: String(value) })),
  });
}

/** One application as the file carries it: the published definition and rights by name (single users stay behind). */
async function readTransferred(db: PortalExecutor, applicationId: string): Promise<{ application: TransferredApplication; version: number }> {
  const stored = await readDefinition(db, applicationId);
  const [row] = await db.select({ name: applications.name, description: applications.description }).from(applications).where(eq(applications.id, applicationId));
  const rights = await readApplicationRights(db, applicationId);
  const entries = rights.doc.entries.flatMap((entry) =>
    entry.principal.kind === 'user' ? [] : [{ principal: { kind: entry.principal.kind, name: entry.principal.name }, level: entry.level }],
  );
  return {
    application: {
      name: row?.name ?? stored.doc.applicationName,
      description: row?.description ?? '',
      definition: stored.doc.definition,
      rights: { defaultLevel: rights.doc.defaultLevel, entries },
    },
    version: stored.doc.version,
  };
}

interface TargetState {
  id: string | null;
  current: { application: TransferredApplication; version: number; userEntries: number } | null;
  etag: string;
}

/** The application of this name here (case-insensitive) and an ETag over everything an import would change. */
async function readTarget(db: PortalExecutor, name: string, lock = false): Promise<TargetState> {
  const base = db.select({ id: applications.id }).from(applications).where(sql`lower(${applications.name}) = lower(${name})`).limit(1);
  const [row] = lock ? await base.for('update') : await base;
  if (row === undefined) return { id: null, current: null, etag: `"application-import.new.${sha256Hex(name.toLowerCase()).slice(0, 16)}"` };
  const { application, version } = await readTransferred(db, row.id);
  const rights = await readApplicationRights(db, row.id);
  const userEntries = rights.doc.entries.filter((entry) => entry.principal.kind === 'user').length;
  const fingerprint = sha256Hex(JSON.stringify([row.id, version, rights.version, application.name, application.description])).slice(0, 32);
  return { id: row.id, current: { application, version, userEntries }, etag: `"application-import.${fingerprint}"` };
}

interface Incoming {
  application: TransferredApplication;
  unmapped: PrincipalRef[];
  available: PrincipalRef[];
  entries: ImportRightsEntry[];
}

/** The file's application under the chosen name with the mapping applied; undecided names are listed and left out. */
async function incomingFor(db: PortalExecutor, file: ApplicationFile, mapping: readonly PrincipalMapping[], name: string | undefined): Promise<Incoming> {
  const available = await readPrincipalNames(db);
  const source = { ...file.application, name: name ?? file.application.name };
  const unmapped = missingApplicationPrincipals(source, mapping, available);
  const decided = new Map(mapping.map((item) => [refKey(item.from), item.to]));
  const undecided = new Set(unmapped.map(refKey));
  const entries = source.rights.entries.map((entry): ImportRightsEntry => {
    const key = refKey(entry.principal);
    if (undecided.has(key)) return { from: entry.principal, to: null, level: entry.level, status: 'unmapped' };
    if (!decided.has(key)) return { from: entry.principal, to: entry.principal, level: entry.level, status: 'kept' };
    const to = decided.get(key) ?? null;
    return { from: entry.principal, to, level: entry.level, status: to === null ? 'skipped' : 'mapped' };
  });
  const application = mapApplicationRights(source, [...mapping, ...unmapped.map((from) => ({ from, to: null }))]);
  return { application, unmapped, available, entries };
}

/** Lists in a diff are read-only; the response schema wants its own arrays. */
const copy = (value: DiffValue): string | number | boolean | null | string[] => (Array.isArray(value) ? [...(value as readonly string[])] : (value as string | number | boolean | null));

const rightsEqual = (a: TransferredApplication['rights'], b: TransferredApplication['rights']) =>
  JSON.stringify([a.defaultLevel, a.entries.map((entry) => [refKey(entry.principal), entry.level])]) ===
  JSON.stringify([b.defaultLevel, b.entries.map((entry) => [refKey(entry.principal), entry.level])]);

function previewOf(file: ApplicationFile, target: TargetState, incoming: Incoming): ApplicationImportPreview {
  const { application } = incoming;
  const current = target.current;
  const before = current?.application.definition ?? { dataGroups: [], pages: [] };
  const diff = diffDefinitions(before, application.definition);
  return {
    source: file.source,
    exportedAt: file.exportedAt,
    sourceVersion: file.sourceVersion,
    name: application.name,
    description: application.description,
    counts: summarizeDefinition(application.definition),
    target: target.id === null || current === null ? { action: 'create' } : { action: 'update', applicationId: target.id, name: current.application.name, publishedVersion: current.version },
    etag: target.etag,
    changes: diff.changes.map((change) => ({ ...change, properties: change.properties.map((p) => ({ ...p, before: copy(p.before), after: copy(p.after) })) })),
    summary: diff.summary,
    definitionChanged: current === null ? application.definition.dataGroups.length + application.definition.pages.length > 0 : !definitionsEqual(before, application.definition),
    descriptionChanged: current !== null && current.application.description !== application.description,
    rights: {
      defaultLevelBefore: current?.application.rights.defaultLevel ?? null,
      defaultLevel: application.rights.defaultLevel,
      entries: incoming.entries,
      keptUserEntries: current?.userEntries ?? 0,
      changed: current === null ? true : !rightsEqual(current.application.rights, application.rights),
    },
    unmappedPrincipals: incoming.unmapped,
    availablePrincipals: incoming.available,
  };
}

function refuseUndecided(unmapped: readonly PrincipalRef[]): void {
  if (unmapped.length === 0) return;
  throw problem(409, 'Conflict', {
    code: 'unmapped_principals',
    detail: `This portal has no ${unmapped.map((ref) => `${ref.kind} "${ref.name}"`).join(', ')}: map each to one of its groups, roles or lists, or skip its rights entries. No group is created by an import.`,
    errors: unmapped.map((ref) => ({ path: `mapping.${ref.kind}.${ref.name}`, message: 'Map to a group, role or list of this portal, or skip' })),
  });
}

/** The file's entries by name, then the entries of single users the target already had. */
async function writeRights(tx: PortalExecutor, applicationId: string, rights: TransferredApplication['rights']): Promise<void> {
  const current = await lockApplicationRights(tx, applicationId);
  const rows = await tx.select({ id: principals.id, kind: principals.kind, name: principals.name }).from(principals);
  const ids = new Map(rows.map((row) => [refKey(row), row.id]));
  const fromFile = rights.entries.map((entry) => {
    const id = ids.get(refKey(entry.principal));
    if (id === undefined) throw problem(409, 'Conflict', { code: 'principal_vanished', detail: `The ${entry.principal.kind} ${entry.principal.name} was removed during the import; nothing was changed.` });
    return { principalId: id, level: entry.level };
  });
  const userEntries = current.doc.entries.filter((entry) => entry.principal.kind === 'user').map((entry) => ({ principalId: entry.principal.id, level: entry.level }));
  await writeApplicationRights(tx, current, { defaultLevel: rights.defaultLevel, entries: [...fromFile, ...userEntries] });
}

interface ImportContext {
  tx: PortalExecutor;
  actor: Actor;
  now: Date;
  comment: string;
  confirmDataLoss: boolean;
}

/** Creates the application or gives the same-named one a new version; rights and description follow the file. */
async function writeImport(ctx: ImportContext, target: TargetState, preview: ApplicationImportPreview, application: TransferredApplication) {
  const created = target.id === null;
  const id = target.id ?? (await createApplication(ctx.tx, { name: application.name, description: application.description })).id;
  if (!created && preview.descriptionChanged) {
    await ctx.tx.update(applications).set({ description: application.description, version: sql`${applications.version} + 1` }).where(eq(applications.id, id));
  }
  let publishedVersion = target.current?.version ?? 0;
  let dataChanges = noDataChanges();
  if (preview.definitionChanged) {
    // As when publishing in the designer: dropping or retyping parts that hold records needs a confirmation.
    if (target.current !== null) {
      dataChanges = (await applyDataImpact(ctx.tx, id, target.current.application.definition, application.definition, { confirm: ctx.confirmDataLoss, at: ctx.now })).applied;
    }
    const current = await readDefinition(ctx.tx, id, true);
    const published = await publishDefinition(ctx.tx, current, { definition: application.definition, comment: ctx.comment, actorLogin: ctx.actor.login, at: ctx.now });
    publishedVersion = published.doc.version;
  }
  if (preview.rights.changed) await writeRights(ctx.tx, id, application.rights);
  return { id, created, publishedVersion, dataChanges };
}

/** Export, preview and import of one application (tag `designer`). */
const applicationTransferRoutes: FeatureRoutes = async (app) => {
  const db = app.portal.db;

  app.get(
    '/applications/:id/export',
    {
      config: { adminArea: { allOf: TRANSFER_AREAS } },
      schema: { tags, summary: 'One application as a file: published definition and rights by group name (application/json, attachment; audited)', params: ApplicationParams },
    },
    async (request, reply) => {
      const now = app.portal.now();
      const { application, version } = await readTransferred(db, request.params.id);
      const settings = await readPortalSettings(db);
      const file = buildApplicationFile({ exportedAt: now.toISOString(), source: { portalName: settings.name, portalVersion: settings.version }, sourceVersion: version, application });
      const text = serializeApplicationFile(file);
      const name = applicationFileName(application.name, now.toISOString().slice(0, 10));
      await recordAudit(db, {
        actor: request.actor,
        action: 'application.export',
        targetType: 'application',
        targetId: request.params.id,
        after: { file: name, version, counts: summarizeDefinition(application.definition), rightsEntries: application.rights.entries.length, checksum: file.checksum },
        at: now,
      });
      return reply.type('application/json; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(text);
    },
  );

  app.post(
    '/applications/import/preview',
    {
      bodyLimit: BODY_LIMIT,
      config: { adminArea: { allOf: TRANSFER_AREAS } },
      schema: {
        tags,
        summary: 'What importing an application file would create, change and remove here (changes nothing); 422 for a damaged, altered, newer or inconsistent file',
        body: ApplicationImportRequest,
        response: { 200: ApplicationImportPreview },
      },
    },
    async (request, reply) => {
      const file = fileOrRefuse(request.body.file);
      const target = await readTarget(db, request.body.name ?? file.application.name);
      const incoming = await incomingFor(db, file, request.body.mapping, request.body.name);
      reply.header('etag', target.etag);
      return previewOf(file, target, incoming);
    },
  );

  app.post(
    '/applications/import',
    {
      bodyLimit: BODY_LIMIT,
      config: { adminArea: { allOf: TRANSFER_AREAS } },
      schema: {
        tags,
        summary: 'Import an application file in one transaction: a new application or a new version of the same-named one, rights by name (If-Match: the preview ETag; audited)',
        body: ApplicationImportRequest,
        response: { 200: ApplicationImportResult },
      },
    },
    async (request) => {
      const file = fileOrRefuse(request.body.file);
      const now = app.portal.now();
      return db.transaction(async (tx) => {
        const name = request.body.name ?? file.application.name;
        // Two imports of one name run one after the other: the second sees the first's application.
        await tx.execute(sql`select pg_advisory_xact_lock(4242013, hashtext(lower(${name})))`);
        const target = await readTarget(tx, name, true);
        checkIfMatch(request, target.etag, { target: target.id });
        const incoming = await incomingFor(tx, file, request.body.mapping, request.body.name);
        refuseUndecided(incoming.unmapped);
        const preview = previewOf(file, target, incoming);
        const comment = `Imported from ${file.source.portalName} (version ${file.sourceVersion}, exported ${file.exportedAt})`.slice(0, 500);
        const context = { tx, actor: request.actor, now, comment, confirmDataLoss: request.body.confirmDataLoss };
        const written = await writeImport(context, target, preview, incoming.application);
        const skipped = incoming.entries.filter((entry) => entry.status === 'skipped').length;
        await recordAudit(tx, {
          actor: request.actor,
          action: 'application.import',
          targetType: 'application',
          targetId: written.id,
          before: target.current === null ? null : { version: target.current.version, rights: target.current.application.rights },
          after: {
            source: file.source,
            sourceVersion: file.sourceVersion,
            exportedAt: file.exportedAt,
            checksum: file.checksum,
            created: written.created,
            version: written.publishedVersion,
            mapping: request.body.mapping,
            changes: preview.summary,
            rights: incoming.application.rights,
            dataChanges: written.dataChanges,
          },
          at: now,
        });
        return {
          applicationId: written.id,
          name,
          created: written.created,
          publishedVersion: written.publishedVersion,
          definitionPublished: preview.definitionChanged,
          rightsEntries: incoming.application.rights.entries.length,
          skippedRightsEntries: skipped,
          dataChanges: written.dataChanges,
        };
      });
    },
  );
};

export default applicationTransferRoutes;
