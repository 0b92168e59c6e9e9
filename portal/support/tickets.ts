import { createHash } from 'node:crypto';
import { and, asc, desc, eq, notInArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { proposeSeverity } from '../../common/domain/severity';
import { responseDue } from '../../common/domain/ticket-clock';
import { severityIssues, ticketIssues, type TicketRuleIssue } from '../../common/domain/ticket-rules';
import type { Page } from '../../common/portal-api/common';
import {
  ATTACHMENT_MAX_BYTES,
  TICKET_ATTACHMENTS_MAX_BYTES,
  type AttachmentUpload,
  type CommentCreate,
  type Ticket,
  type TicketAttachment,
  type TicketComment,
  type TicketCreate,
  type TicketListQuery,
  type TicketSummary,
  type TicketUpdate,
} from '../../common/portal-api/support';
import { recordAudit } from '../audit';
import type { Actor } from '../auth/require-admin';
import { readTogether, type PortalDb, type PortalExecutor } from '../db/client';
import { newTimeOrderedId } from '../db/ids';
import { ticketAttachments, ticketComments, tickets, users, type TicketAttachmentRow, type TicketCommentRow, type TicketRow } from '../db/schema';
import { CursorTimestamp, decodeCursor, encodeCursor } from '../http/cursor';
import { problem } from '../http/problem';
import { readPortalSettings } from '../settings';

/** A ticket as stored, with the version behind its ETag. */
export interface StoredTicket {
  ticket: Ticket;
  version: number;
}

/** The outcome of a create under an Idempotency-Key: `replayed` when the key had been used before. */
export interface Created<T> {
  value: T;
  replayed: boolean;
}

const attachmentMetaColumns = {
  id: ticketAttachments.id,
  ticketId: ticketAttachments.ticketId,
  name: ticketAttachments.name,
  kind: ticketAttachments.kind,
  contentType: ticketAttachments.contentType,
  size: ticketAttachments.size,
  sha256: ticketAttachments.sha256,
  redaction: ticketAttachments.redaction,
  createdByLogin: ticketAttachments.createdByLogin,
  createdAt: ticketAttachments.createdAt,
};
type AttachmentMetaRow = Omit<TicketAttachmentRow, 'content' | 'idempotencyKey' | 'requestHash'>;

// Qualified by hand: drizzle renders a column of the selected table unqualified, which inside the
// subquery would bind to the subquery's own `id`.
const commentCount = sql<number>`(select count(*)::int from ticket_comments c where c.ticket_id = "tickets"."id")`;
const attachmentCount = sql<number>`(select count(*)::int from ticket_attachments a where a.ticket_id = "tickets"."id")`;
const unreadCount = sql<number>`(select count(*)::int from ticket_comments c where c.ticket_id = "tickets"."id" and c.read_at is null)`;

/** The columns of a ticket list row: the ticket and its counts. */
export const ticketListColumns = { row: tickets, comments: commentCount, attachments: attachmentCount, unread: unreadCount };

function iso(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}

export interface TicketCounts {
  comments: number;
  attachments: number;
  unread: number;
}

export function toSummary(row: TicketRow, counts: TicketCounts): TicketSummary {
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    status: row.status,
    severity: row.severity,
    proposedSeverity: row.proposedSeverity,
    system: row.system,
    area: row.area,
    supportPackage: row.supportPackage,
    firstResponseDueAt: iso(row.firstResponseDueAt),
    responseClock: row.responseClock,
    firstResponseAt: iso(row.firstResponseAt),
    closedAt: iso(row.closedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    createdBy: row.createdByLogin,
    commentCount: counts.comments,
    unreadCount: counts.unread,
    attachmentCount: counts.attachments,
  };
}

function toComment(row: TicketCommentRow): TicketComment {
  return {
    id: row.id,
    body: row.body,
    authorKind: row.authorKind,
    kind: row.kind,
    authorLogin: row.authorLogin,
    authorName: row.authorName,
    createdAt: row.createdAt.toISOString(),
    readAt: iso(row.readAt),
  };
}

function toAttachment(row: AttachmentMetaRow): TicketAttachment {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    contentType: row.contentType,
    size: row.size,
    sha256: row.sha256,
    redaction: row.redaction,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdByLogin,
  };
}

/** The audit snapshot of a ticket: what a change is about, never attachment contents. */
function auditView(ticket: Pick<Ticket, 'number' | 'subject' | 'status' | 'severity' | 'severityReason' | 'system'>) {
  return {
    number: ticket.number,
    subject: ticket.subject,
    status: ticket.status,
    severity: ticket.severity,
    severityReason: ticket.severityReason,
    system: ticket.system,
  };
}

export async function loadTicket(db: PortalExecutor, id: string): Promise<StoredTicket | null> {
  const [row] = await db.select().from(tickets).where(eq(tickets.id, id)).limit(1);
  if (row === undefined) return null;
  const [comments, attachments] = await readTogether(db, [
    () => db.select().from(ticketComments).where(eq(ticketComments.ticketId, id)).orderBy(asc(ticketComments.createdAt), asc(ticketComments.id)),
    () =>
      db
        .select(attachmentMetaColumns)
        .from(ticketAttachments)
        .where(eq(ticketAttachments.ticketId, id))
        .orderBy(asc(ticketAttachments.createdAt), asc(ticketAttachments.id)),
  ]);
  const ticket: Ticket = {
    ...toSummary(row, { comments: comments.length, attachments: attachments.length, unread: comments.filter((comment) => comment.readAt === null).length }),
    answers: row.answers,
    severityReason: row.severityReason,
    report: row.report,
    contact: row.contact,
    comments: comments.map(toComment),
    attachments: attachments.map(toAttachment),
  };
  return { ticket, version: row.version };
}

export async function requireTicket(db: PortalExecutor, id: string): Promise<StoredTicket> {
  const stored = await loadTicket(db, id);
  if (stored === null) throw problem(404, 'Not Found', { code: 'ticket_not_found', detail: 'There is no such ticket.' });
  return stored;
}

const TicketCursor = z.tuple([CursorTimestamp, z.uuid()]);

/** Newest first; the cursor is the (createdAt, id) of the previous page's last ticket. */
export async function listTickets(db: PortalExecutor, query: TicketListQuery): Promise<Page<TicketSummary>> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, TicketCursor);
  const conditions: SQL[] = [];
  if (query.status === 'active') conditions.push(notInArray(tickets.status, ['solved', 'closed']));
  else if (query.status !== undefined) conditions.push(eq(tickets.status, query.status));
  if (after !== undefined) conditions.push(sql`(${tickets.createdAt}, ${tickets.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`);
  const rows = await db
    .select(ticketListColumns)
    .from(tickets)
    .where(conditions.length === 0 ? undefined : and(...conditions))
    .orderBy(desc(tickets.createdAt), desc(tickets.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1)?.row;
  const nextCursor = rows.length > query.limit && last !== undefined ? encodeCursor([last.createdAt.toISOString(), last.id]) : null;
  return { items: items.map(({ row, ...counts }) => toSummary(row, counts)), nextCursor };
}

/** SHA-256 of the parsed request: a resend of the same request under the same key has the same hash. */
export function requestHashOf(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

function keyReused(): Error {
  return problem(422, 'Unprocessable Content', {
    code: 'idempotency_key_reused',
    detail: 'This Idempotency-Key was already used for a different request.',
  });
}

function rulesViolated(issues: TicketRuleIssue[]): Error {
  return problem(400, 'Bad Request', {
    code: 'ticket_rules_violated',
    detail: issues.map((issue) => issue.message).join(' '),
    errors: issues.map((issue) => ({ path: issue.path, message: issue.message })),
  });
}

interface DecodedAttachment {
  upload: AttachmentUpload;
  content: Buffer;
}

function mebibytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Decodes and checks the size limits: 10 MiB per file, 25 MiB per ticket (counting what it already has). */
function decodeAttachments(uploads: AttachmentUpload[], alreadyAttachedBytes: number): DecodedAttachment[] {
  const decoded = uploads.map((upload) => ({ upload, content: Buffer.from(upload.contentBase64, 'base64') }));
  for (const { upload, content } of decoded) {
    if (content.length > ATTACHMENT_MAX_BYTES) {
      throw problem(413, 'Content Too Large', {
        code: 'attachment_too_large',
        detail: `"${upload.name}" has ${content.length} bytes (${mebibytes(content.length)}); an attachment may have at most ${mebibytes(ATTACHMENT_MAX_BYTES)} (${ATTACHMENT_MAX_BYTES} bytes).`,
      });
    }
  }
  const total = decoded.reduce((sum, { content }) => sum + content.length, alreadyAttachedBytes);
  if (total > TICKET_ATTACHMENTS_MAX_BYTES) {
    throw problem(413, 'Content Too Large', {
      code: 'ticket_attachments_too_large',
      detail: `The attachments of a ticket may have at most ${mebibytes(TICKET_ATTACHMENTS_MAX_BYTES)} together; these would have ${mebibytes(total)}.`,
    });
  }
  return decoded;
}

function attachmentRow(ticketId: string, { upload, content }: DecodedAttachment, actor: Actor, now: Date, key: string | null, hash: string | null) {
  return {
    id: newTimeOrderedId(now.getTime()),
    ticketId,
    name: upload.name,
    kind: upload.kind,
    contentType: upload.contentType,
    size: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
    redaction: upload.redaction,
    content,
    createdByLogin: actor.login,
    idempotencyKey: key,
    requestHash: hash,
    createdAt: now,
  };
}

function isUniqueViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    if ((current as { code?: unknown }).code === '23505') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Runs `create` unless `key` was used before: then the earlier result is answered again (or 422 when the
 * key came with another request). Two racing requests with one key meet at the unique index; the loser
 * answers the winner's result.
 */
async function idempotent<T>(
  key: string | null,
  hash: string,
  findPrevious: (key: string) => Promise<{ requestHash: string | null; value: T } | null>,
  create: () => Promise<T>,
): Promise<Created<T>> {
  const replay = async (usedKey: string): Promise<Created<T> | null> => {
    const previous = await findPrevious(usedKey);
    if (previous === null) return null;
    if (previous.requestHash !== hash) throw keyReused();
    return { value: previous.value, replayed: true };
  };
  if (key !== null) {
    const earlier = await replay(key);
    if (earlier !== null) return earlier;
  }
  try {
    return { value: await create(), replayed: false };
  } catch (error) {
    if (key === null || !isUniqueViolation(error)) throw error;
    const earlier = await replay(key);
    if (earlier === null) throw error;
    return earlier;
  }
}

export interface CreateContext {
  db: PortalDb;
  actor: Actor;
  now: Date;
  idempotencyKey: string | null;
}

async function ticketByKey(db: PortalExecutor, key: string) {
  const [row] = await db.select({ id: tickets.id, requestHash: tickets.requestHash }).from(tickets).where(eq(tickets.idempotencyKey, key)).limit(1);
  if (row === undefined) return null;
  return { requestHash: row.requestHash, value: await requireTicket(db, row.id) };
}

export async function createTicket(ctx: CreateContext, input: TicketCreate): Promise<Created<StoredTicket>> {
  const hash = requestHashOf(input);
  return idempotent(ctx.idempotencyKey, hash, (key) => ticketByKey(ctx.db, key), async () => {
    // Severity and area only: how specific the report is, is advice and never refuses a ticket.
    const issues = ticketIssues({ answers: input.answers, areaKind: input.area.kind, severity: input.severity, severityReason: input.severityReason });
    if (issues.length > 0) throw rulesViolated(issues);
    const attachments = decodeAttachments(input.attachments, 0);
    const { supportPackage } = await readPortalSettings(ctx.db);
    const due = responseDue(ctx.now, supportPackage, input.severity);
    const id = newTimeOrderedId(ctx.now.getTime());
    await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(tickets)
        .values({
          id,
          subject: input.subject,
          system: input.answers.system,
          severity: input.severity,
          proposedSeverity: proposeSeverity(input.answers).severity,
          severityReason: input.severityReason,
          answers: input.answers,
          area: input.area,
          report: input.report,
          contact: input.contact,
          supportPackage,
          firstResponseDueAt: due.dueAt,
          responseClock: due.clock,
          createdById: ctx.actor.id,
          createdByLogin: ctx.actor.login,
          idempotencyKey: ctx.idempotencyKey,
          requestHash: hash,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning();
      if (attachments.length > 0) {
        await tx.insert(ticketAttachments).values(attachments.map((attachment) => attachmentRow(id, attachment, ctx.actor, ctx.now, null, null)));
      }
      await recordAudit(tx, {
        actor: ctx.actor,
        action: 'ticket.create',
        targetType: 'ticket',
        targetId: id,
        after: { ...auditView({ ...row!, severityReason: input.severityReason }), attachments: attachments.map((a) => a.upload.name) },
        at: ctx.now,
      });
    });
    return requireTicket(ctx.db, id);
  });
}

export interface UpdateContext {
  db: PortalDb;
  actor: Actor;
  now: Date;
  /** Enforces If-Match against the ticket as it is now (throws 428/412). */
  checkIfMatch(current: StoredTicket): void;
  etagOf(stored: StoredTicket): string;
}

function preconditionFailed(current: StoredTicket, etag: string): Error {
  return problem(412, 'Precondition Failed', {
    code: 'etag_mismatch',
    detail: 'The ticket was changed by someone else since it was read.',
    current: current.ticket,
    currentEtag: etag,
  });
}

export async function updateTicket(ctx: UpdateContext, id: string, update: TicketUpdate): Promise<StoredTicket> {
  const current = await requireTicket(ctx.db, id);
  ctx.checkIfMatch(current);
  const before = current.ticket;
  const severity = update.severity ?? before.severity;
  const severityReason = update.severityReason === undefined ? before.severityReason : update.severityReason;
  const issues = severityIssues({ answers: before.answers, severity, severityReason });
  if (issues.length > 0) throw rulesViolated(issues);
  const status = update.status ?? before.status;
  const due = responseDue(new Date(before.createdAt), before.supportPackage, severity);
  const closedAt = status === 'closed' ? (before.closedAt === null ? ctx.now : new Date(before.closedAt)) : null;
  const changed = await ctx.db.transaction(async (tx) => {
    const rows = await tx
      .update(tickets)
      .set({
        status,
        severity,
        severityReason,
        firstResponseDueAt: due.dueAt,
        responseClock: due.clock,
        closedAt,
        updatedAt: ctx.now,
        version: sql`${tickets.version} + 1`,
      })
      .where(and(eq(tickets.id, id), eq(tickets.version, current.version)))
      .returning({ id: tickets.id });
    if (rows.length === 0) return false;
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'ticket.update',
      targetType: 'ticket',
      targetId: id,
      before: auditView(before),
      after: auditView({ ...before, status, severity, severityReason }),
      at: ctx.now,
    });
    return true;
  });
  if (!changed) {
    const latest = await requireTicket(ctx.db, id);
    throw preconditionFailed(latest, ctx.etagOf(latest));
  }
  return requireTicket(ctx.db, id);
}

export function refuseWhenClosed(stored: StoredTicket): void {
  if (stored.ticket.status === 'closed') {
    throw problem(409, 'Conflict', { code: 'ticket_closed', detail: 'The ticket is closed; reopen it to add to it.' });
  }
}

export async function bumpTicket(tx: PortalExecutor, id: string, now: Date): Promise<void> {
  await tx.update(tickets).set({ updatedAt: now, version: sql`${tickets.version} + 1` }).where(eq(tickets.id, id));
}

/** The customer's reply to a request for information gives the ticket back to the desk. */
async function resumeWhenWaiting(tx: PortalExecutor, id: string): Promise<boolean> {
  const rows = await tx
    .update(tickets)
    .set({ status: 'in-progress' })
    .where(and(eq(tickets.id, id), eq(tickets.status, 'waiting-for-customer')))
    .returning({ id: tickets.id });
  return rows.length > 0;
}

async function displayNameOf(db: PortalExecutor, userId: string): Promise<string | null> {
  const [row] = await db.select({ displayName: users.displayName }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.displayName ?? null;
}

export async function addComment(ctx: CreateContext, ticketId: string, input: CommentCreate): Promise<Created<StoredTicket>> {
  const hash = requestHashOf({ ticketId, ...input });
  const findPrevious = async (key: string) => {
    const [row] = await ctx.db
      .select({ ticketId: ticketComments.ticketId, requestHash: ticketComments.requestHash })
      .from(ticketComments)
      .where(eq(ticketComments.idempotencyKey, key))
      .limit(1);
    return row === undefined ? null : { requestHash: row.requestHash, value: await requireTicket(ctx.db, row.ticketId) };
  };
  return idempotent(ctx.idempotencyKey, hash, findPrevious, async () => {
    refuseWhenClosed(await requireTicket(ctx.db, ticketId));
    const commentId = newTimeOrderedId(ctx.now.getTime());
    const authorName = await displayNameOf(ctx.db, ctx.actor.id);
    await ctx.db.transaction(async (tx) => {
      await tx.insert(ticketComments).values({
        id: commentId,
        ticketId,
        body: input.body,
        authorKind: 'admin',
        kind: 'message',
        authorId: ctx.actor.id,
        authorLogin: ctx.actor.login,
        authorName,
        readAt: ctx.now,
        idempotencyKey: ctx.idempotencyKey,
        requestHash: hash,
        createdAt: ctx.now,
      });
      const resumed = await resumeWhenWaiting(tx, ticketId);
      await bumpTicket(tx, ticketId, ctx.now);
      await recordAudit(tx, {
        actor: ctx.actor,
        action: 'ticket.comment',
        targetType: 'ticket',
        targetId: ticketId,
        after: { commentId, length: input.body.length, ...(resumed ? { status: 'in-progress' } : {}) },
        at: ctx.now,
      });
    });
    return requireTicket(ctx.db, ticketId);
  });
}

async function attachedBytes(db: PortalExecutor, ticketId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`coalesce(sum(${ticketAttachments.size}), 0)::int` })
    .from(ticketAttachments)
    .where(eq(ticketAttachments.ticketId, ticketId));
  return row?.total ?? 0;
}

export async function addAttachment(ctx: CreateContext, ticketId: string, upload: AttachmentUpload): Promise<Created<StoredTicket>> {
  const hash = requestHashOf({ ticketId, ...upload });
  const findPrevious = async (key: string) => {
    const [row] = await ctx.db
      .select({ ticketId: ticketAttachments.ticketId, requestHash: ticketAttachments.requestHash })
      .from(ticketAttachments)
      .where(eq(ticketAttachments.idempotencyKey, key))
      .limit(1);
    return row === undefined ? null : { requestHash: row.requestHash, value: await requireTicket(ctx.db, row.ticketId) };
  };
  return idempotent(ctx.idempotencyKey, hash, findPrevious, async () => {
    refuseWhenClosed(await requireTicket(ctx.db, ticketId));
    const [attachment] = decodeAttachments([upload], await attachedBytes(ctx.db, ticketId));
    const row = attachmentRow(ticketId, attachment!, ctx.actor, ctx.now, ctx.idempotencyKey, hash);
    await ctx.db.transaction(async (tx) => {
      await tx.insert(ticketAttachments).values(row);
      await bumpTicket(tx, ticketId, ctx.now);
      await recordAudit(tx, {
        actor: ctx.actor,
        action: 'ticket.attach',
        targetType: 'ticket',
        targetId: ticketId,
        after: { attachmentId: row.id, name: row.name, kind: row.kind, size: row.size, redactions: row.redaction.count },
        at: ctx.now,
      });
    });
    return requireTicket(ctx.db, ticketId);
  });
}

export async function attachmentContent(db: PortalExecutor, ticketId: string, attachmentId: string) {
  const [row] = await db
    .select({ name: ticketAttachments.name, contentType: ticketAttachments.contentType, content: ticketAttachments.content })
    .from(ticketAttachments)
    .where(and(eq(ticketAttachments.id, attachmentId), eq(ticketAttachments.ticketId, ticketId)))
    .limit(1);
  if (row === undefined) throw problem(404, 'Not Found', { code: 'attachment_not_found', detail: 'There is no such attachment on this ticket.' });
  return row;
}
