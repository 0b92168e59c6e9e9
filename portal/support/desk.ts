import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, isNull, notInArray, sql, type SQL } from 'drizzle-orm';
import type { DeskAgent, DeskQueue, DeskQueueQuery, DeskStatusChange } from '../../common/portal-api/desk';
import type { MessageKind, SupportActivity, TicketReadUpdate, TicketStatus } from '../../common/portal-api/support';
import { recordAudit } from '../audit';
import type { Actor } from '../auth/require-admin';
import { readTogether, type PortalDb, type PortalExecutor } from '../db/client';
import { newTimeOrderedId } from '../db/ids';
import { ticketComments, tickets } from '../db/schema';
import { problem } from '../http/problem';
import { agentActor } from './agents';
import { refuseWhenClosed, requireTicket, ticketListColumns, toSummary, type StoredTicket } from './tickets';

/**
 * The support desk's work on tickets: the queue, answers and requests for information (the first agent
 * message records `firstResponseAt`, which stops the first-response clock), status changes; and the
 * administrators' side of the conversation: read marks and the cheap activity summary the console polls.
 */

const DONE: TicketStatus[] = ['solved', 'closed'];

/** Critical first, then major, then other. */
const severityRank = sql`case ${tickets.severity} when 'critical' then 0 when 'major' then 1 else 2 end`;

export async function deskQueue(db: PortalExecutor, query: DeskQueueQuery): Promise<DeskQueue> {
  const where: SQL = query.status === 'active' ? notInArray(tickets.status, DONE) : eq(tickets.status, query.status);
  const [rows, [count]] = await readTogether(db, [
    () =>
      db
        .select(ticketListColumns)
        .from(tickets)
        .where(where)
        .orderBy(severityRank, sql`${tickets.firstResponseDueAt} asc nulls last`, asc(tickets.createdAt), asc(tickets.id))
        .limit(query.limit),
    () => db.select({ total: sql<number>`count(*)::int` }).from(tickets).where(where),
  ]);
  return { items: rows.map(({ row, ...counts }) => toSummary(row, counts)), total: count?.total ?? 0 };
}

export interface DeskChangeContext {
  db: PortalDb;
  agent: DeskAgent;
  now: Date;
}

/** The status an agent's message leaves the ticket in. */
function statusAfterMessage(current: TicketStatus, kind: MessageKind): TicketStatus {
  if (kind === 'info-request') return 'waiting-for-customer';
  return current === 'open' ? 'in-progress' : current;
}

/**
 * An agent's answer or request for information. The first one is the ticket's first response: it records
 * `firstResponseAt` (never moved by later ones), whether the deadline was met is then `firstResponseMet`.
 */
export async function addAgentMessage(ctx: DeskChangeContext, ticketId: string, body: string, kind: MessageKind): Promise<StoredTicket> {
  const current = await requireTicket(ctx.db, ticketId);
  refuseWhenClosed(current);
  const before = current.ticket;
  const status = statusAfterMessage(before.status, kind);
  const messageId = newTimeOrderedId(ctx.now.getTime());
  const firstResponse = before.firstResponseAt === null;
  await ctx.db.transaction(async (tx) => {
    await tx.insert(ticketComments).values({
      id: messageId,
      ticketId,
      body,
      authorKind: 'agent',
      kind,
      authorId: ctx.agent.id,
      authorLogin: ctx.agent.login,
      authorName: ctx.agent.displayName,
      readAt: null,
      createdAt: ctx.now,
    });
    await tx
      .update(tickets)
      .set({
        status,
        // coalesce: two agents answering at once still keep the earlier first response.
        firstResponseAt: sql`coalesce(${tickets.firstResponseAt}, ${ctx.now.toISOString()}::timestamptz)`,
        updatedAt: ctx.now,
        version: sql`${tickets.version} + 1`,
      })
      .where(eq(tickets.id, ticketId));
    await recordAudit(tx, {
      actor: agentActor(ctx.agent),
      action: kind === 'info-request' ? 'desk.ticket.info_request' : 'desk.ticket.answer',
      targetType: 'ticket',
      targetId: ticketId,
      before: { status: before.status, firstResponseAt: before.firstResponseAt },
      after: { messageId, length: body.length, status, ...(firstResponse ? { firstResponseAt: ctx.now.toISOString() } : {}) },
      at: ctx.now,
    });
  });
  return requireTicket(ctx.db, ticketId);
}

export interface DeskStatusContext extends DeskChangeContext {
  checkIfMatch(current: StoredTicket): void;
  etagOf(stored: StoredTicket): string;
}

export async function changeStatusByAgent(ctx: DeskStatusContext, ticketId: string, change: DeskStatusChange): Promise<StoredTicket> {
  const current = await requireTicket(ctx.db, ticketId);
  ctx.checkIfMatch(current);
  const before = current.ticket;
  const closedAt = change.status === 'closed' ? (before.closedAt === null ? ctx.now : new Date(before.closedAt)) : null;
  const changed = await ctx.db.transaction(async (tx) => {
    const rows = await tx
      .update(tickets)
      .set({ status: change.status, closedAt, updatedAt: ctx.now, version: sql`${tickets.version} + 1` })
      .where(and(eq(tickets.id, ticketId), eq(tickets.version, current.version)))
      .returning({ id: tickets.id });
    if (rows.length === 0) return false;
    await recordAudit(tx, {
      actor: agentActor(ctx.agent),
      action: 'desk.ticket.status',
      targetType: 'ticket',
      targetId: ticketId,
      before: { status: before.status },
      after: { status: change.status },
      at: ctx.now,
    });
    return true;
  });
  if (!changed) {
    const latest = await requireTicket(ctx.db, ticketId);
    throw problem(412, 'Precondition Failed', {
      code: 'etag_mismatch',
      detail: 'The ticket was changed by someone else since it was read.',
      current: latest.ticket,
      currentEtag: ctx.etagOf(latest),
    });
  }
  return requireTicket(ctx.db, ticketId);
}

/** Marks the ticket's agent messages read or unread for the administrators' side (not a change of the ticket: no new ETag). */
export async function markMessages(db: PortalDb, ticketId: string, update: TicketReadUpdate, actor: Actor, now: Date): Promise<StoredTicket> {
  await requireTicket(db, ticketId);
  const conditions: SQL[] = [eq(ticketComments.ticketId, ticketId), eq(ticketComments.authorKind, 'agent')];
  if (update.messageIds !== undefined) conditions.push(inArray(ticketComments.id, update.messageIds));
  await db.transaction(async (tx) => {
    const rows = await tx
      .update(ticketComments)
      .set({ readAt: update.read ? sql`coalesce(${ticketComments.readAt}, ${now.toISOString()}::timestamptz)` : null })
      .where(and(...conditions))
      .returning({ id: ticketComments.id });
    if (update.messageIds !== undefined && rows.length !== update.messageIds.length) {
      throw problem(404, 'Not Found', { code: 'message_not_found', detail: 'Not every message named is an agent message of this ticket.' });
    }
    await recordAudit(tx, {
      actor,
      action: update.read ? 'ticket.messages_read' : 'ticket.messages_unread',
      targetType: 'ticket',
      targetId: ticketId,
      after: { messages: rows.length },
      at: now,
    });
  });
  return requireTicket(db, ticketId);
}

/** What the console polls: unread agent messages per ticket, and a revision that changes with any ticket or message. */
export async function supportActivity(db: PortalExecutor): Promise<SupportActivity> {
  const [[ticketState], [messageState], unread] = await readTogether(db, [
    () => db.select({ count: sql<number>`count(*)::int`, versions: sql<string>`coalesce(sum(${tickets.version}), 0)::text` }).from(tickets),
    () =>
      db
        .select({
          count: sql<number>`count(*)::int`,
          unreadIds: sql<string>`coalesce(string_agg(${ticketComments.id}::text, ',' order by ${ticketComments.id}) filter (where ${ticketComments.readAt} is null), '')`,
        })
        .from(ticketComments),
    () =>
      db
        .select({ id: tickets.id, number: tickets.number, unread: sql<number>`count(*)::int` })
        .from(ticketComments)
        .innerJoin(tickets, eq(tickets.id, ticketComments.ticketId))
        .where(isNull(ticketComments.readAt))
        .groupBy(tickets.id, tickets.number)
        .orderBy(asc(tickets.number)),
  ]);
  const revision = createHash('sha256')
    .update([ticketState?.count, ticketState?.versions, messageState?.count, messageState?.unreadIds].join('|'))
    .digest('base64url')
    .slice(0, 22);
  return { revision, unreadTotal: unread.reduce((sum, ticket) => sum + ticket.unread, 0), unreadTickets: unread };
}
