import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, updatedAt } from './columns';

/** Support desk agents: the vendor's side of a ticket, with their own sign-in, never portal administrators. */
export const supportAgents = pgTable(
  'support_agents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    login: text('login').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [uniqueIndex('support_agents_login_unique').on(sql`lower(${table.login})`)],
);

/** Bearer sessions of agents (only the SHA-256 of the token), apart from the administrators' sessions. */
export const agentSessions = pgTable(
  'agent_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => supportAgents.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: instant('expires_at').notNull(),
  },
  (table) => [index('agent_sessions_agent_idx').on(table.agentId)],
);

export type SupportAgentRow = typeof supportAgents.$inferSelect;
