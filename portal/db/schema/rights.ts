import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accessLevels } from '../../../common/domain/access';
import type { FunctionPermission } from '../../../common/portal-api/rights';
import { applications } from './applications';
import { versionColumn } from './columns';
import { principals } from './principals';
import { users } from './users';

const levelList = sql.raw(accessLevels.map((level) => `'${level}'`).join(', '));

/** Per application: the level of "all other members" and the ETag counter of the application's rights. */
export const applicationAccess = pgTable(
  'application_access',
  {
    applicationId: uuid('application_id')
      .primaryKey()
      .references(() => applications.id, { onDelete: 'cascade' }),
    defaultLevel: text('default_level', { enum: accessLevels }).notNull().default('none'),
    version: versionColumn(),
  },
  (table) => [check('application_access_level_check', sql`${table.defaultLevel} in (${levelList})`)],
);

/** Rights entries: a user or a group/role/distribution list and its level on one application. */
export const applicationRightsEntries = pgTable(
  'application_rights_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    principalId: uuid('principal_id').references(() => principals.id, { onDelete: 'cascade' }),
    level: text('level', { enum: accessLevels }).notNull(),
    /** Order in which the administrator listed the entries. */
    position: integer('position').notNull().default(0),
  },
  (table) => [
    check('application_rights_entries_one_principal', sql`(${table.userId} is null) <> (${table.principalId} is null)`),
    check('application_rights_entries_level_check', sql`${table.level} in (${levelList})`),
    uniqueIndex('application_rights_entries_user_unique').on(table.applicationId, table.userId),
    uniqueIndex('application_rights_entries_principal_unique').on(table.applicationId, table.principalId),
    index('application_rights_entries_user_idx').on(table.userId),
    index('application_rights_entries_principal_idx').on(table.principalId),
  ],
);

/** Singleton row (id = 1): the function permissions matrix, validated with zod on every read and write. */
export const functionPermissionSettings = pgTable(
  'function_permission_settings',
  {
    id: integer('id').primaryKey().default(1),
    document: jsonb('document').$type<FunctionPermission[]>().notNull(),
    version: versionColumn(),
  },
  (table) => [check('function_permission_settings_singleton', sql`${table.id} = 1`)],
);

export const orgUnitKinds = ['container', 'org_unit'] as const;

/** The org structure: containers and org units in a tree. */
export const orgUnits = pgTable(
  'org_units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id').references((): AnyPgColumn => orgUnits.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: orgUnitKinds }).notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    version: versionColumn(),
  },
  (table) => [
    check('org_units_kind_check', sql`${table.kind} in ('container', 'org_unit')`),
    check('org_units_not_own_parent', sql`${table.parentId} is distinct from ${table.id}`),
    uniqueIndex('org_units_sibling_name_unique').on(
      sql`coalesce(${table.parentId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      sql`lower(${table.name})`,
    ),
    index('org_units_parent_idx').on(table.parentId),
  ],
);

/** Where a user or a group/role/distribution list belongs in the org structure: at most one unit each. */
export const orgUnitPlacements = pgTable(
  'org_unit_placements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgUnitId: uuid('org_unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    principalId: uuid('principal_id').references(() => principals.id, { onDelete: 'cascade' }),
  },
  (table) => [
    check('org_unit_placements_one_member', sql`(${table.userId} is null) <> (${table.principalId} is null)`),
    uniqueIndex('org_unit_placements_user_unique').on(table.userId),
    uniqueIndex('org_unit_placements_principal_unique').on(table.principalId),
    index('org_unit_placements_unit_idx').on(table.orgUnitId),
  ],
);

export type ApplicationAccessRow = typeof applicationAccess.$inferSelect;
export type ApplicationRightsEntryRow = typeof applicationRightsEntries.$inferSelect;
export type OrgUnitRow = typeof orgUnits.$inferSelect;
export type OrgUnitPlacementRow = typeof orgUnitPlacements.$inferSelect;
