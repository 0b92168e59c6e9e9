import { z } from 'zod';
import { ApplicationDefinition, filterOperators } from '../domain/application-definition';
import { AppliedDataChanges, DataImpactEntry } from '../domain/application-data-impact';
import { RecordValue, RecordValues } from '../domain/application-records';
import { LayoutContent } from '../domain/layout-rules';
import { IsoDateTime, page, PageQuery, Uuid } from './common';

/**
 * The application designer and portal layouts: applications with their published definition and its
 * version history, and layouts (theme colours, logo, custom CSS). The rules behind the documents live
 * in common/domain/{application-definition,layout-rules}.ts and are enforced by the portal on every save.
 */

export { ApplicationDefinition, LayoutContent };

// ---- applications ----

export const ApplicationName = z.string().trim().min(1, 'Give the application a name').max(80);

export const ApplicationSummary = z.object({
  id: Uuid,
  name: z.string(),
  description: z.string(),
  /** Number of the published definition version; 0 while nothing has been published. */
  publishedVersion: z.number().int().min(0),
  publishedAt: IsoDateTime.nullable(),
});
export type ApplicationSummary = z.infer<typeof ApplicationSummary>;

/** GET /applications: in name order, cursor-paged; `q` filters by name. */
export const ApplicationListQuery = PageQuery.extend({ q: z.string().trim().max(200).optional() });
export type ApplicationListQuery = z.infer<typeof ApplicationListQuery>;
export const ApplicationPage = page(ApplicationSummary);
export type ApplicationPage = z.infer<typeof ApplicationPage>;

/** POST /applications. */
export const CreateApplication = z.object({
  name: ApplicationName,
  description: z.string().trim().max(1000).default(''),
});
export type CreateApplication = z.input<typeof CreateApplication>;

/** GET /applications/:id/definition (ETag): the published definition, an empty one before the first publish. */
export const ApplicationDefinitionDoc = z.object({
  applicationId: Uuid,
  applicationName: z.string(),
  version: z.number().int().min(0),
  publishedAt: IsoDateTime.nullable(),
  publishedBy: z.string().nullable(),
  definition: ApplicationDefinition,
});
export type ApplicationDefinitionDoc = z.infer<typeof ApplicationDefinitionDoc>;

/** PUT /applications/:id/definition (If-Match): publishes a new version; refused with 400 and the rule codes when invalid. */
export const PublishDefinition = z.object({
  definition: ApplicationDefinition,
  /** What changed, for the version history. */
  comment: z.string().trim().max(500).default(''),
  /** Publish even though dropped or retyped parts hold data (else 409 `data_loss_unconfirmed` with `dataImpact`). */
  confirmDataLoss: z.boolean().default(false),
});
export type PublishDefinition = z.input<typeof PublishDefinition>;

export const DefinitionCounts = z.object({
  dataGroups: z.number().int(),
  fields: z.number().int(),
  pages: z.number().int(),
  controls: z.number().int(),
});

export const DefinitionVersionSummary = z.object({
  version: z.number().int().min(1),
  publishedAt: IsoDateTime,
  publishedBy: z.string(),
  comment: z.string(),
  counts: DefinitionCounts,
});
export type DefinitionVersionSummary = z.infer<typeof DefinitionVersionSummary>;

/** GET /applications/:id/definition/versions: newest first, cursor-paged. */
export const DefinitionVersionPage = page(DefinitionVersionSummary);
export type DefinitionVersionPage = z.infer<typeof DefinitionVersionPage>;

/** GET /applications/:id/definition/versions/:version. */
export const DefinitionVersionDoc = DefinitionVersionSummary.extend({ definition: ApplicationDefinition });
export type DefinitionVersionDoc = z.infer<typeof DefinitionVersionDoc>;

// ---- layouts ----

export const LayoutSummary = z.object({
  id: Uuid,
  name: z.string(),
  primaryColor: z.string(),
  accentColor: z.string(),
  hasLogo: z.boolean(),
  updatedAt: IsoDateTime,
});
export type LayoutSummary = z.infer<typeof LayoutSummary>;

/** GET /layouts: in name order, cursor-paged. */
export const LayoutPage = page(LayoutSummary);
export type LayoutPage = z.infer<typeof LayoutPage>;

/** GET /layouts/:id (ETag). */
export const Layout = LayoutContent.extend({
  id: Uuid,
  updatedAt: IsoDateTime,
  updatedBy: z.string().nullable(),
});
export type Layout = z.infer<typeof Layout>;

/** POST /layouts: a new layout with the default colours. */
export const CreateLayout = z.object({ name: z.string().trim().min(1, 'Give the layout a name').max(80) });
export type CreateLayout = z.infer<typeof CreateLayout>;

// ---- publishing with data, rollback ----

export { AppliedDataChanges, DataImpactEntry };

/**
 * 409 `data_loss_unconfirmed` on publish and rollback: the problem carries `dataImpact` (DataImpactEntry[],
 * only the parts that hold data) and nothing is published until the request says `confirmDataLoss: true`.
 */
export const DataImpactList = z.array(DataImpactEntry);

/** PUT /applications/:id/definition and POST .../definition/rollback answer the new version and what it did to the records. */
export const PublishedDefinitionDoc = ApplicationDefinitionDoc.extend({ dataChanges: AppliedDataChanges });
export type PublishedDefinitionDoc = z.infer<typeof PublishedDefinitionDoc>;

/** POST /applications/:id/definition/rollback (If-Match): publishes a copy of `version` as a new version. */
export const RollbackDefinition = z.object({
  version: z.number().int().min(1),
  /** Defaults to "Rollback to version N". */
  comment: z.string().trim().max(500).optional(),
  confirmDataLoss: z.boolean().default(false),
});
export type RollbackDefinition = z.input<typeof RollbackDefinition>;

// ---- records ----

export { RecordValue, RecordValues };

export const RecordId = Uuid;
export const DataGroupId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** GET /applications/:id/records/:recordId (ETag). System fields: id, created, changed, owner. */
export const ApplicationRecord = z.object({
  id: Uuid,
  applicationId: Uuid,
  dataGroupId: z.string(),
  /** Records of a child data group belong to one record of the parent group. */
  parentRecordId: Uuid.nullable(),
  values: z.record(z.string(), RecordValue),
  owner: z.string(),
  created: IsoDateTime,
  changed: IsoDateTime,
  version: z.number().int().min(1),
});
export type ApplicationRecord = z.infer<typeof ApplicationRecord>;

/**
 * GET /applications/:id/data-groups/:dataGroupId/records: sorted by a field id or a system field
 * (default: created), one optional filter (`filterColumn`, `filterOperator`, `filterValue`), offset paging
 * (`offset`, `limit`), and `parentRecordId` for the children of one parent record.
 */
export const RecordListQuery = z.object({
  sort: z.string().max(64).optional(),
  direction: z.enum(['asc', 'desc']).default('asc'),
  filterColumn: z.string().max(64).optional(),
  filterOperator: z.enum(filterOperators).optional(),
  filterValue: z.string().max(500).optional(),
  parentRecordId: Uuid.optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(25),
});
export type RecordListQuery = z.infer<typeof RecordListQuery>;

export const RecordPage = z.object({
  items: z.array(ApplicationRecord),
  /** Records matching the filter (all pages). */
  total: z.number().int().min(0),
  offset: z.number().int().min(0),
  limit: z.number().int().min(1),
});
export type RecordPage = z.infer<typeof RecordPage>;

/** POST /applications/:id/data-groups/:dataGroupId/records; 400 with `values.<fieldId>` errors (codes of application-records). */
export const CreateRecord = z.object({
  values: RecordValues,
  /** Required for a child data group: the parent record. */
  parentRecordId: Uuid.nullable().default(null),
});
export type CreateRecord = z.input<typeof CreateRecord>;

/** PUT /applications/:id/records/:recordId (If-Match): replaces the values. */
export const UpdateRecord = z.object({ values: RecordValues });
export type UpdateRecord = z.input<typeof UpdateRecord>;

/** DELETE /applications/:id/records/:recordId (If-Match): the record and, with cascade, its children. */
export const DeletedRecords = z.object({ deleted: z.number().int().min(1) });
export type DeletedRecords = z.infer<typeof DeletedRecords>;
