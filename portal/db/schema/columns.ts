import { integer, timestamp } from 'drizzle-orm/pg-core';

/**
 * Timestamps keep millisecond precision so values written from a JS Date (and cursors built from them)
 * round-trip exactly.
 */
export function instant(name: string) {
  return timestamp(name, { withTimezone: true, precision: 3, mode: 'date' });
}

/** Optimistic-concurrency counter behind every ETag. */
export function versionColumn() {
  return integer('version').notNull().default(1);
}

export function createdAt() {
  return instant('created_at').notNull().defaultNow();
}

export function updatedAt() {
  return instant('updated_at').notNull().defaultNow();
}
