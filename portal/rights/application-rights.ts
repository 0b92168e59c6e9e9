import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { AccessLevel, ApplicationRights } from '../../common/domain/access';
import type { ApplicationRightsDoc, ApplicationRightsSummary, RightsEntryView, SaveApplicationRights } from '../../common/portal-api/rights';
import { readTogether, type PortalExecutor } from '../db/client';
import { applicationAccess, applicationRightsEntries, applications, principals, users } from '../db/schema';
import { etagOf } from '../http/etag';
import { problem } from '../http/problem';
import { containerRef, userRef } from './graph';

/** An application's rights as stored: the document the console edits and the form the evaluation reads. */
export interface StoredApplicationRights {
  doc: ApplicationRightsDoc;
  rights: ApplicationRights;
  version: number;
  etag: string;
}

/** Rights ETags are prefixed so they can never be mistaken for the application's own ETag. */
export function rightsEtag(applicationId: string, version: number): string {
  return etagOf(version, `rights.${applicationId}`);
}

async function readEntries(db: PortalExecutor, applicationIds: readonly string[]) {
  if (applicationIds.length === 0) return [];
  return db
    .select({
      applicationId: applicationRightsEntries.applicationId,
      level: applicationRightsEntries.level,
      userId: users.id,
      userName: users.displayName,
      userLogin: users.login,
      principalId: principals.id,
      principalKind: principals.kind,
      principalName: principals.name,
    })
    .from(applicationRightsEntries)
    .leftJoin(users, eq(users.id, applicationRightsEntries.userId))
    .leftJoin(principals, eq(principals.id, applicationRightsEntries.principalId))
    .where(inArray(applicationRightsEntries.applicationId, [...applicationIds]))
    .orderBy(asc(applicationRightsEntries.position), asc(applicationRightsEntries.id));
}

type EntryRow = Awaited<ReturnType<typeof readEntries>>[number];

function entryView(row: EntryRow): RightsEntryView | null {
  if (row.userId !== null && row.userName !== null && row.userLogin !== null) {
    return { principal: userRef({ id: row.userId, displayName: row.userName, login: row.userLogin }), level: row.level };
  }
  if (row.principalId !== null && row.principalKind !== null && row.principalName !== null) {
    return { principal: containerRef({ id: row.principalId, kind: row.principalKind, name: row.principalName }), level: row.level };
  }
  return null;
}

function assemble(
  application: { id: string; name: string },
  access: { defaultLevel: AccessLevel; version: number } | undefined,
  rows: readonly EntryRow[],
): StoredApplicationRights {
  const entries = rows.flatMap((row) => {
    const view = entryView(row);
    return view ? [view] : [];
  });
  const defaultLevel = access?.defaultLevel ?? 'none';
  // A missing row reads as the row the first change creates: default "none", version 1.
  const version = access?.version ?? 1;
  return {
    doc: { applicationId: application.id, applicationName: application.name, defaultLevel, entries },
    rights: {
      applicationId: application.id,
      defaultLevel,
      entries: entries.map((entry) => ({ principalId: entry.principal.id, level: entry.level })),
    },
    version,
    etag: rightsEtag(application.id, version),
  };
}

/** Every application's rights, in name order. */
export async function readAllApplicationRights(db: PortalExecutor): Promise<StoredApplicationRights[]> {
  const apps = await db
    .select({ id: applications.id, name: applications.name, defaultLevel: applicationAccess.defaultLevel, version: applicationAccess.version })
    .from(applications)
    .leftJoin(applicationAccess, eq(applicationAccess.applicationId, applications.id))
    .orderBy(sql`lower(${applications.name})`, asc(applications.id));
  const rows = await readEntries(
    db,
    apps.map((app) => app.id),
  );
  const rowsByApp = new Map<string, EntryRow[]>();
  for (const row of rows) {
    const list = rowsByApp.get(row.applicationId);
    if (list) list.push(row);
    else rowsByApp.set(row.applicationId, [row]);
  }
  return apps.map((app) =>
    assemble(app, app.defaultLevel === null || app.version === null ? undefined : { defaultLevel: app.defaultLevel, version: app.version }, rowsByApp.get(app.id) ?? []),
  );
}

/** One application's rights; 404 when the application does not exist. */
export async function readApplicationRights(db: PortalExecutor, applicationId: string): Promise<StoredApplicationRights> {
  const [app] = await db
    .select({ id: applications.id, name: applications.name, defaultLevel: applicationAccess.defaultLevel, version: applicationAccess.version })
    .from(applications)
    .leftJoin(applicationAccess, eq(applicationAccess.applicationId, applications.id))
    .where(eq(applications.id, applicationId))
    .limit(1);
  if (app === undefined) throw applicationNotFound(applicationId);
  const access = app.defaultLevel === null || app.version === null ? undefined : { defaultLevel: app.defaultLevel, version: app.version };
  return assemble(app, access, await readEntries(db, [app.id]));
}

export function applicationNotFound(applicationId: string) {
  return problem(404, 'Not Found', { code: 'application_not_found', detail: `There is no application ${applicationId}.` });
}

export async function listApplicationRightsSummaries(db: PortalExecutor): Promise<ApplicationRightsSummary[]> {
  const rows = await db
    .select({
      id: applications.id,
      name: applications.name,
      description: applications.description,
      defaultLevel: applicationAccess.defaultLevel,
      entryCount: sql<number>`(select count(*)::int from application_rights_entries e where e.application_id = "applications"."id")`,
    })
    .from(applications)
    .leftJoin(applicationAccess, eq(applicationAccess.applicationId, applications.id))
    .orderBy(sql`lower(${applications.name})`, asc(applications.id));
  return rows.map((row) => ({ ...row, defaultLevel: row.defaultLevel ?? 'none', entryCount: Number(row.entryCount) }));
}

/** Locks the application's rights for a change (creating the access row on first use). */
export async function lockApplicationRights(tx: PortalExecutor, applicationId: string): Promise<StoredApplicationRights> {
  const [app] = await tx.select({ id: applications.id }).from(applications).where(eq(applications.id, applicationId)).limit(1);
  if (app === undefined) throw applicationNotFound(applicationId);
  await tx.insert(applicationAccess).values({ applicationId }).onConflictDoNothing();
  await tx.select({ version: applicationAccess.version }).from(applicationAccess).where(eq(applicationAccess.applicationId, applicationId)).for('update');
  return readApplicationRights(tx, applicationId);
}

interface ResolvedEntry {
  kind: 'user' | 'container';
  id: string;
  level: AccessLevel;
}

/** Finds each entry's principal among users and containers; unknown ids and duplicates are the client's mistake (400). */
async function resolveEntries(tx: PortalExecutor, entries: SaveApplicationRights['entries']): Promise<ResolvedEntry[]> {
  const ids = entries.map((entry) => entry.principalId);
  const duplicates = entries.flatMap((entry, index) => (ids.indexOf(entry.principalId) !== index ? [index] : []));
  if (duplicates.length > 0) {
    throw problem(400, 'Bad Request', {
      code: 'duplicate_entry',
      detail: 'Each principal may have only one entry per application.',
      errors: duplicates.map((index) => ({ path: `entries.${index}.principalId`, message: 'Listed more than once' })),
    });
  }
  const [userRows, containerRows] = ids.length === 0
    ? [[], []]
    : await readTogether(tx, [
        () => tx.select({ id: users.id }).from(users).where(inArray(users.id, ids)),
        () => tx.select({ id: principals.id }).from(principals).where(inArray(principals.id, ids)),
      ]);
  const userIds = new Set(userRows.map((row) => row.id));
  const containerIds = new Set(containerRows.map((row) => row.id));
  const unknown = entries.flatMap((entry, index) => (userIds.has(entry.principalId) || containerIds.has(entry.principalId) ? [] : [index]));
  if (unknown.length > 0) {
    throw problem(400, 'Bad Request', {
      code: 'unknown_principal',
      detail: 'Some entries name a user, group, role or distribution list that does not exist.',
      errors: unknown.map((index) => ({ path: `entries.${index}.principalId`, message: 'No such user, group, role or distribution list' })),
    });
  }
  return entries.map((entry) => ({ kind: userIds.has(entry.principalId) ? 'user' : 'container', id: entry.principalId, level: entry.level }));
}

/** Replaces the entries and the default; the caller has locked the rights and checked If-Match. */
export async function writeApplicationRights(tx: PortalExecutor, current: StoredApplicationRights, change: SaveApplicationRights): Promise<void> {
  const applicationId = current.doc.applicationId;
  const resolved = await resolveEntries(tx, change.entries);
  await tx.delete(applicationRightsEntries).where(eq(applicationRightsEntries.applicationId, applicationId));
  if (resolved.length > 0) {
    await tx.insert(applicationRightsEntries).values(
      resolved.map((entry, position) => ({
        applicationId,
        level: entry.level,
        position,
        userId: entry.kind === 'user' ? entry.id : null,
        principalId: entry.kind === 'container' ? entry.id : null,
      })),
    );
  }
  await tx
    .update(applicationAccess)
    .set({ defaultLevel: change.defaultLevel, version: sql`${applicationAccess.version} + 1` })
    .where(eq(applicationAccess.applicationId, applicationId));
}

/** After entries vanished by cascade (a principal was deleted): the documents changed, so their ETags must too. */
export async function bumpRightsVersions(tx: PortalExecutor, applicationIds: readonly string[]): Promise<void> {
  if (applicationIds.length === 0) return;
  for (const applicationId of applicationIds) await tx.insert(applicationAccess).values({ applicationId }).onConflictDoNothing();
  await tx
    .update(applicationAccess)
    .set({ version: sql`${applicationAccess.version} + 1` })
    .where(inArray(applicationAccess.applicationId, [...applicationIds]));
}
