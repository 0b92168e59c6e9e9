import { z } from 'zod';
import { Uuid } from '../../common/portal-api/common';
import { AskForInvitation, InvitationAsked, InvitationListQuery, InvitationRequest, InvitationRequestGranted, InvitationRequestPage } from '../../common/portal-api/invitations';
import { checkIfMatch } from '../http/etag';
import { askForInvitation, getInvitationRequest, grantInvitationRequest, listInvitationRequests, refuseInvitationRequest } from '../users/invitations';
import type { FeatureRoutes } from './types';

const RequestParams = z.object({ id: Uuid });

/**
 * Requests for an invitation (security sheet: "Jeder kann eine Einladung anfordern", tag `users`): anyone asks on the
 * public route while the policy allows it; administrators list them and grant or refuse each (If-Match, audited).
 */
const invitationRequestRoutes: FeatureRoutes = async (app) => {
  const limit = app.portalConfig.loginRateLimit;

  app.post(
    '/invitation-requests',
    {
      config: { public: true, rateLimit: { max: limit.max, timeWindow: limit.windowMs, hook: 'preHandler' as const } },
      schema: {
        tags: ['users'],
        summary: 'Ask for an invitation (public, while the policy lets anyone ask); the answer is the same for a repeated request',
        body: AskForInvitation,
        response: { 202: InvitationAsked },
      },
    },
    async (request, reply) => {
      await askForInvitation(app.portal.db, request.body, app.portal.now());
      reply.code(202);
      return { received: true as const };
    },
  );

  app.get(
    '/invitation-requests',
    { config: { adminArea: 'users' }, schema: { tags: ['users'], summary: 'Requests for an invitation, newest first, cursor-paged', querystring: InvitationListQuery, response: { 200: InvitationRequestPage } } },
    async (request) => listInvitationRequests(app.portal.db, request.query),
  );

  app.get(
    '/invitation-requests/:id',
    { config: { adminArea: 'users' }, schema: { tags: ['users'], summary: 'One request for an invitation (ETag)', params: RequestParams, response: { 200: InvitationRequest } } },
    async (request, reply) => {
      const found = await getInvitationRequest(app.portal.db, request.params.id);
      reply.header('etag', found.etag);
      return found;
    },
  );

  app.post(
    '/invitation-requests/:id/grant',
    {
      config: { adminArea: 'users' },
      schema: {
        tags: ['users'],
        summary: 'Grant a waiting request (If-Match): creates the invitation and answers its one-time code once',
        params: RequestParams,
        response: { 201: InvitationRequestGranted },
      },
    },
    async (request, reply) => {
      const context = { db: app.portal.db, actor: request.actor, now: app.portal.now() };
      const granted = await grantInvitationRequest(context, request.params.id, (etag, current) => checkIfMatch(request, etag, current));
      reply.code(201).header('etag', granted.request.etag).header('cache-control', 'no-store');
      return granted;
    },
  );

  app.post(
    '/invitation-requests/:id/refuse',
    { config: { adminArea: 'users' }, schema: { tags: ['users'], summary: 'Refuse a waiting request (If-Match)', params: RequestParams, response: { 200: InvitationRequest } } },
    async (request, reply) => {
      const context = { db: app.portal.db, actor: request.actor, now: app.portal.now() };
      const refused = await refuseInvitationRequest(context, request.params.id, (etag, current) => checkIfMatch(request, etag, current));
      reply.header('etag', refused.etag);
      return refused;
    },
  );
};

export default invitationRequestRoutes;
