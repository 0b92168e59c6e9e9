import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ApplicationDefinition } from '../../../common/domain/application-definition';
import type { LayoutLogo } from '../../../common/domain/layout-rules';
import { applications } from './applications';
import { instant, updatedAt, versionColumn } from './columns';

/**
 * The published definition of each application (one row once it has been published) and every
 * published version. `version` is both the number of the newest version and the ETag counter.
 */
export const applicationDefinitions = pgTable('application_definitions', {
  applicationId: uuid('application_id')
    .primaryKey()
    .references(() => applications.id, { onDelete: 'cascade' }),
  document: jsonb('document').$type<ApplicationDefinition>().notNull(),
  version: integer('version').notNull(),
  publishedAt: instant('published_at').notNull(),
  publishedBy: text('published_by').notNull(),
});

export const applicationDefinitionVersions = pgTable(
  'application_definition_versions',
  {
    id: uuid('id').primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    document: jsonb('document').$type<ApplicationDefinition>().notNull(),
    comment: text('comment').notNull().default(''),
    publishedAt: instant('published_at').notNull(),
    publishedBy: text('published_by').notNull(),
  },
  (table) => [
    uniqueIndex('application_definition_versions_unique').on(table.applicationId, table.version),
    index('application_definition_versions_app_idx').on(table.applicationId, table.version.desc()),
  ],
);

/** Portal layouts: theme colours, logo and custom CSS. */
export const layouts = pgTable(
  'layouts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    primaryColor: text('primary_color').notNull(),
    accentColor: text('accent_color').notNull(),
    logo: jsonb('logo').$type<LayoutLogo>(),
    customCss: text('custom_css').notNull().default(''),
    version: versionColumn(),
    updatedAt: updatedAt(),
    updatedBy: text('updated_by'),
  },
  (table) => [uniqueIndex('layouts_name_unique').on(sql`lower(${table.name})`)],
);

export type ApplicationDefinitionRow = typeof applicationDefinitions.$inferSelect;
export type ApplicationDefinitionVersionRow = typeof applicationDefinitionVersions.$inferSelect;
export type LayoutRow = typeof layouts.$inferSelect;
