import type { FastifyReply, FastifyRequest } from 'fastify';
import { asc } from 'drizzle-orm';
import { z } from 'zod';
import {
  ATTACHMENT_MAX_BYTES,
  AttachmentUpload,
  base64Length,
  CommentCreate,
  Diagnostics,
  IdempotencyKey,
  ServerLogPage,
  ServerLogQuery,
  SupportAreas,
  Ticket,
  TICKET_ATTACHMENTS_MAX_BYTES,
  TicketCreate,
  TicketListQuery,
  TicketPage,
  TicketUpdate,
} from '../../common/portal-api/support';
import { applications } from '../db/schema';
import { decodeCursor, encodeCursor } from '../http/cursor';
import { checkIfMatch, etagOf } from '../http/etag';
import { problem } from '../http/problem';
import { collectDiagnostics } from '../support/diagnostics';
import {
  addAttachment,
  addComment,
  attachmentContent,
  createTicket,
  listTickets,
  requireTicket,
  updateTicket,
  type Created,
  type StoredTicket,
} from '../support/tickets';
import type { FeatureRoutes } from './types';

const TicketParams = z.object({ id: z.uuid() });
const AttachmentParams = z.object({ id: z.uuid(), attachmentId: z.uuid() });
const LogCursor = z.tuple([z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)]);

/** Room for the JSON around the base64 of the attachments (texts are capped far below this). */
const JSON_OVERHEAD_BYTES = 1024 * 1024;
const CREATE_BODY_LIMIT = base64Length(TICKET_ATTACHMENTS_MAX_BYTES) + JSON_OVERHEAD_BYTES;
const ATTACHMENT_BODY_LIMIT = base64Length(ATTACHMENT_MAX_BYTES) + 64 * 1024;


export function idempotencyKeyOf(request: FastifyRequest): string | null {
  const header = request.headers['idempotency-key'];
  const raw = Array.isArray(header) ? header.join(',') : header;
  if (raw === undefined || raw.trim() === '') return null;
  const key = raw.trim().replace(/^"(.*)"$/, '$1');
  // Printable ASCII as the IETF draft allows; a quoted key (`"abc"`) is taken without its quotes.
  if (!IdempotencyKey.safeParse(key).success) {
    throw problem(400, 'Bad Request', {
      code: 'invalid_idempotency_key',
      detail: 'Idempotency-Key must be 8 to 200 printable ASCII characters.',
      errors: [{ path: 'Idempotency-Key', message: 'Invalid key' }],
    });
  }
  return key;
}

function ticketEtag(stored: StoredTicket): string {
  return etagOf(stored.version, stored.ticket.id);
}

function sendTicket(reply: FastifyReply, stored: StoredTicket, status = 200) {
  reply.header('etag', ticketEtag(stored));
  return reply.code(status).send(stored.ticket);
}

/** 201 for a new resource; 200 plus `Idempotent-Replayed: true` when a retry found the earlier result. */
function sendCreated(reply: FastifyReply, created: Created<StoredTicket>, location: string) {
  if (created.replayed) reply.header('idempotent-replayed', 'true');
  reply.header('location', location);
  return sendTicket(reply, created.value, created.replayed ? 200 : 201);
}

function safeContentType(contentType: string): string {
  const essence = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  // Text is served as plain text so that no client renders an attachment as HTML.
  if (essence.startsWith('text/')) return 'text/plain; charset=utf-8';
  if (essence === 'application/json') return 'application/json; charset=utf-8';
  return 'application/octet-stream';
}

export const supportRoutes: FeatureRoutes = async (app) => {
  const startedAt = app.portal.now();
  const createContext = (request: FastifyRequest) => ({
    db: app.portal.db,
    actor: request.actor,
    now: app.portal.now(),
    idempotencyKey: idempotencyKeyOf(request),
  });

  app.get(
    '/support/areas',
    { config: { adminArea: 'support' }, schema: { tags: ['support'], summary: 'Applications a ticket can name as affected area', response: { 200: SupportAreas } } },
    async () => {
      const rows = await app.portal.db
        .select({ id: applications.id, name: applications.name, description: applications.description })
        .from(applications)
        .orderBy(asc(applications.name));
      return { applications: rows };
    },
  );

  app.get(
    '/tickets',
    { config: { adminArea: 'support' }, schema: { tags: ['support'], summary: 'Support tickets, newest first', querystring: TicketListQuery, response: { 200: TicketPage } } },
    async (request) => listTickets(app.portal.db, request.query),
  );

  app.post(
    '/tickets',
    {
      config: { adminArea: 'support' },
      bodyLimit: CREATE_BODY_LIMIT,
      schema: {
        tags: ['support'],
        summary: 'File a ticket (send Idempotency-Key; a resend answers the first ticket with 200)',
        body: TicketCreate,
        response: { 200: Ticket, 201: Ticket },
      },
    },
    async (request, reply) => {
      const created = await createTicket(createContext(request), request.body);
      return sendCreated(reply, created, `/api/v1/tickets/${created.value.ticket.id}`);
    },
  );

  app.get(
    '/tickets/:id',
    { config: { adminArea: 'support' }, schema: { tags: ['support'], summary: 'A ticket with its thread and attachments', params: TicketParams, response: { 200: Ticket } } },
    async (request, reply) => sendTicket(reply, await requireTicket(app.portal.db, request.params.id)),
  );

  app.patch(
    '/tickets/:id',
    {
      config: { adminArea: 'support' },
      schema: {
        tags: ['support'],
        summary: 'Close, reopen or reclassify a ticket (If-Match)',
        params: TicketParams,
        body: TicketUpdate,
        response: { 200: Ticket },
      },
    },
    async (request, reply) => {
      const stored = await updateTicket(
        {
          db: app.portal.db,
          actor: request.actor,
          now: app.portal.now(),
          checkIfMatch: (current) => checkIfMatch(request, ticketEtag(current), current.ticket),
          etagOf: ticketEtag,
        },
        request.params.id,
        request.body,
      );
      return sendTicket(reply, stored);
    },
  );

  app.post(
    '/tickets/:id/comments',
    {
      config: { adminArea: 'support' },
      schema: { tags: ['support'], summary: 'Add a comment to the thread', params: TicketParams, body: CommentCreate, response: { 200: Ticket, 201: Ticket } },
    },
    async (request, reply) => {
      const created = await addComment(createContext(request), request.params.id, request.body);
      return sendCreated(reply, created, `/api/v1/tickets/${request.params.id}`);
    },
  );

  app.post(
    '/tickets/:id/attachments',
    {
      config: { adminArea: 'support' },
      bodyLimit: ATTACHMENT_BODY_LIMIT,
      schema: { tags: ['support'], summary: 'Attach a (redacted) file', params: TicketParams, body: AttachmentUpload, response: { 200: Ticket, 201: Ticket } },
    },
    async (request, reply) => {
      const created = await addAttachment(createContext(request), request.params.id, request.body);
      return sendCreated(reply, created, `/api/v1/tickets/${request.params.id}`);
    },
  );

  app.get(
    '/tickets/:id/attachments/:attachmentId',
    { config: { adminArea: 'support' }, schema: { tags: ['support'], summary: 'The content of an attachment', params: AttachmentParams } },
    async (request, reply) => {
      const attachment = await attachmentContent(app.portal.db, request.params.id, request.params.attachmentId);
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(attachment.name)}`);
      return reply.type(safeContentType(attachment.contentType)).send(attachment.content);
    },
  );

  app.get(
    '/logs',
    { config: { adminArea: ['diagnostics', 'support'] }, schema: { tags: ['support'], summary: 'The server log in a time range, oldest first', querystring: ServerLogQuery, response: { 200: ServerLogPage } } },
    async (request) => {
      const { from, to, level, cursor, limit, contains } = request.query;
      if (Date.parse(from) > Date.parse(to)) {
        throw problem(400, 'Bad Request', {
          code: 'invalid_range',
          detail: '`from` must not lie after `to`.',
          errors: [{ path: 'from', message: 'after to' }],
        });
      }
      const afterSeq = cursor === undefined ? undefined : decodeCursor(cursor, LogCursor)[0];
      const page = app.serverLog.query({ from: new Date(from), to: new Date(to), minLevel: level, afterSeq, limit, contains });
      return { items: page.items, nextCursor: page.next === null ? null : encodeCursor([page.next]) };
    },
  );

  app.get(
    '/diagnostics',
    { config: { adminArea: ['diagnostics', 'support'] }, schema: { tags: ['support'], summary: 'Versions, database, uptime and health checks', response: { 200: Diagnostics } } },
    async () => collectDiagnostics(app.portal.db, app.serverLog, startedAt, app.portal.now()),
  );
};

export default supportRoutes;
