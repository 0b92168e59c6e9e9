import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { SecurityPolicy } from '../../../common/portal-api/security-policy';
import { versionColumn } from './columns';

export const releaseTracks = ['silent', 'steady'] as const;
export const portalEnvironments = ['prod', 'test', 'dev'] as const;
export const supportPackages = ['starter', 'advanced', 'professional', 'premium'] as const;

/** Singleton row (id = 1): the portal's identity and plan. */
export const portalSettings = pgTable(
  'portal_settings',
  {
    id: integer('id').primaryKey().default(1),
    /** Stays when the portal is renamed: what calendars know its maintenance events by (iCalendar UID). */
    instanceId: uuid('instance_id').notNull().defaultRandom(),
    name: text('name').notNull(),
    version: text('version').notNull(),
    track: text('track', { enum: releaseTracks }).notNull().default('silent'),
    environment: text('environment', { enum: portalEnvironments }).notNull().default('prod'),
    timeZone: text('time_zone').notNull().default('Europe/Berlin'),
    supportPackage: text('support_package', { enum: supportPackages }).notNull().default('starter'),
    /** ETag counter; `version` above is the portal software's release. */
    rowVersion: integer('row_version').notNull().default(1),
  },
  (table) => [
    check('portal_settings_singleton', sql`${table.id} = 1`),
    check('portal_settings_track_check', sql`${table.track} in ('silent', 'steady')`),
    check('portal_settings_environment_check', sql`${table.environment} in ('prod', 'test', 'dev')`),
    check(
      'portal_settings_support_package_check',
      sql`${table.supportPackage} in ('starter', 'advanced', 'professional', 'premium')`,
    ),
  ],
);

/** Singleton row (id = 1): the SecurityPolicy document, validated with zod on every read and write. */
export const securityPolicy = pgTable(
  'security_policy',
  {
    id: integer('id').primaryKey().default(1),
    document: jsonb('document').$type<SecurityPolicy>().notNull(),
    version: versionColumn(),
  },
  (table) => [check('security_policy_singleton', sql`${table.id} = 1`)],
);

export type PortalSettingsRow = typeof portalSettings.$inferSelect;
export type SecurityPolicyRow = typeof securityPolicy.$inferSelect;
