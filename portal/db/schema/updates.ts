import { sql } from 'drizzle-orm';
import { boolean, check, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, updatedAt, versionColumn } from './columns';
import { releaseTracks } from './settings';

export const releaseKindValues = ['major', 'minor', 'security'] as const;
export const updateOutcomeValues = ['succeeded', 'rolled_back'] as const;

/** The catalogue of platform releases this portal knows about. */
export const releases = pgTable(
  'releases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    version: text('version').notNull(),
    kind: text('kind', { enum: releaseKindValues }).notNull(),
    title: text('title').notNull(),
    releasedAt: instant('released_at').notNull(),
    tracks: text('tracks', { enum: releaseTracks }).array().notNull(),
    notes: text('notes').notNull().default(''),
    changes: jsonb('changes').$type<string[]>().notNull().default([]),
    affectsCustomisations: boolean('affects_customisations').notNull().default(false),
  },
  (table) => [
    uniqueIndex('releases_version_unique').on(table.version),
    index('releases_released_at_idx').on(table.releasedAt.desc(), table.id.desc()),
    check('releases_kind_check', sql`${table.kind} in ('major', 'minor', 'security')`),
  ],
);

/** At most one deferral per major release; cancelling deletes it (the audit log keeps the story). */
export const updateDeferrals = pgTable(
  'update_deferrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    releaseId: uuid('release_id')
      .notNull()
      .references(() => releases.id, { onDelete: 'cascade' }),
    until: instant('until').notNull(),
    reason: text('reason').notNull(),
    createdBy: text('created_by').notNull(),
    updatedBy: text('updated_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: versionColumn(),
  },
  (table) => [uniqueIndex('update_deferrals_release_unique').on(table.releaseId)],
);

/** Critical maintenance announced by the operator, at least 72 hours ahead. */
export const maintenanceAnnouncements = pgTable(
  'maintenance_announcements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    start: instant('start').notNull(),
    end: instant('end').notNull(),
    announcedAt: instant('announced_at').notNull(),
    announcedBy: text('announced_by').notNull(),
    version: versionColumn(),
  },
  (table) => [
    index('maintenance_announcements_start_idx').on(table.start),
    check('maintenance_announcements_end_after_start', sql`${table.end} > ${table.start}`),
  ],
);

/** What was applied when: the portal's update history. */
export const updateHistory = pgTable(
  'update_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    releaseId: uuid('release_id').references(() => releases.id, { onDelete: 'set null' }),
    version: text('version').notNull(),
    kind: text('kind', { enum: releaseKindValues }).notNull(),
    fromVersion: text('from_version').notNull(),
    appliedAt: instant('applied_at').notNull(),
    finishedAt: instant('finished_at').notNull(),
    windowId: text('window_id'),
    outcome: text('outcome', { enum: updateOutcomeValues }).notNull().default('succeeded'),
    notes: text('notes').notNull().default(''),
  },
  (table) => [
    index('update_history_applied_at_idx').on(table.appliedAt.desc(), table.id.desc()),
    index('update_history_release_idx').on(table.releaseId),
    check('update_history_kind_check', sql`${table.kind} in ('major', 'minor', 'security')`),
    check('update_history_outcome_check', sql`${table.outcome} in ('succeeded', 'rolled_back')`),
  ],
);

export type ReleaseRow = typeof releases.$inferSelect;
export type NewReleaseRow = typeof releases.$inferInsert;
export type DeferralRow = typeof updateDeferrals.$inferSelect;
export type AnnouncementRow = typeof maintenanceAnnouncements.$inferSelect;
export type NewAnnouncementRow = typeof maintenanceAnnouncements.$inferInsert;
export type UpdateHistoryRow = typeof updateHistory.$inferSelect;
export type NewUpdateHistoryRow = typeof updateHistory.$inferInsert;
