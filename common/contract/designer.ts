import { z } from 'zod';
import { ApplicationDefinition } from '../domain/application-definition';
import { LayoutContent } from '../domain/layout-rules';
import { IsoDateTime, versioned } from '../portal-api/common';
import {
  ApplicationDefinitionDoc,
  ApplicationName,
  ApplicationPage,
  ApplicationRecord,
  ApplicationSummary,
  CreateLayout,
  DataGroupId,
  DefinitionVersionDoc,
  DefinitionVersionPage,
  DeletedRecords,
  Layout,
  LayoutPage,
  PublishedDefinitionDoc,
  RecordListQuery,
  RecordPage,
  RecordValues,
} from '../portal-api/designer';
import { call, Ok } from './define';

const Cursor = z.string().min(1).max(2000);
const Limit = z.number().int().min(1).max(500);
const ApplicationId = z.uuid();
const LayoutId = z.uuid();
const IfMatch = z.string().min(1);

export const ApplicationsRequest = z.object({ cursor: Cursor.optional(), limit: Limit.optional(), q: z.string().max(200).optional() });
export type ApplicationsRequest = z.infer<typeof ApplicationsRequest>;

export const CreateApplicationRequest = z.object({ name: ApplicationName, description: z.string().trim().max(1000).default('') });
export type CreateApplicationRequest = z.input<typeof CreateApplicationRequest>;

export const ApplicationRef = z.object({ applicationId: ApplicationId });

export const PublishRequest = z.object({
  applicationId: ApplicationId,
  definition: ApplicationDefinition,
  comment: z.string().trim().max(500).default(''),
  /** The ETag of the published version the draft started from (or the current one, to overwrite it deliberately). */
  ifMatch: IfMatch,
  /** Publish although dropped or retyped parts hold data; without it the portal refuses with CONFLICT,
   * `details.problemCode: 'data_loss_unconfirmed'` and `details.dataImpact: DataImpactEntry[]`. */
  confirmDataLoss: z.boolean().default(false),
});
export type PublishRequest = z.input<typeof PublishRequest>;

/** Publishes a copy of `version` as a new version (same data-impact rule and confirmation as publish). */
export const RollbackRequest = z.object({
  applicationId: ApplicationId,
  version: z.number().int().min(1),
  comment: z.string().trim().max(500).optional(),
  ifMatch: IfMatch,
  confirmDataLoss: z.boolean().default(false),
});
export type RollbackRequest = z.input<typeof RollbackRequest>;

export const VersionedPublishedDefinition = versioned(PublishedDefinitionDoc);
export type VersionedPublishedDefinition = z.infer<typeof VersionedPublishedDefinition>;

// ---- records of a published application ----

const RecordId = z.uuid();

export const RecordsRequest = RecordListQuery.omit({ offset: true, limit: true }).extend({
  applicationId: ApplicationId,
  dataGroupId: DataGroupId,
  offset: z.number().int().min(0).max(1_000_000).optional(),
  limit: z.number().int().min(1).max(200).optional(),
  direction: z.enum(['asc', 'desc']).optional(),
});
export type RecordsRequest = z.input<typeof RecordsRequest>;

export const RecordRef = z.object({ applicationId: ApplicationId, recordId: RecordId });
export type RecordRef = z.infer<typeof RecordRef>;

export const VersionedRecord = versioned(ApplicationRecord);
export type VersionedRecord = z.infer<typeof VersionedRecord>;

/** Invalid values come back as VALIDATION with `details.errors: [{ path: 'values.<fieldId>', message: '<code>: <text>' }]`. */
export const CreateRecordRequest = z.object({
  applicationId: ApplicationId,
  dataGroupId: DataGroupId,
  values: RecordValues,
  parentRecordId: RecordId.nullable().default(null),
});
export type CreateRecordRequest = z.input<typeof CreateRecordRequest>;

export const UpdateRecordRequest = RecordRef.extend({ values: RecordValues, ifMatch: IfMatch });
export type UpdateRecordRequest = z.input<typeof UpdateRecordRequest>;

/** CONFLICT with `details.problemCode` `record_referenced` or `child_records_exist` and `details.count` when refused. */
export const DeleteRecordRequest = RecordRef.extend({ ifMatch: IfMatch });
export type DeleteRecordRequest = z.infer<typeof DeleteRecordRequest>;

export const VersionsRequest = z.object({ applicationId: ApplicationId, cursor: Cursor.optional(), limit: Limit.optional() });
export type VersionsRequest = z.infer<typeof VersionsRequest>;
export const VersionRequest = z.object({ applicationId: ApplicationId, version: z.number().int().min(1) });

export const VersionedDefinition = versioned(ApplicationDefinitionDoc);
export type VersionedDefinition = z.infer<typeof VersionedDefinition>;
export const VersionedLayout = versioned(Layout);
export type VersionedLayout = z.infer<typeof VersionedLayout>;

export const LayoutsRequest = z.object({ cursor: Cursor.optional(), limit: Limit.optional() });
export const LayoutRef = z.object({ layoutId: LayoutId });
export const SaveLayoutRequest = z.object({ layoutId: LayoutId, layout: LayoutContent, ifMatch: IfMatch });
export type SaveLayoutRequest = z.infer<typeof SaveLayoutRequest>;

// ---- drafts: kept on disk by main until the portal has them ----

export const DraftKind = z.enum(['application', 'layout']);
export type DraftKind = z.infer<typeof DraftKind>;

/** What a draft is based on: the ETag and version of the portal's copy when editing started. */
const DraftBase = z.object({ baseEtag: z.string().min(1), baseVersion: z.number().int().min(0) });

export const ApplicationDraftContent = DraftBase.extend({ kind: z.literal('application'), id: ApplicationId, content: ApplicationDefinition });
export const LayoutDraftContent = DraftBase.extend({ kind: z.literal('layout'), id: LayoutId, content: LayoutContent });
export const SaveDraftRequest = z.discriminatedUnion('kind', [ApplicationDraftContent, LayoutDraftContent]);
export type SaveDraftRequest = z.infer<typeof SaveDraftRequest>;

export const Draft = z.discriminatedUnion('kind', [
  ApplicationDraftContent.extend({ savedAt: IsoDateTime }),
  LayoutDraftContent.extend({ savedAt: IsoDateTime }),
]);
export type Draft = z.infer<typeof Draft>;
export type ApplicationDraft = Extract<Draft, { kind: 'application' }>;
export type LayoutDraft = Extract<Draft, { kind: 'layout' }>;

export const DraftRef = z.object({ kind: DraftKind, id: z.uuid() });
export type DraftRef = z.infer<typeof DraftRef>;

export const DraftSummary = DraftRef.extend({ savedAt: IsoDateTime, baseVersion: z.number().int().min(0) });
export type DraftSummary = z.infer<typeof DraftSummary>;

export const designerContract = {
  'applications:list': call(ApplicationsRequest, ApplicationPage, 'read'),
  'applications:create': call(CreateApplicationRequest, ApplicationSummary, 'write'),
  'applications:definition': call(ApplicationRef, VersionedDefinition, 'read'),
  /** Publishes on the portal, then removes the draft. */
  'applications:publish': call(PublishRequest, VersionedPublishedDefinition, 'write'),
  /** Publishes a copy of an earlier version as a new version. */
  'applications:rollback': call(RollbackRequest, VersionedPublishedDefinition, 'write'),
  'applications:records': call(RecordsRequest, RecordPage, 'read'),
  'applications:record': call(RecordRef, VersionedRecord, 'read'),
  'applications:createRecord': call(CreateRecordRequest, VersionedRecord, 'write'),
  'applications:updateRecord': call(UpdateRecordRequest, VersionedRecord, 'write'),
  'applications:deleteRecord': call(DeleteRecordRequest, DeletedRecords, 'write'),
  'applications:versions': call(VersionsRequest, DefinitionVersionPage, 'read'),
  'applications:version': call(VersionRequest, DefinitionVersionDoc, 'read'),
  'layouts:list': call(LayoutsRequest, LayoutPage, 'read'),
  'layouts:create': call(CreateLayout, VersionedLayout, 'write'),
  'layouts:get': call(LayoutRef, VersionedLayout, 'read'),
  /** Saves on the portal, then removes the draft. */
  'layouts:save': call(SaveLayoutRequest, VersionedLayout, 'write'),
  /** Drafts of the signed-in portal (profile). */
  'drafts:list': call(z.object({ kind: DraftKind.optional() }), z.array(DraftSummary), 'read'),
  'drafts:get': call(DraftRef, Draft.nullable(), 'read'),
  'drafts:save': call(SaveDraftRequest, DraftSummary, 'local'),
  'drafts:discard': call(DraftRef, Ok, 'local'),
};
