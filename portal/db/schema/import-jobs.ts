import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { ImportUser } from '../../../common/domain/user-import';
import type { ImportIssue } from '../../../common/portal-api/users';
import { instant } from './columns';

/** A row the job still has to write (what the plan decided; checked before the job started). */
export interface PlannedImportRow {
  row: number;
  user: ImportUser;
  groupIds: string[];
}

export const importJobStateValues = ['running', 'done', 'failed', 'interrupted'] as const;

/**
 * User imports as rows: written when the job starts, updated in the same transaction as each batch it
 * commits (so `processed`/`created` never run ahead of the data), closed when it ends. A row still
 * `running` when the portal starts was cut off by a crash and becomes `interrupted`. `planned` holds the
 * rows to write so an interrupted job can resume after its last committed batch (`plannedDone` of them
 * written); it is cleared when the job ends, so a finished job keeps no personal data here.
 */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: uuid('id').primaryKey(),
    state: text('state', { enum: importJobStateValues }).notNull(),
    actorId: uuid('actor_id'),
    actorLogin: text('actor_login').notNull(),
    total: integer('total').notNull(),
    processed: integer('processed').notNull().default(0),
    created: integer('created').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    issues: jsonb('issues').$type<ImportIssue[]>().notNull().default([]),
    error: text('error'),
    startedAt: instant('started_at').notNull(),
    finishedAt: instant('finished_at'),
    planned: jsonb('planned').$type<PlannedImportRow[]>(),
    plannedDone: integer('planned_done').notNull().default(0),
  },
  (table) => [
    index('import_jobs_started_idx').on(table.startedAt.desc()),
    check('import_jobs_state_check', sql`${table.state} in ('running', 'done', 'failed', 'interrupted')`),
  ],
);

export type ImportJobRow = typeof importJobs.$inferSelect;
