import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, updatedAt, versionColumn } from './columns';

export const outageSeverityValues = ['critical', 'major', 'other'] as const;

/**
 * Outages of the instance as support engineers record them; the availability per month is computed from the
 * critical ones (service description 2.4.5). `ended_at` is null while the outage goes on.
 */
export const outages = pgTable(
  'outages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    startedAt: instant('started_at').notNull(),
    endedAt: instant('ended_at'),
    severity: text('severity', { enum: outageSeverityValues }).notNull(),
    cause: text('cause').notNull(),
    /** Caused by a fault in a component the customer developed: recorded, never counted. */
    customerComponent: boolean('customer_component').notNull().default(false),
    recordedBy: text('recorded_by').notNull(),
    closedBy: text('closed_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: versionColumn(),
  },
  (table) => [
    index('outages_started_idx').on(table.startedAt.desc(), table.id.desc()),
    check('outages_severity_check', sql`${table.severity} in ('critical', 'major', 'other')`),
    check('outages_end_after_start', sql`${table.endedAt} is null or ${table.endedAt} > ${table.startedAt}`),
  ],
);

export type OutageRow = typeof outages.$inferSelect;
