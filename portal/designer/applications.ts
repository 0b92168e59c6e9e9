import { and, asc, desc, eq, ilike, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { publishBlockers, summarizeDefinition, validateApplicationDefinition, type ApplicationDefinition } from '../../common/domain/application-definition';
import type { Page } from '../../common/portal-api/common';
import type {
  ApplicationDefinitionDoc,
  ApplicationListQuery,
  ApplicationSummary,
  DefinitionVersionDoc,
  DefinitionVersionSummary,
} from '../../common/portal-api/designer';
import type { PortalExecutor } from '../db/client';
import { newTimeOrderedId } from '../db/ids';
import {
  applicationDefinitions,
  applicationDefinitionVersions,
  applications,
  type ApplicationDefinitionVersionRow,
  type ApplicationRow,
} from '../db/schema';
import { CursorInteger, CursorText, decodeCursor, encodeCursor } from '../http/cursor';
import { etagOf } from '../http/etag';
import { problem } from '../http/problem';

/** Definition ETags are prefixed so they are never mistaken for the application's or its rights' ETag. */
export function definitionEtag(applicationId: string, version: number): string {
  return etagOf(version, `definition.${applicationId}`);
}

export function applicationEtag(row: Pick<ApplicationRow, 'id' | 'version'>): string {
  return etagOf(row.version, row.id);
}

export interface StoredDefinition {
  doc: ApplicationDefinitionDoc;
  etag: string;
}

const NameCursor = z.tuple([CursorText, z.uuid()]);
const VersionCursor = z.tuple([CursorInteger]);

function notFound(): Error {
  return problem(404, 'Not Found', { code: 'application_not_found', detail: 'There is no application with this id.' });
}

/** Applications in name order with the number of their published version. */
export async function listApplications(db: PortalExecutor, query: ApplicationListQuery): Promise<Page<ApplicationSummary>> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, NameCursor);
  const sortKey = sql<string>`lower(${applications.name})`;
  const rows = await db
    .select({
      id: applications.id,
      name: applications.name,
      description: applications.description,
      sortKey,
      publishedVersion: applicationDefinitions.version,
      publishedAt: applicationDefinitions.publishedAt,
    })
    .from(applications)
    .leftJoin(applicationDefinitions, eq(applicationDefinitions.applicationId, applications.id))
    .where(
      and(
        query.q ? ilike(applications.name, `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
        after === undefined ? undefined : sql`(${sortKey}, ${applications.id}) > (${after[0]}, ${after[1]}::uuid)`,
      ),
    )
    .orderBy(asc(sortKey), asc(applications.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: items.map((row) => ({
      id: row.id,
      name: row.name,
      description: row.description,
      publishedVersion: row.publishedVersion ?? 0,
      publishedAt: row.publishedAt?.toISOString() ?? null,
    })),
    nextCursor: rows.length > query.limit && last !== undefined ? encodeCursor([last.sortKey, last.id]) : null,
  };
}

export async function createApplication(db: PortalExecutor, input: { name: string; description: string }): Promise<ApplicationRow> {
  const [taken] = await db
    .select({ id: applications.id })
    .from(applications)
    .where(sql`lower(${applications.name}) = lower(${input.name})`)
    .limit(1);
  if (taken !== undefined) {
    throw problem(409, 'Conflict', {
      code: 'application_name_taken',
      detail: `An application called ${input.name} already exists.`,
      errors: [{ path: 'name', message: 'This name is already taken' }],
    });
  }
  const [row] = await db.insert(applications).values(input).returning();
  if (row === undefined) throw new Error('insert returned no row');
  return row;
}

export function toSummary(row: ApplicationRow): ApplicationSummary {
  return { id: row.id, name: row.name, description: row.description, publishedVersion: 0, publishedAt: null };
}

/**
 * The published definition (an empty version 0 before the first publish). With `lock`, the application
 * row is locked so concurrent publishes of the same application run one after the other.
 */
export async function readDefinition(db: PortalExecutor, applicationId: string, lock = false): Promise<StoredDefinition> {
  const base = db.select({ id: applications.id, name: applications.name }).from(applications).where(eq(applications.id, applicationId));
  const [application] = lock ? await base.for('update') : await base;
  if (application === undefined) throw notFound();
  const [row] = await db.select().from(applicationDefinitions).where(eq(applicationDefinitions.applicationId, applicationId));
  const version = row?.version ?? 0;
  return {
    doc: {
      applicationId,
      applicationName: application.name,
      version,
      publishedAt: row?.publishedAt.toISOString() ?? null,
      publishedBy: row?.publishedBy ?? null,
      definition: row?.document ?? { dataGroups: [], pages: [] },
    },
    etag: definitionEtag(applicationId, version),
  };
}

/** Refuses a definition that breaks a designer rule: 400 with one error per issue (path and English text); warnings do not refuse. */
export function assertPublishable(definition: ApplicationDefinition): void {
  const issues = publishBlockers(validateApplicationDefinition(definition));
  if (issues.length === 0) return;
  throw problem(400, 'Bad Request', {
    code: 'definition_invalid',
    detail: `The definition breaks ${issues.length} designer rule(s); nothing was published.`,
    errors: issues.map((issue) => ({ path: issue.path, message: `${issue.code}: ${issue.message}` })),
  });
}

/** Stores `definition` as the next version; the caller holds the lock from readDefinition(..., true). */
export async function publishDefinition(
  db: PortalExecutor,
  current: StoredDefinition,
  input: { definition: ApplicationDefinition; comment: string; actorLogin: string; at: Date },
): Promise<StoredDefinition> {
  const applicationId = current.doc.applicationId;
  const version = current.doc.version + 1;
  const values = { document: input.definition, version, publishedAt: input.at, publishedBy: input.actorLogin };
  await db
    .insert(applicationDefinitions)
    .values({ applicationId, ...values })
    .onConflictDoUpdate({ target: applicationDefinitions.applicationId, set: values });
  await db.insert(applicationDefinitionVersions).values({ id: newTimeOrderedId(input.at.getTime()), applicationId, comment: input.comment, ...values });
  return readDefinition(db, applicationId);
}

function toVersionSummary(row: ApplicationDefinitionVersionRow): DefinitionVersionSummary {
  return {
    version: row.version,
    publishedAt: row.publishedAt.toISOString(),
    publishedBy: row.publishedBy,
    comment: row.comment,
    counts: summarizeDefinition(row.document),
  };
}

async function assertApplicationExists(db: PortalExecutor, applicationId: string): Promise<void> {
  const [row] = await db.select({ id: applications.id }).from(applications).where(eq(applications.id, applicationId));
  if (row === undefined) throw notFound();
}

/** Published versions, newest first. */
export async function listDefinitionVersions(
  db: PortalExecutor,
  applicationId: string,
  query: { cursor?: string | undefined; limit: number },
): Promise<Page<DefinitionVersionSummary>> {
  await assertApplicationExists(db, applicationId);
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, VersionCursor);
  const rows = await db
    .select()
    .from(applicationDefinitionVersions)
    .where(
      and(
        eq(applicationDefinitionVersions.applicationId, applicationId),
        after === undefined ? undefined : lt(applicationDefinitionVersions.version, after[0]),
      ),
    )
    .orderBy(desc(applicationDefinitionVersions.version))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: items.map(toVersionSummary),
    nextCursor: rows.length > query.limit && last !== undefined ? encodeCursor([last.version]) : null,
  };
}

export async function readDefinitionVersion(db: PortalExecutor, applicationId: string, version: number): Promise<DefinitionVersionDoc> {
  await assertApplicationExists(db, applicationId);
  const [row] = await db
    .select()
    .from(applicationDefinitionVersions)
    .where(and(eq(applicationDefinitionVersions.applicationId, applicationId), eq(applicationDefinitionVersions.version, version)));
  if (row === undefined) throw problem(404, 'Not Found', { code: 'version_not_found', detail: `Version ${version} has not been published.` });
  return { ...toVersionSummary(row), definition: row.document };
}
