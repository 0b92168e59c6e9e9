import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  ApplicationRecord,
  CreateRecord,
  DataGroupId,
  DeletedRecords,
  RecordListQuery,
  RecordPage,
  UpdateRecord,
} from '../../common/portal-api/designer';
import { recordAudit } from '../audit';
import type { PortalExecutor } from '../db/client';
import type { ApplicationRecordRow } from '../db/schema';
import { readDefinition } from '../designer/applications';
import { createRecord, deleteRecord, listRecords, readRecord, recordEtag, requireDataGroup, toRecord, updateRecord } from '../designer/records';
import { checkIfMatch } from '../http/etag';
import type { FeatureRoutes } from './types';

const GroupParams = z.object({ id: z.uuid(), dataGroupId: DataGroupId });
const RecordParams = z.object({ id: z.uuid(), recordId: z.uuid() });
/** A record of long texts can be large; far below anything abusive. */
const RECORD_BODY_LIMIT = 1024 * 1024;

/** The records of published applications' data groups (tag `designer`, area `applications`). */
const applicationRecordRoutes: FeatureRoutes = async (app) => {
  const db = app.portal.db;
  const tags = ['designer'];

  /** Locks the application (writers and publishes one after the other) and reads the published definition. */
  const lockedGroupOf = async (tx: PortalExecutor, applicationId: string, dataGroupId: string) => {
    const stored = await readDefinition(tx, applicationId, true);
    return { definition: stored.doc.definition, group: requireDataGroup(stored.doc.definition, dataGroupId) };
  };

  const audit = (tx: PortalExecutor, request: FastifyRequest, action: string, applicationId: string, change: { before?: ApplicationRecordRow; after?: ApplicationRecordRow; deleted?: number }) =>
    recordAudit(tx, {
      actor: request.actor,
      action,
      targetType: 'application',
      targetId: applicationId,
      ...(change.before && { before: toRecord(change.before) }),
      ...(change.after && { after: toRecord(change.after) }),
      ...(change.deleted !== undefined && { after: { recordId: change.before?.id, deleted: change.deleted } }),
      at: app.portal.now(),
    });

  app.get(
    '/applications/:id/data-groups/:dataGroupId/records',
    {
      config: { adminArea: 'applications' },
      schema: {
        tags,
        summary: 'Records of a data group of the published definition: sort, one filter, offset paging, children of one parent',
        params: GroupParams,
        querystring: RecordListQuery,
        response: { 200: RecordPage },
      },
    },
    async (request) => {
      const stored = await readDefinition(db, request.params.id);
      const group = requireDataGroup(stored.doc.definition, request.params.dataGroupId);
      return listRecords(db, request.params.id, group, request.query);
    },
  );

  app.post(
    '/applications/:id/data-groups/:dataGroupId/records',
    {
      config: { adminArea: 'applications' },
      bodyLimit: RECORD_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Create a record; 400 record_invalid with values.<fieldId> errors, 409 record_not_unique',
        params: GroupParams,
        body: CreateRecord,
        response: { 201: ApplicationRecord },
      },
    },
    async (request, reply) => {
      const row = await db.transaction(async (tx) => {
        const { group } = await lockedGroupOf(tx, request.params.id, request.params.dataGroupId);
        const created = await createRecord(tx, request.params.id, group, {
          values: request.body.values,
          parentRecordId: request.body.parentRecordId,
          owner: request.actor.login,
          at: app.portal.now(),
        });
        await audit(tx, request, 'application_record.create', request.params.id, { after: created });
        return created;
      });
      reply.code(201).header('etag', recordEtag(row)).header('location', `/api/v1/applications/${row.applicationId}/records/${row.id}`);
      return toRecord(row);
    },
  );

  app.get(
    '/applications/:id/records/:recordId',
    { config: { adminArea: 'applications' }, schema: { tags, summary: 'One record (ETag)', params: RecordParams, response: { 200: ApplicationRecord } } },
    async (request, reply) => {
      const row = await readRecord(db, request.params.id, request.params.recordId);
      reply.header('etag', recordEtag(row));
      return toRecord(row);
    },
  );

  app.put(
    '/applications/:id/records/:recordId',
    {
      config: { adminArea: 'applications' },
      bodyLimit: RECORD_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Replace a record\'s values (If-Match); 400 record_invalid, 409 record_not_unique',
        params: RecordParams,
        body: UpdateRecord,
        response: { 200: ApplicationRecord },
      },
    },
    async (request, reply) => {
      const row = await db.transaction(async (tx) => {
        const current = await readRecord(tx, request.params.id, request.params.recordId);
        const { group } = await lockedGroupOf(tx, request.params.id, current.dataGroupId);
        const locked = await readRecord(tx, request.params.id, request.params.recordId, true);
        checkIfMatch(request, recordEtag(locked), toRecord(locked));
        const saved = await updateRecord(tx, locked, group, { values: request.body.values, at: app.portal.now() });
        await audit(tx, request, 'application_record.update', request.params.id, { before: locked, after: saved });
        return saved;
      });
      reply.header('etag', recordEtag(row));
      return toRecord(row);
    },
  );

  app.delete(
    '/applications/:id/records/:recordId',
    {
      config: { adminArea: 'applications' },
      schema: {
        tags,
        summary: 'Delete a record and (cascade) its child records (If-Match); 409 child_records_exist (restrict) or record_referenced, with count',
        params: RecordParams,
        response: { 200: DeletedRecords },
      },
    },
    async (request) => {
      const deleted = await db.transaction(async (tx) => {
        const current = await readRecord(tx, request.params.id, request.params.recordId);
        const { definition } = await lockedGroupOf(tx, request.params.id, current.dataGroupId);
        const locked = await readRecord(tx, request.params.id, request.params.recordId, true);
        checkIfMatch(request, recordEtag(locked), toRecord(locked));
        const count = await deleteRecord(tx, definition, locked);
        await audit(tx, request, 'application_record.delete', request.params.id, { before: locked, deleted: count });
        return count;
      });
      return { deleted };
    },
  );
};

export default applicationRecordRoutes;
