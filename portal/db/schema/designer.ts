import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { ApplicationDefinition } from '../../../common/domain/application-definition';
import type { RecordValues } from '../../../common/domain/application-records';
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

/**
 * The records of applications' data groups: values by field id (jsonb, checked against the published
 * definition on every write). A child record points at its parent record; deleting the parent deletes
 * it (the portal refuses first when the data group's rule is restrict).
 */
export const applicationRecords = pgTable(
  'application_records',
  {
    id: uuid('id').primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    dataGroupId: text('data_group_id').notNull(),
    parentRecordId: uuid('parent_record_id').references((): AnyPgColumn => applicationRecords.id, { onDelete: 'cascade' }),
    values: jsonb('values').$type<RecordValues>().notNull().default({}),
    owner: text('owner').notNull(),
    createdAt: instant('created_at').notNull(),
    changedAt: instant('changed_at').notNull(),
    version: versionColumn(),
  },
  (table) => [
    index('application_records_group_idx').on(table.applicationId, table.dataGroupId, table.createdAt, table.id),
    index('application_records_parent_idx').on(table.parentRecordId).where(sql`${table.parentRecordId} is not null`),
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
export type ApplicationRecordRow = typeof applicationRecords.$inferSelect;
