import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { versionColumn } from './columns';
import { users } from './users';

export const principalKinds = ['group', 'role', 'distribution_list'] as const;
export type PrincipalKind = (typeof principalKinds)[number];

/** Groups, roles and distribution lists: the holders of rights. */
export const principals = pgTable(
  'principals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: principalKinds }).notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    version: versionColumn(),
  },
  (table) => [
    uniqueIndex('principals_kind_name_unique').on(table.kind, sql`lower(${table.name})`),
    check('principals_kind_check', sql`${table.kind} in ('group', 'role', 'distribution_list')`),
  ],
);

/** A container principal holds either a user or another principal (nesting), never both. */
export const principalMembers = pgTable(
  'principal_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    containerId: uuid('container_id')
      .notNull()
      .references(() => principals.id, { onDelete: 'cascade' }),
    memberUserId: uuid('member_user_id').references(() => users.id, { onDelete: 'cascade' }),
    memberPrincipalId: uuid('member_principal_id').references(() => principals.id, { onDelete: 'cascade' }),
  },
  (table) => [
    check(
      'principal_members_exactly_one_member',
      sql`(${table.memberUserId} is null) <> (${table.memberPrincipalId} is null)`,
    ),
    check('principal_members_not_self', sql`${table.memberPrincipalId} is distinct from ${table.containerId}`),
    uniqueIndex('principal_members_user_unique').on(table.containerId, table.memberUserId),
    uniqueIndex('principal_members_principal_unique').on(table.containerId, table.memberPrincipalId),
    index('principal_members_user_idx').on(table.memberUserId),
    index('principal_members_principal_idx').on(table.memberPrincipalId),
  ],
);

export type PrincipalRow = typeof principals.$inferSelect;
export type NewPrincipalRow = typeof principals.$inferInsert;
export type PrincipalMemberRow = typeof principalMembers.$inferSelect;
