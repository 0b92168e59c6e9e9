import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DeskLoginRequest, DeskLoginResponse, DeskMessageCreate, DeskQueue, DeskQueueQuery, DeskStatusChange, type DeskAgent } from '../../common/portal-api/desk';
import { Ticket } from '../../common/portal-api/support';
import { checkIfMatch, etagOf } from '../http/etag';
import { createRequireAgent, signInAgent, signOutAgent } from '../support/agents';
import { addAgentMessage, changeStatusByAgent, deskQueue } from '../support/desk';
import { requireTicket, type StoredTicket } from '../support/tickets';

/**
 * The support desk API (registered under DESK_API_PREFIX): agents sign in with their own accounts, work
 * through the queue, answer, ask for information and change a ticket's status. Every route but the sign-in
 * needs an agent session; administrators' sessions are refused (403).
 */

const TicketParams = z.object({ id: z.uuid() });
const TAGS = ['support desk'];

function signInRateLimitKey(request: FastifyRequest): string {
  const login = (request.body as Partial<DeskLoginRequest> | undefined)?.login ?? '';
  return `desk|${request.ip}|${login.toLowerCase()}`;
}

function ticketEtag(stored: StoredTicket): string {
  return etagOf(stored.version, stored.ticket.id);
}

function sendTicket(reply: FastifyReply, stored: StoredTicket, status = 200) {
  reply.header('etag', ticketEtag(stored));
  return reply.code(status).send(stored.ticket);
}

function agentOf(request: FastifyRequest): DeskAgent {
  // The guard ran (onRequest) before any handler that calls this.
  return request.agent as DeskAgent;
}

export const deskRoutes: FastifyPluginAsyncZod = async (app) => {
  const requireAgent = createRequireAgent(app.portal);
  const limit = app.portalConfig.loginRateLimit;
  /** Route options of a route that needs an agent session, documented as such. */
  const guarded = { onRequest: requireAgent };
  const security = [{ deskBearer: [] }];

  app.decorateRequest('agent', null);
  app.decorateRequest('agentTokenHash', null);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.post(
    '/sessions',
    {
      config: { rateLimit: { max: limit.max, timeWindow: limit.windowMs, hook: 'preHandler', keyGenerator: signInRateLimitKey } },
      schema: { tags: TAGS, summary: 'Sign in as a support agent', security: [], body: DeskLoginRequest, response: { 201: DeskLoginResponse } },
    },
    async (request, reply) => {
      const signedIn = await signInAgent(app.portal, request.body.login, request.body.password);
      reply.code(201);
      return { token: signedIn.token, expiresAt: signedIn.expiresAt.toISOString(), agent: signedIn.agent };
    },
  );

  app.delete('/sessions/current', { ...guarded, schema: { tags: TAGS, summary: 'Sign out of the support desk', security } }, async (request, reply) => {
    await signOutAgent(app.portal.db, request.agentTokenHash as string, agentOf(request), app.portal.now());
    return reply.code(204).send();
  });

  app.get(
    '/tickets',
    { ...guarded, schema: { tags: TAGS, summary: 'The queue: most severe first, then the earliest first-response deadline', security, querystring: DeskQueueQuery, response: { 200: DeskQueue } } },
    async (request) => deskQueue(app.portal.db, request.query),
  );

  app.get(
    '/tickets/:id',
    { ...guarded, schema: { tags: TAGS, summary: 'A ticket with its conversation and attachments', security, params: TicketParams, response: { 200: Ticket } } },
    async (request, reply) => sendTicket(reply, await requireTicket(app.portal.db, request.params.id)),
  );

  const agentMessageRoute = (path: string, summary: string, kind: 'message' | 'info-request') =>
    app.post(
      path,
      { ...guarded, schema: { tags: TAGS, summary, security, params: TicketParams, body: DeskMessageCreate, response: { 201: Ticket } } },
      async (request, reply) => {
        const stored = await addAgentMessage({ db: app.portal.db, agent: agentOf(request), now: app.portal.now() }, request.params.id, request.body.body, kind);
        return sendTicket(reply, stored, 201);
      },
    );
  agentMessageRoute('/tickets/:id/answers', 'Answer the customer (the first agent message stops the first-response clock)', 'message');
  agentMessageRoute('/tickets/:id/info-requests', 'Ask the customer for information (the ticket then waits for the customer)', 'info-request');

  app.patch(
    '/tickets/:id/status',
    {
      ...guarded,
      schema: { tags: TAGS, summary: "Change a ticket's status (If-Match)", security, params: TicketParams, body: DeskStatusChange, response: { 200: Ticket } },
    },
    async (request, reply) => {
      const stored = await changeStatusByAgent(
        {
          db: app.portal.db,
          agent: agentOf(request),
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
};

export default deskRoutes;
