import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { instant } from './columns';

export const backupStatusValues = ['running', 'succeeded', 'failed'] as const;
export const backupTriggerValues = ['manual', 'scheduled'] as const;
export const backupStorageValues = ['folder', 'memory'] as const;

/**
 * The history of the backups this portal made of its own (PGlite) database. A PostgreSQL instance is
 * backed up by the hosting provider and has no rows here.
 */
export const backups = pgTable(
  'backups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trigger: text('trigger', { enum: backupTriggerValues }).notNull(),
    status: text('status', { enum: backupStatusValues }).notNull(),
    startedAt: instant('started_at').notNull(),
    finishedAt: instant('finished_at'),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
    file: text('file'),
    storage: text('storage', { enum: backupStorageValues }),
    sha256: text('sha256'),
    error: text('error'),
    requestedById: uuid('requested_by_id'),
    requestedBy: text('requested_by'),
    /** Set when retention removed the archive. */
    removedAt: instant('removed_at'),
  },
  (table) => [
    index('backups_started_idx').on(table.startedAt.desc(), table.id.desc()),
    // At most one backup runs at a time; a second start fails on this index (409).
    uniqueIndex('backups_one_running').on(table.status).where(sql`${table.status} = 'running'`),
    check('backups_status_check', sql`${table.status} in ('running', 'succeeded', 'failed')`),
    check('backups_trigger_check', sql`${table.trigger} in ('manual', 'scheduled')`),
  ],
);

export type BackupRow = typeof backups.$inferSelect;
export type NewBackupRow = typeof backups.$inferInsert;
