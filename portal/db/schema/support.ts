import { sql } from 'drizzle-orm';
import { check, customType, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { SeverityAnswers } from '../../../common/domain/severity';
import type { RedactionSummary, TicketArea, TicketContact, TicketReport } from '../../../common/portal-api/support';
import { createdAt, instant, updatedAt, versionColumn } from './columns';

export const ticketStatuses = ['open', 'in-progress', 'waiting-for-customer', 'solved', 'closed'] as const;
export const ticketSystems = ['production', 'test', 'dev'] as const;
export const ticketSeverities = ['critical', 'major', 'other'] as const;
export const ticketSupportPackages = ['starter', 'advanced', 'professional', 'premium'] as const;
export const responseClocks = ['support-hours', '24/7'] as const;
export const attachmentKinds = ['server-log', 'console-log', 'diagnostics', 'file'] as const;
/** Who wrote a thread message: the portal's administrator (the customer) or a support desk agent. */
export const messageAuthorKinds = ['admin', 'agent'] as const;
/** A plain message, or an agent's request for information (the ticket then waits for the customer). */
export const messageKinds = ['message', 'info-request'] as const;

/** PGlite hands bytea out as Uint8Array, node-postgres as Buffer: both become a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

function inList(column: unknown, values: readonly string[]) {
  return sql`${column} in (${sql.raw(values.map((value) => `'${value}'`).join(', '))})`;
}

export const tickets = pgTable(
  'tickets',
  {
    /** Time-ordered (UUIDv7), the tie-breaker of "newest first". */
    id: uuid('id').primaryKey(),
    number: integer('number').notNull().generatedAlwaysAsIdentity({ startWith: 1001 }),
    subject: text('subject').notNull(),
    status: text('status', { enum: ticketStatuses }).notNull().default('open'),
    system: text('system', { enum: ticketSystems }).notNull(),
    severity: text('severity', { enum: ticketSeverities }).notNull(),
    proposedSeverity: text('proposed_severity', { enum: ticketSeverities }).notNull(),
    severityReason: text('severity_reason'),
    answers: jsonb('answers').$type<SeverityAnswers>().notNull(),
    area: jsonb('area').$type<TicketArea>().notNull(),
    report: jsonb('report').$type<TicketReport>().notNull(),
    contact: jsonb('contact').$type<TicketContact>().notNull(),
    supportPackage: text('support_package', { enum: ticketSupportPackages }).notNull(),
    firstResponseDueAt: instant('first_response_due_at'),
    responseClock: text('response_clock', { enum: responseClocks }),
    firstResponseAt: instant('first_response_at'),
    closedAt: instant('closed_at'),
    createdById: uuid('created_by_id'),
    createdByLogin: text('created_by_login'),
    /** The client's Idempotency-Key: a resend after a crash finds the ticket instead of creating a second one. */
    idempotencyKey: text('idempotency_key'),
    /** SHA-256 of the request the key was first used with; another request under the same key is refused. */
    requestHash: text('request_hash'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: versionColumn(),
  },
  (table) => [
    uniqueIndex('tickets_idempotency_key_unique').on(table.idempotencyKey),
    uniqueIndex('tickets_number_unique').on(table.number),
    index('tickets_created_idx').on(table.createdAt.desc(), table.id.desc()),
    index('tickets_status_created_idx').on(table.status, table.createdAt.desc(), table.id.desc()),
    check('tickets_status_check', inList(table.status, ticketStatuses)),
    check('tickets_system_check', inList(table.system, ticketSystems)),
    check('tickets_severity_check', inList(table.severity, ticketSeverities)),
    check('tickets_proposed_severity_check', inList(table.proposedSeverity, ticketSeverities)),
    check('tickets_support_package_check', inList(table.supportPackage, ticketSupportPackages)),
    // The service description: only a production portal can have a critical fault.
    check('tickets_critical_only_production', sql`${table.severity} <> 'critical' or ${table.system} = 'production'`),
  ],
);

export const ticketComments = pgTable(
  'ticket_comments',
  {
    id: uuid('id').primaryKey(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    authorId: uuid('author_id'),
    authorLogin: text('author_login'),
    authorName: text('author_name'),
    authorKind: text('author_kind', { enum: messageAuthorKinds }).notNull().default('admin'),
    kind: text('kind', { enum: messageKinds }).notNull().default('message'),
    /** When the administrators' side read it; an agent's message is unread (null) until then. */
    readAt: instant('read_at'),
    idempotencyKey: text('idempotency_key'),
    requestHash: text('request_hash'),
    createdAt: createdAt(),
  },
  (table) => [
    index('ticket_comments_ticket_idx').on(table.ticketId, table.createdAt, table.id),
    uniqueIndex('ticket_comments_idempotency_key_unique').on(table.idempotencyKey),
    index('ticket_comments_unread_idx').on(table.ticketId).where(sql`${table.readAt} is null`),
    check('ticket_comments_author_kind_check', inList(table.authorKind, messageAuthorKinds)),
    check('ticket_comments_kind_check', inList(table.kind, messageKinds)),
  ],
);

export const ticketAttachments = pgTable(
  'ticket_attachments',
  {
    id: uuid('id').primaryKey(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind', { enum: attachmentKinds }).notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    redaction: jsonb('redaction').$type<RedactionSummary>().notNull(),
    content: bytea('content').notNull(),
    createdByLogin: text('created_by_login'),
    idempotencyKey: text('idempotency_key'),
    requestHash: text('request_hash'),
    createdAt: createdAt(),
  },
  (table) => [
    index('ticket_attachments_ticket_idx').on(table.ticketId, table.createdAt, table.id),
    uniqueIndex('ticket_attachments_idempotency_key_unique').on(table.idempotencyKey),
    check('ticket_attachments_kind_check', inList(table.kind, attachmentKinds)),
    check('ticket_attachments_size_check', sql`${table.size} >= 0`),
  ],
);

export type TicketRow = typeof tickets.$inferSelect;
export type NewTicketRow = typeof tickets.$inferInsert;
export type TicketCommentRow = typeof ticketComments.$inferSelect;
export type TicketAttachmentRow = typeof ticketAttachments.$inferSelect;
