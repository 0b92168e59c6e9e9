import { z } from 'zod';
import { SupportAgent, SupportAgentCreate, SupportAgentList } from '../../common/portal-api/desk';
import { SupportActivity, Ticket, TicketReadUpdate } from '../../common/portal-api/support';
import { etagOf } from '../http/etag';
import { createAgent, listAgents } from '../support/agents';
import { markMessages, supportActivity } from '../support/desk';
import type { FeatureRoutes } from './types';

/**
 * The administrators' side of the support desk: read marks on agent messages, the activity summary the
 * console polls, and the agent accounts of this reference portal (agents themselves use /desk/api/v1).
 */

const TicketParams = z.object({ id: z.uuid() });

/** `If-None-Match` holds the given (strong or weak) tag. */
function noneMatch(header: string | string[] | undefined, etag: string): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*');
}

export const supportDeskRoutes: FeatureRoutes = async (app) => {
  app.get(
    '/support/activity',
    {
      config: { adminArea: 'support' },
      schema: {
        tags: ['support'],
        summary: 'Unread agent messages and a revision of all tickets (ETag; 304 with If-None-Match while nothing changed)',
        response: { 200: SupportActivity, 304: z.null().describe('Nothing changed since the revision in If-None-Match') },
      },
    },
    async (request, reply) => {
      const activity = await supportActivity(app.portal.db);
      const etag = `"${activity.revision}"`;
      reply.header('etag', etag);
      // No payload at all (not even `null`): a 304 carries neither body nor Content-Length.
      if (noneMatch(request.headers['if-none-match'], etag)) return reply.code(304).send(undefined as unknown as null);
      return activity;
    },
  );

  app.put(
    '/tickets/:id/read',
    {
      config: { adminArea: 'support' },
      schema: {
        tags: ['support'],
        summary: "Mark the ticket's agent messages read or unread (all of them, or the ones named)",
        params: TicketParams,
        body: TicketReadUpdate,
        response: { 200: Ticket },
      },
    },
    async (request, reply) => {
      const stored = await markMessages(app.portal.db, request.params.id, request.body, request.actor, app.portal.now());
      reply.header('etag', etagOf(stored.version, stored.ticket.id));
      return stored.ticket;
    },
  );

  app.get(
    '/support/agents',
    { config: { adminArea: 'support' }, schema: { tags: ['support'], summary: 'The support desk agents of this portal', response: { 200: SupportAgentList } } },
    async () => ({ items: await listAgents(app.portal.db) }),
  );

  app.post(
    '/support/agents',
    {
      config: { adminArea: 'support' },
      schema: { tags: ['support'], summary: 'Create a support desk agent (its own sign-in at /desk/api/v1)', body: SupportAgentCreate, response: { 201: SupportAgent } },
    },
    async (request, reply) => {
      const agent = await createAgent(app.portal.db, request.body, request.actor, app.portal.now());
      return reply.code(201).send(agent);
    },
  );
};

export default supportDeskRoutes;
