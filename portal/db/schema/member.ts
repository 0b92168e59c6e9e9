import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant } from './columns';
import { users } from './users';

/**
 * Sessions of the member side (/member/api/v1): a table of their own, so a member token is never looked up by the
 * admin API and an admin token never by the member API. Only the SHA-256 of the token is stored.
 */
export const memberSessions = pgTable(
  'member_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: instant('expires_at').notNull(),
  },
  (table) => [index('member_sessions_user_idx').on(table.userId), index('member_sessions_expires_idx').on(table.expiresAt)],
);

export type MemberSessionRow = typeof memberSessions.$inferSelect;

/**
 * The items of the portal functions (news, calendar, contacts, links, databases, discussions ...), one generic table:
 * `function` is a key of `portalFunctions`; `startsAt` is used by calendar items, `url` by links.
 */
export const functionItems = pgTable(
  'function_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    function: text('function').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    url: text('url'),
    startsAt: instant('starts_at'),
    /** The member who added it; null for a guest or once the account is deleted (the name stays). */
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    authorName: text('author_name').notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    check(
      'function_items_function_check',
      sql`${table.function} in ('news', 'calendar', 'contacts', 'databases', 'discussions', 'documents', 'photos', 'tasks', 'links', 'surveys')`,
    ),
    index('function_items_function_created_idx').on(table.function, table.createdAt.desc(), table.id.desc()),
  ],
);

export type FunctionItemRow = typeof functionItems.$inferSelect;
