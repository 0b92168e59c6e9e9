import { z } from 'zod';
import { Uuid } from '../../common/portal-api/common';
import { CreateInvitationRequest, Invitation, InvitationCreated, InvitationListQuery, InvitationPage } from '../../common/portal-api/invitations';
import { checkIfMatch } from '../http/etag';
import { createInvitation, getInvitation, listInvitations, revokeInvitation } from '../users/invitations';
import type { FeatureRoutes } from './types';

const InvitationParams = z.object({ id: Uuid });

/** Invitations to register in membership mode `invitation` (tag `users`); administrators only, like every admin route. */
const invitationRoutes: FeatureRoutes = async (app) => {
  app.get(
    '/invitations',
    {
      config: { adminArea: 'users' },
      schema: { tags: ['users'], summary: 'Invitations, newest first, cursor-paged', querystring: InvitationListQuery, response: { 200: InvitationPage } },
    },
    async (request) => listInvitations(app.portal.db, request.query, app.portal.now()),
  );

  app.post(
    '/invitations',
    {
      config: { adminArea: 'users' },
      schema: {
        tags: ['users'],
        summary: 'Invite an e-mail address; answers the one-time code once (the portal keeps only its hash)',
        body: CreateInvitationRequest,
        response: { 201: InvitationCreated },
      },
    },
    async (request, reply) => {
      const created = await createInvitation({ db: app.portal.db, actor: request.actor, now: app.portal.now() }, request.body);
      reply
        .code(201)
        .header('etag', created.invitation.etag)
        .header('location', `/api/v1/invitations/${created.invitation.id}`)
        .header('cache-control', 'no-store');
      return created;
    },
  );

  app.get(
    '/invitations/:id',
    { config: { adminArea: 'users' }, schema: { tags: ['users'], summary: 'One invitation (ETag)', params: InvitationParams, response: { 200: Invitation } } },
    async (request, reply) => {
      const invitation = await getInvitation(app.portal.db, request.params.id, app.portal.now());
      reply.header('etag', invitation.etag);
      return invitation;
    },
  );

  app.post(
    '/invitations/:id/revoke',
    { config: { adminArea: 'users' }, schema: { tags: ['users'], summary: 'Revoke an invitation that was not used (If-Match)', params: InvitationParams, response: { 200: Invitation } } },
    async (request, reply) => {
      const context = { db: app.portal.db, actor: request.actor, now: app.portal.now() };
      const revoked = await revokeInvitation(context, request.params.id, (etag, current) => checkIfMatch(request, etag, current));
      reply.header('etag', revoked.etag);
      return revoked;
    },
  );
};

export default invitationRoutes;
