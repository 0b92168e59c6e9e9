import { sql, type SQL } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, updatedAt, versionColumn } from './columns';
import { emailMissingKey, emailSortKey, lastLoginSortKey, nameSortKey, searchBigrams, searchText, statusRankKey } from './user-sort-keys';

export const userLanguages = ['de', 'en'] as const;

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    login: text('login').notNull(),
    displayName: text('display_name').notNull(),
    email: text('email'),
    language: text('language', { enum: userLanguages }).notNull().default('de'),
    enabled: boolean('enabled').notNull().default(true),
    isAdmin: boolean('is_admin').notNull().default(false),
    /** The admin API areas of an administrator (common/domain/admin-areas); null = full administrator (every area). */
    adminAreas: text('admin_areas').array(),
    /** `scrypt$N$r$p$salt$hash`; null = no password set yet (cannot sign in). */
    passwordHash: text('password_hash'),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    /**
     * SHA-256 (hex) of a one-time activation code for the first sign-in of an account without a password
     * (imported ones). 128+ random bits, so a fast hash suffices; null once spent or when none was issued.
     */
    activationCodeHash: text('activation_code_hash'),
    /** When the activation code stops signing in (ACTIVATION_CODE_VALID_DAYS after it was issued). */
    activationCodeExpiresAt: instant('activation_code_expires_at'),
    passwordChangedAt: instant('password_changed_at'),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: instant('locked_until'),
    lastLoginAt: instant('last_login_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: versionColumn(),
    /** Lower-case name, login and e-mail, kept by PostgreSQL: what search as you type matches (trigram index). */
    searchText: text('search_text').generatedAlwaysAs((): SQL => searchText(users)),
  },
  (table) => [
    uniqueIndex('users_login_lower_unique').on(sql`lower(${table.login})`),
    check('users_language_check', sql`${table.language} in ('de', 'en')`),
    check('users_failed_attempts_check', sql`${table.failedAttempts} >= 0`),
    // User list: keyset paging per sort key (see user-sort-keys.ts), substring search, lock filter.
    index('users_name_sort_idx').on(nameSortKey(table), table.id),
    index('users_email_sort_idx').on(emailMissingKey(table), emailSortKey(table), table.id),
    index('users_last_login_sort_idx').on(lastLoginSortKey(table), table.id),
    index('users_status_sort_idx').on(statusRankKey(table), nameSortKey(table), table.id),
    index('users_search_text_trgm_idx').using('gin', sql`${table.searchText} gin_trgm_ops`),
    index('users_search_bigrams_idx').using('gin', searchBigrams(table)),
    index('users_locked_until_idx').on(table.lockedUntil).where(sql`${table.lockedUntil} is not null`),
  ],
);

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;
