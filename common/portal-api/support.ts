import { z } from 'zod';
import { SeverityAnswers } from '../domain/severity';
import { Severity, SupportPackage } from '../domain/support-levels';
import { IsoDateTime, page, PageQuery } from './common';
import { PortalInfo } from './session';

/** Support tickets, their thread and attachments; the portal's server log; the diagnostics summary. */

const MiB = 1024 * 1024;
/** Size limits after redaction, checked by the console before sending and by the portal (413). */
export const ATTACHMENT_MAX_BYTES = 10 * MiB;
export const TICKET_ATTACHMENTS_MAX_BYTES = 25 * MiB;
export const TICKET_MAX_ATTACHMENTS = 20;

/** Base64 characters needed for `bytes` bytes (with padding). */
export function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

/** Bytes encoded by a padded base64 string, without decoding it. */
export function base64DecodedBytes(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}

/** A single character-class loop: a grouped pattern would overflow the regexp stack on 13 MB of base64. */
const BASE64_CHARACTERS = /^[A-Za-z0-9+/]*={0,2}$/;

export function isBase64(text: string): boolean {
  return text.length % 4 === 0 && BASE64_CHARACTERS.test(text);
}

export const TicketSystem = SeverityAnswers.shape.system;
export type TicketSystem = z.infer<typeof TicketSystem>;

/**
 * A ticket's way through the support desk: open (filed), in progress (an agent works on it), waiting for
 * the customer (an agent asked for information; the administrator's reply moves it back to in progress),
 * solved, closed. The first-response clock stops at the first agent message, or when the ticket is closed.
 */
export const TicketStatus = z.enum(['open', 'in-progress', 'waiting-for-customer', 'solved', 'closed']);
export type TicketStatus = z.infer<typeof TicketStatus>;

/** What an administrator may set: close a ticket, or reopen it. The other states are the desk's. */
export const AdminTicketStatus = z.enum(['open', 'closed']);
export type AdminTicketStatus = z.infer<typeof AdminTicketStatus>;

export const TicketArea = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('portal') }),
  z.object({
    kind: z.literal('application'),
    /** The portal's application, when it was picked from the list. */
    applicationId: z.uuid().nullable(),
    name: z.string().trim().min(1).max(200),
  }),
  z.object({ kind: z.literal('process'), name: z.string().trim().min(1).max(200) }),
]);
export type TicketArea = z.infer<typeof TicketArea>;

export const TicketReport = z.object({
  steps: z.string().max(10_000),
  expected: z.string().max(5_000),
  actual: z.string().max(5_000),
  details: z.string().max(20_000),
});
export type TicketReport = z.infer<typeof TicketReport>;

/** Who support can reach while the ticket is open. */
export const TicketContact = z
  .object({
    name: z.string().trim().min(1).max(200),
    email: z.union([z.email().max(254), z.literal('')]),
    phone: z.string().trim().max(50).regex(/^[0-9+()/\s-]*$/, 'Digits, spaces and + ( ) / - only'),
    /** When the contact can be reached, e.g. "Mo-Fr 8-18 Uhr, bis 20.3. auch am Wochenende". */
    availability: z.string().trim().min(3).max(500),
  })
  .refine((contact) => contact.email !== '' || contact.phone.trim() !== '', {
    path: ['email'],
    message: 'Give an e-mail address or a phone number',
  });
export type TicketContact = z.infer<typeof TicketContact>;

export const AttachmentKind = z.enum(['server-log', 'console-log', 'diagnostics', 'file']);
export type AttachmentKind = z.infer<typeof AttachmentKind>;

/** What secret redaction did to an attachment before it was sent (shown to the user first). */
export const RedactionSummary = z.object({
  /** False for binary files, which cannot be checked. */
  applied: z.boolean(),
  count: z.number().int().min(0),
  kinds: z.record(z.string(), z.number().int().min(0)),
});
export type RedactionSummary = z.infer<typeof RedactionSummary>;

export const AttachmentUpload = z.object({
  name: z.string().trim().min(1).max(255),
  kind: AttachmentKind,
  contentType: z.string().trim().min(1).max(200),
  /** Its size is checked after decoding, so an oversized file gets 413 rather than a validation error. */
  contentBase64: z.string().refine(isBase64, 'Not valid base64'),
  redaction: RedactionSummary,
});
export type AttachmentUpload = z.infer<typeof AttachmentUpload>;

/** The `Idempotency-Key` header of the creating POSTs: 8 to 200 printable ASCII characters. */
export const IdempotencyKey = z.string().regex(/^[\x21-\x7e]{8,200}$/, '8 to 200 printable ASCII characters');

/** POST /api/v1/tickets (send `Idempotency-Key` so a resend creates no second ticket). */
export const TicketCreate = z.object({
  subject: z.string().trim().min(5).max(200),
  answers: SeverityAnswers.extend({ concurrentFaults: z.number().int().min(0).max(1000) }),
  area: TicketArea,
  severity: Severity,
  severityReason: z.string().trim().max(2_000).nullable(),
  report: TicketReport,
  contact: TicketContact,
  attachments: z.array(AttachmentUpload).max(TICKET_MAX_ATTACHMENTS),
});
export type TicketCreate = z.infer<typeof TicketCreate>;

/** PATCH /api/v1/tickets/:id with If-Match. */
export const TicketUpdate = z
  .object({
    status: AdminTicketStatus.optional(),
    severity: Severity.optional(),
    severityReason: z.string().trim().max(2_000).nullable().optional(),
  })
  .refine((update) => Object.values(update).some((value) => value !== undefined), 'Change at least one field');
export type TicketUpdate = z.infer<typeof TicketUpdate>;

/** POST /api/v1/tickets/:id/comments. */
export const CommentCreate = z.object({ body: z.string().trim().min(1).max(20_000) });
export type CommentCreate = z.infer<typeof CommentCreate>;

export const TicketAttachment = z.object({
  id: z.string(),
  name: z.string(),
  kind: AttachmentKind,
  contentType: z.string(),
  size: z.number().int().min(0),
  sha256: z.string(),
  redaction: RedactionSummary,
  createdAt: IsoDateTime,
  createdBy: z.string().nullable(),
});
export type TicketAttachment = z.infer<typeof TicketAttachment>;

export const MessageAuthorKind = z.enum(['admin', 'agent']);
export type MessageAuthorKind = z.infer<typeof MessageAuthorKind>;
/** `info-request`: an agent asks the customer for information (the ticket then waits for the customer). */
export const MessageKind = z.enum(['message', 'info-request']);
export type MessageKind = z.infer<typeof MessageKind>;

/** One message of the ticket's conversation, from the administrator (the customer) or a support desk agent. */
export const TicketComment = z.object({
  id: z.string(),
  body: z.string(),
  authorKind: MessageAuthorKind,
  kind: MessageKind,
  authorLogin: z.string().nullable(),
  authorName: z.string().nullable(),
  createdAt: IsoDateTime,
  /** When the administrators' side read it; null: an agent's message not read yet. */
  readAt: IsoDateTime.nullable(),
});
export type TicketComment = z.infer<typeof TicketComment>;

export const ResponseClock = z.enum(['support-hours', '24/7']);

export const TicketSummary = z.object({
  id: z.string(),
  /** Human-readable ticket number. */
  number: z.number().int(),
  subject: z.string(),
  status: TicketStatus,
  severity: Severity,
  proposedSeverity: Severity,
  system: TicketSystem,
  area: TicketArea,
  /** The plan the deadline was computed with, at creation. */
  supportPackage: SupportPackage,
  /** Null: the package promises reasonable effort only for this severity. */
  firstResponseDueAt: IsoDateTime.nullable(),
  responseClock: ResponseClock.nullable(),
  firstResponseAt: IsoDateTime.nullable(),
  closedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  createdBy: z.string().nullable(),
  commentCount: z.number().int().min(0),
  /** Agent messages the administrators' side has not read yet. */
  unreadCount: z.number().int().min(0),
  attachmentCount: z.number().int().min(0),
});
export type TicketSummary = z.infer<typeof TicketSummary>;

export const Ticket = TicketSummary.extend({
  answers: SeverityAnswers,
  severityReason: z.string().nullable(),
  report: TicketReport,
  contact: TicketContact,
  comments: z.array(TicketComment),
  attachments: z.array(TicketAttachment),
});
export type Ticket = z.infer<typeof Ticket>;

/** Every status but solved and closed: what still needs the desk or the customer. */
export const ACTIVE_TICKET_FILTER = 'active';
export const TicketListFilter = z.union([TicketStatus, z.literal(ACTIVE_TICKET_FILTER)]);
export type TicketListFilter = z.infer<typeof TicketListFilter>;

/** GET /api/v1/tickets: newest first. */
export const TicketListQuery = PageQuery.extend({ status: TicketListFilter.optional() });
export type TicketListQuery = z.infer<typeof TicketListQuery>;
export const TicketPage = page(TicketSummary);
export type TicketPage = z.infer<typeof TicketPage>;

/**
 * PUT /api/v1/tickets/:id/read: marks agent messages read (or unread again): the given ones, or all of the
 * ticket when `messageIds` is absent.
 */
export const TicketReadUpdate = z.object({
  read: z.boolean(),
  messageIds: z.array(z.uuid()).min(1).max(500).optional(),
});
export type TicketReadUpdate = z.infer<typeof TicketReadUpdate>;

/**
 * GET /api/v1/support/activity: what the console polls. One aggregate query; its `revision` is the ETag,
 * so a poll with If-None-Match answers 304 without a body while nothing changed.
 */
export const SupportActivity = z.object({
  /** Changes whenever a ticket, a message or a read mark changes. */
  revision: z.string(),
  /** Unread agent messages over all tickets. */
  unreadTotal: z.number().int().min(0),
  /** Tickets with unread agent messages. */
  unreadTickets: z.array(z.object({ id: z.string(), number: z.number().int(), unread: z.number().int().min(1) })),
});
export type SupportActivity = z.infer<typeof SupportActivity>;

/** GET /api/v1/support/areas: what a ticket can name as affected area. */
export const SupportAreas = z.object({
  applications: z.array(z.object({ id: z.string(), name: z.string(), description: z.string() })),
});
export type SupportAreas = z.infer<typeof SupportAreas>;

export const ServerLogLevel = z.enum(['debug', 'info', 'warn', 'error']);
export type ServerLogLevel = z.infer<typeof ServerLogLevel>;

export const ServerLogEntry = z.object({
  /** Increasing sequence number; the cursor of the log. */
  seq: z.number().int(),
  at: IsoDateTime,
  level: ServerLogLevel,
  message: z.string(),
  context: z.record(z.string(), z.unknown()).optional(),
});
export type ServerLogEntry = z.infer<typeof ServerLogEntry>;

/** GET /api/v1/logs: oldest first within [from, to], at `level` or above, optionally containing a text. */
export const ServerLogQuery = z.object({
  from: IsoDateTime,
  to: IsoDateTime,
  level: ServerLogLevel.default('debug'),
  /** Case-insensitive text the message or the context must contain; empty means no filter. */
  contains: z.string().trim().max(200).optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export type ServerLogQuery = z.infer<typeof ServerLogQuery>;
export const ServerLogPage = page(ServerLogEntry);
export type ServerLogPage = z.infer<typeof ServerLogPage>;

export const HealthCheckResult = z.object({
  name: z.string(),
  status: z.enum(['ok', 'warn', 'fail']),
  detail: z.string(),
  durationMs: z.number().min(0),
});
export type HealthCheckResult = z.infer<typeof HealthCheckResult>;

/** GET /api/v1/diagnostics: what support asks for first. */
export const Diagnostics = z.object({
  generatedAt: IsoDateTime,
  startedAt: IsoDateTime,
  uptimeSeconds: z.number().min(0),
  portal: PortalInfo,
  runtime: z.object({
    node: z.string(),
    platform: z.string(),
    arch: z.string(),
    memoryRssBytes: z.number().int().min(0),
    heapUsedBytes: z.number().int().min(0),
  }),
  database: z.object({
    /** `select version()`. */
    server: z.string().nullable(),
    sizeBytes: z.number().int().min(0).nullable(),
    migrationsApplied: z.number().int().min(0).nullable(),
  }),
  counts: z.object({
    users: z.number().int().min(0),
    activeSessions: z.number().int().min(0),
    openTickets: z.number().int().min(0),
  }),
  serverLog: z.object({
    entries: z.number().int().min(0),
    oldestAt: IsoDateTime.nullable(),
    persistent: z.boolean(),
    errorsLastHour: z.number().int().min(0),
    warningsLastHour: z.number().int().min(0),
  }),
  checks: z.array(HealthCheckResult),
});
export type Diagnostics = z.infer<typeof Diagnostics>;
