import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { DirectoryReport } from '../../../common/portal-api/directory';
import { instant, versionColumn } from './columns';
import { principals } from './principals';
import { orgUnits } from './rights';
import { users } from './users';

/**
 * Singleton row (id = 1): the directory connection and mapping (`config`, a DirectorySettingsInput without the
 * password) and the bind password, encrypted with the portal's secret key (portal/directory/secret-box.ts).
 */
export const directorySettings = pgTable(
  'directory_settings',
  {
    id: integer('id').primaryKey().default(1),
    config: jsonb('config').$type<Record<string, unknown>>().notNull(),
    bindPassword: text('bind_password'),
    version: versionColumn(),
    lastScheduledAt: instant('last_scheduled_at'),
  },
  (table) => [check('directory_settings_singleton', sql`${table.id} = 1`)],
);

export const directoryLinkKinds = ['user', 'group', 'org_unit'] as const;

/**
 * Which portal objects the directory created, by the entry's stable id (objectGUID, entryUUID; org units by
 * department name): only these are ever changed by a sync.
 */
export const directoryLinks = pgTable(
  'directory_links',
  {
    kind: text('kind', { enum: directoryLinkKinds }).notNull(),
    externalId: text('external_id').notNull(),
    dn: text('dn').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    principalId: uuid('principal_id').references(() => principals.id, { onDelete: 'cascade' }),
    orgUnitId: uuid('org_unit_id').references(() => orgUnits.id, { onDelete: 'cascade' }),
  },
  (table) => [
    primaryKey({ name: 'directory_links_pk', columns: [table.kind, table.externalId] }),
    check('directory_links_kind_check', sql`${table.kind} in ('user', 'group', 'org_unit')`),
    check('directory_links_one_target', sql`num_nonnulls(${table.userId}, ${table.principalId}, ${table.orgUnitId}) = 1`),
    uniqueIndex('directory_links_user_unique').on(table.userId),
    uniqueIndex('directory_links_principal_unique').on(table.principalId),
    uniqueIndex('directory_links_org_unit_unique').on(table.orgUnitId),
  ],
);

export const directoryRunStates = ['running', 'done', 'failed', 'needs_confirmation', 'interrupted'] as const;

/** Dry runs and syncs as job rows: progress while they run, the report when they end; `running` at start = interrupted. */
export const directoryRuns = pgTable(
  'directory_runs',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind', { enum: ['dry_run', 'sync'] }).notNull(),
    trigger: text('trigger', { enum: ['manual', 'schedule'] }).notNull(),
    state: text('state', { enum: directoryRunStates }).notNull(),
    phase: text('phase', { enum: ['reading', 'planning', 'writing', 'finished'] }).notNull(),
    actorId: uuid('actor_id'),
    actorLogin: text('actor_login').notNull(),
    processed: integer('processed').notNull().default(0),
    total: integer('total').notNull().default(0),
    report: jsonb('report').$type<DirectoryReport>(),
    error: text('error'),
    startedAt: instant('started_at').notNull(),
    finishedAt: instant('finished_at'),
  },
  (table) => [
    index('directory_runs_started_idx').on(table.startedAt.desc()),
    check('directory_runs_kind_check', sql`${table.kind} in ('dry_run', 'sync')`),
    check('directory_runs_trigger_check', sql`${table.trigger} in ('manual', 'schedule')`),
    check('directory_runs_state_check', sql`${table.state} in ('running', 'done', 'failed', 'needs_confirmation', 'interrupted')`),
  ],
);

export type DirectoryRunRow = typeof directoryRuns.$inferSelect;
