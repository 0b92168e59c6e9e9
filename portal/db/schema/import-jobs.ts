import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { ImportIssue } from '../../../common/portal-api/users';
import { instant } from './columns';

export const importJobStateValues = ['running', 'done', 'failed', 'interrupted'] as const;

/**
 * User imports as rows: written when the job starts, updated in the same transaction as each batch it
 * commits (so `processed`/`created` never run ahead of the data), closed when it ends. A row still
 * `running` when the portal starts was cut off by a crash and becomes `interrupted`.
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
  },
  (table) => [
    index('import_jobs_started_idx').on(table.startedAt.desc()),
    check('import_jobs_state_check', sql`${table.state} in ('running', 'done', 'failed', 'interrupted')`),
  ],
);

export type ImportJobRow = typeof importJobs.$inferSelect;
