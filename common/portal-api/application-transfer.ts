import { z } from 'zod';
import { accessLevels } from '../domain/access';
import { AppliedDataChanges } from '../domain/application-data-impact';
import { diffChangeKinds, diffEntityKinds } from '../domain/application-diff';
import { APPLICATION_FILE_MAX_CHARS } from '../domain/application-file';
import { ConfigurationSource, PrincipalMapping, PrincipalRef } from '../domain/portal-configuration';
import { ApplicationName, DefinitionCounts } from './designer';
import { Uuid } from './common';

/**
 * Application transfer: GET /applications/:id/export gives one application as a file
 * (common/domain/application-file.ts); POST /applications/import/preview says what importing it would
 * create, change and remove here; POST /applications/import (If-Match: the preview's ETag) does it in one
 * transaction. A file that is damaged, altered, of a newer schema or refers to something it does not
 * hold is refused with 422 and code `application_file_<problem>`.
 */

export { APPLICATION_FILE_MAX_CHARS };

export const ApplicationImportRequest = z.object({
  /** The file's text exactly as exported: the checksum is checked over it. */
  file: z.string().min(1).max(APPLICATION_FILE_MAX_CHARS),
  /** What becomes of group/role/distribution list names this portal lacks; every one must be decided before the import. */
  mapping: z.array(PrincipalMapping).max(1000).default([]),
  /** Import under this name instead of the file's (an application of that name here gets a new version). */
  name: ApplicationName.optional(),
  /** Import only: a new version that drops or retypes parts holding records applies that (else 409 `data_loss_unconfirmed` with `dataImpact`). */
  confirmDataLoss: z.boolean().default(false),
});
export type ApplicationImportRequest = z.input<typeof ApplicationImportRequest>;

const DiffValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);
const changeCounts = z.object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int() });

/** One data group, field, page or control the import adds, changes or removes (common/domain/application-diff.ts). */
export const DefinitionChangeItem = z.object({
  entity: z.enum(diffEntityKinds),
  change: z.enum(diffChangeKinds),
  id: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  parentName: z.string().nullable(),
  properties: z.array(z.object({ property: z.string(), before: DiffValue, after: DiffValue })),
});
export type DefinitionChangeItem = z.infer<typeof DefinitionChangeItem>;

export const DefinitionDiffSummary = z.object({
  dataGroup: changeCounts,
  field: changeCounts,
  page: changeCounts,
  control: changeCounts,
  total: z.number().int(),
});

export const RightsEntryStatus = z.enum(['kept', 'mapped', 'skipped', 'unmapped']);
export const ImportRightsEntry = z.object({
  /** The name in the file. */
  from: PrincipalRef,
  /** The group, role or list of this portal that gets the entry; null when it is left out or still undecided. */
  to: PrincipalRef.nullable(),
  level: z.enum(accessLevels),
  status: RightsEntryStatus,
});
export type ImportRightsEntry = z.infer<typeof ImportRightsEntry>;

export const ImportTarget = z.discriminatedUnion('action', [
  z.object({ action: z.literal('create') }),
  z.object({ action: z.literal('update'), applicationId: Uuid, name: z.string(), publishedVersion: z.number().int().min(0) }),
]);
export type ImportTarget = z.infer<typeof ImportTarget>;

export const ApplicationImportPreview = z.object({
  source: ConfigurationSource,
  exportedAt: z.string(),
  sourceVersion: z.number().int().min(0),
  /** The name the import uses (the file's unless another was asked for). */
  name: z.string(),
  description: z.string(),
  counts: DefinitionCounts,
  /** A new application, or a new version of the one of this name. */
  target: ImportTarget,
  /** The target's state as compared; send it as If-Match with the import. */
  etag: z.string(),
  /** Everything the definition adds, changes and removes (all "added" for a new application). */
  changes: z.array(DefinitionChangeItem),
  summary: DefinitionDiffSummary,
  definitionChanged: z.boolean(),
  descriptionChanged: z.boolean(),
  rights: z.object({
    defaultLevelBefore: z.enum(accessLevels).nullable(),
    defaultLevel: z.enum(accessLevels),
    entries: z.array(ImportRightsEntry),
    /** Entries of single users on the target stay as they are (people do not travel). */
    keptUserEntries: z.number().int(),
    changed: z.boolean(),
  }),
  /** Names the rights use that this portal does not have and the mapping does not decide. */
  unmappedPrincipals: z.array(PrincipalRef),
  /** This portal's groups, roles and distribution lists: what a name can be mapped to. */
  availablePrincipals: z.array(PrincipalRef),
});
export type ApplicationImportPreview = z.infer<typeof ApplicationImportPreview>;

export const ApplicationImportResult = z.object({
  applicationId: Uuid,
  name: z.string(),
  created: z.boolean(),
  /** The published version after the import (unchanged when the definition was equal). */
  publishedVersion: z.number().int().min(0),
  definitionPublished: z.boolean(),
  rightsEntries: z.number().int(),
  skippedRightsEntries: z.number().int(),
  /** What the new version did to the records of the same-named application (dropped or retyped parts). */
  dataChanges: AppliedDataChanges,
});
export type ApplicationImportResult = z.infer<typeof ApplicationImportResult>;
