import { z } from 'zod';
import { ApplicationDefinition } from '../domain/application-definition';
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
