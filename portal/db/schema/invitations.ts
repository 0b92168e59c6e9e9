import { sql } from 'drizzle-orm';
import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, versionColumn } from './columns';
import { users } from './users';

/**
 * Invitations to register while the membership mode is `invitation`. Only the SHA-256 of the one-time
 * code is kept (like activation codes); the code is shown to the inviting administrator once.
 */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    displayName: text('display_name'),
    /** The inviting administrator; null once that account is deleted (the login stays for the list). */
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    invitedByLogin: text('invited_by_login').notNull(),
    createdAt: createdAt(),
    expiresAt: instant('expires_at').notNull(),
    codeHash: text('code_hash').notNull(),
    acceptedAt: instant('accepted_at'),
    /** The account registered with this invitation. */
    acceptedUserId: uuid('accepted_user_id').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: instant('revoked_at'),
    version: versionColumn(),
  },
  (table) => [
    uniqueIndex('invitations_code_hash_unique').on(table.codeHash),
    index('invitations_created_id_idx').on(table.createdAt.desc(), table.id.desc()),
  ],
);

export type InvitationRow = typeof invitations.$inferSelect;

/**
 * Requests for an invitation (security sheet: "Jeder kann eine Einladung anfordern"), made by anyone on the public
 * API while the policy allows them; an administrator grants one (which creates an invitation) or refuses it.
 * One undecided request per e-mail address: asking again while one waits adds nothing.
 */
export const invitationRequests = pgTable(
  'invitation_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    displayName: text('display_name'),
    message: text('message'),
    createdAt: createdAt(),
    /** `granted` or `refused`; null while it waits. */
    decision: text('decision'),
    decidedAt: instant('decided_at'),
    decidedByLogin: text('decided_by_login'),
    /** The invitation a grant created. */
    invitationId: uuid('invitation_id').references(() => invitations.id, { onDelete: 'set null' }),
    version: versionColumn(),
  },
  (table) => [
    uniqueIndex('invitation_requests_waiting_email_unique').on(sql`lower(${table.email})`).where(sql`${table.decision} is null`),
    index('invitation_requests_created_id_idx').on(table.createdAt.desc(), table.id.desc()),
  ],
);

export type InvitationRequestRow = typeof invitationRequests.$inferSelect;
