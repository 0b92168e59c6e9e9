import { z } from 'zod';
import { ApplicationDefinition } from '../domain/application-definition';
import { LayoutContent } from '../domain/layout-rules';
import { IsoDateTime, versioned } from '../portal-api/common';
import {
  ApplicationDefinitionDoc,
  ApplicationName,
  ApplicationPage,
  ApplicationSummary,
  CreateLayout,
  DefinitionVersionDoc,
  DefinitionVersionPage,
  Layout,
  LayoutPage,
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
});
export type PublishRequest = z.input<typeof PublishRequest>;

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
  'applications:publish': call(PublishRequest, VersionedDefinition, 'write'),
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
