import { z } from 'zod';
import { Severity } from '../domain/support-levels';
import { ConsoleErrorShape } from '../errors';
import { IsoDateTime, versioned } from '../portal-api/common';
import {
  ATTACHMENT_MAX_BYTES,
  AttachmentKind,
  base64Length,
  CommentCreate,
  IdempotencyKey,
  RedactionSummary,
  ServerLogLevel,
  SupportAreas,
  Ticket,
  TICKET_MAX_ATTACHMENTS,
  TicketCreate,
  TicketPage,
  SupportActivity,
  TicketListFilter,
  TicketReadUpdate,
  TicketUpdate,
} from '../portal-api/support';
import { call, Empty, Ok } from './define';

/** The encodings a text file is recognised in; its redacted text is always sent as UTF-8. */
export const TextEncodingName = z.enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252']);
export type TextEncodingName = z.infer<typeof TextEncodingName>;

/**
 * An attachment prepared in main: redacted, size-checked, and shown to the user (preview plus the
 * count of redactions per kind) before anything is sent. Only the preview crosses to the renderer.
 */
export const StagedAttachment = z.object({
  id: z.string(),
  name: z.string(),
  kind: AttachmentKind,
  contentType: z.string(),
  /** Bytes that will be sent (after redaction). */
  size: z.number().int().min(0),
  redaction: RedactionSummary,
  /** The beginning of the redacted text; empty for binary files. */
  preview: z.string(),
  previewTruncated: z.boolean(),
  binary: z.boolean(),
  /** Log attachments: how many entries the time range held. */
  entries: z.number().int().min(0).nullable(),
  /** Files read as text: the encoding they were in (they are sent as UTF-8); null for generated texts and binary files. */
  sourceEncoding: TextEncodingName.nullable(),
});
export type StagedAttachment = z.infer<typeof StagedAttachment>;

/** A new ticket as the form sends it: the attachments are the ids of staged ones. */
export const TicketDraft = TicketCreate.omit({ attachments: true }).extend({
  attachmentIds: z.array(z.string()).max(TICKET_MAX_ATTACHMENTS),
  /** Binary attachments (not checkable for secrets) the administrator confirmed to send without redaction. */
  unredactedAttachmentIds: z.array(z.string()).max(TICKET_MAX_ATTACHMENTS),
});
export type TicketDraft = z.infer<typeof TicketDraft>;

/**
 * A ticket written for a profile the console is not signed in to (its portal may be down): it goes to
 * that profile's outbox and is sent after the next successful sign-in to it.
 */
export const OfflineTicketDraft = TicketDraft.extend({ profileId: z.string().min(1) });
export type OfflineTicketDraft = z.infer<typeof OfflineTicketDraft>;

export const OutboxState = z.enum(['pending', 'sending', 'waiting-for-sign-in', 'rejected']);
export type OutboxState = z.infer<typeof OutboxState>;

/** A ticket kept on disk until the portal has it. */
export const OutboxEntry = z.object({
  id: z.string(),
  subject: z.string(),
  severity: Severity,
  profileId: z.string(),
  profileName: z.string(),
  createdAt: IsoDateTime,
  attempts: z.number().int().min(0),
  lastAttemptAt: IsoDateTime.nullable(),
  nextAttemptAt: IsoDateTime.nullable(),
  state: OutboxState,
  lastError: ConsoleErrorShape.nullable(),
  attachmentCount: z.number().int().min(0),
  attachmentBytes: z.number().int().min(0),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

export const CreateTicketResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('sent'), ticket: versioned(Ticket) }),
  /** The portal was unreachable: the ticket waits in the outbox and is sent when it is back. */
  z.object({ outcome: z.literal('queued'), entry: OutboxEntry }),
]);
export type CreateTicketResult = z.infer<typeof CreateTicketResult>;

const rangeInOrder = (range: { from: string; to: string }) => Date.parse(range.from) <= Date.parse(range.to);
const rangeMessage = { message: 'The start must not lie after the end', path: ['from'] };

export const StageServerLog = z
  .object({ from: IsoDateTime, to: IsoDateTime, level: ServerLogLevel })
  .refine(rangeInOrder, rangeMessage);
export const StageConsoleLog = z.object({ from: IsoDateTime, to: IsoDateTime }).refine(rangeInOrder, rangeMessage);

export const StageFile = z.object({
  name: z.string().trim().min(1).max(255),
  contentType: z.string().max(200),
  /** Checked against the limit in main too; this only bounds what may cross the bridge. */
  dataBase64: z.string().max(base64Length(ATTACHMENT_MAX_BYTES) + 4, 'A file may have at most 10 MiB'),
});
export type StageFile = z.infer<typeof StageFile>;

const TicketId = z.object({ id: z.string().min(1) });
const AttachmentRef = z.object({ ticketId: z.string().min(1), attachmentId: z.string().min(1) });

export const supportContract = {
  /** Applications a ticket can name as affected area. */
  'support:areas': call(Empty, SupportAreas, 'read'),
  'support:list': call(
    z.object({ cursor: z.string().optional(), limit: z.number().int().min(1).max(200).optional(), status: TicketListFilter.optional() }),
    TicketPage,
    'read',
  ),
  /**
   * What the console polls for answers from the support desk: unread agent messages and a revision. Main asks
   * the portal with If-None-Match, so an unchanged poll is a 304 without a body.
   */
  'support:activity': call(Empty, SupportActivity, 'read'),
  /** Marks the ticket's agent messages read (or unread again): all of them, or the ones named. */
  'support:markRead': call(z.object({ ticketId: z.string().min(1) }).extend(TicketReadUpdate.shape), versioned(Ticket), 'write'),
  'support:get': call(TicketId, versioned(Ticket), 'read'),
  /** Sends the ticket, or keeps it in the outbox when the portal cannot be reached. */
  'support:create': call(TicketDraft, CreateTicketResult, 'write'),
  'support:update': call(z.object({ id: z.string().min(1), ifMatch: z.string().min(1), change: TicketUpdate }), versioned(Ticket), 'write'),
  /** `idempotencyKey`: one per comment the user writes, kept for its retries, so a retry adds no second comment. */
  'support:comment': call(z.object({ ticketId: z.string().min(1), idempotencyKey: IdempotencyKey }).extend(CommentCreate.shape), versioned(Ticket), 'write'),
  /** Attaches a staged attachment to an existing ticket; a retry of the same staged attachment attaches it once. */
  'support:attach': call(
    z.object({
      ticketId: z.string().min(1),
      attachmentId: z.string().min(1),
      /** Required for a binary file: the administrator confirmed to send it without redaction. */
      unredactedConfirmed: z.boolean().optional(),
    }),
    versioned(Ticket),
    'write',
  ),
  /** The text of an attachment (the beginning, for large ones). */
  'support:attachmentText': call(AttachmentRef, z.object({ text: z.string(), truncated: z.boolean(), binary: z.boolean() }), 'read'),
  'support:stageServerLog': call(StageServerLog, StagedAttachment, 'local'),
  'support:stageConsoleLog': call(StageConsoleLog, StagedAttachment, 'local'),
  /** Console and portal facts; `profileId` names the portal when not signed in (its reachability is checked). */
  'support:stageDiagnostics': call(z.object({ profileId: z.string().min(1).optional() }).strict(), StagedAttachment, 'local'),
  /** The signed-in portal's diagnostics bundle (a redacted zip), staged for a ticket. */
  'support:stageBundle': call(Empty, StagedAttachment, 'read'),
  'support:stageFile': call(StageFile, StagedAttachment, 'local'),
  'support:unstage': call(z.object({ id: z.string().min(1) }), Ok, 'local'),
  /** Queues a ticket for a profile without being signed in; it is sent after the next sign-in to that profile. */
  'support:queueOffline': call(OfflineTicketDraft, OutboxEntry, 'write'),
  'support:outbox': call(Empty, z.array(OutboxEntry), 'read'),
  /** "Send now": tries the given entry (or all) at once, whatever the backoff says. */
  'support:sendOutbox': call(z.object({ id: z.string().optional() }), z.object({ sent: z.number().int().min(0), entries: z.array(OutboxEntry) }), 'write'),
  'support:discardOutbox': call(z.object({ id: z.string().min(1) }), Ok, 'local'),
};
