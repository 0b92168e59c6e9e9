import type { FastifyRequest } from 'fastify';
import { ChangeOwnPasswordResponse, RegistrationRequest, RegistrationResponse } from '../../common/portal-api/account';
import { ChangeOwnPasswordRequest } from '../../common/portal-api/session';
import { problem } from '../http/problem';
import { changeOwnPassword, register } from '../users/account';
import type { FeatureRoutes } from './types';

/** Per client and login, like sign-in: both routes check a password someone may be guessing. */
function passwordRateLimitKey(request: FastifyRequest): string {
  const login = (request.body as { login?: unknown } | undefined)?.login;
  return `${request.ip}|${typeof login === 'string' ? login.toLowerCase() : (request.actor?.id ?? '')}`;
}

/** The signed-in user's own password, and self-registration (tag `account`). */
const accountRoutes: FeatureRoutes = async (app) => {
  const limit = app.portalConfig.loginRateLimit;
  const rateLimit = { max: limit.max, timeWindow: limit.windowMs, hook: 'preHandler' as const, keyGenerator: passwordRateLimitKey };

  app.post(
    '/sessions/current/password',
    {
      config: { adminArea: 'self', rateLimit },
      schema: {
        tags: ['account'],
        summary: 'Change the own password (allowed while a change is required)',
        body: ChangeOwnPasswordRequest,
        response: { 200: ChangeOwnPasswordResponse },
      },
    },
    async (request) => {
      if (request.session === null) throw problem(401, 'Unauthorized', { code: 'not_signed_in' });
      const context = { db: app.portal.db, actor: request.actor, sessionTokenHash: request.session.tokenHash, now: app.portal.now() };
      const user = await changeOwnPassword(context, request.body.currentPassword, request.body.newPassword);
      return { user };
    },
  );

  app.post(
    '/registrations',
    {
      config: { public: true, rateLimit },
      schema: {
        tags: ['account'],
        summary: 'Register an account (membership mode open; registration code if set)',
        body: RegistrationRequest,
        response: { 201: RegistrationResponse },
      },
    },
    async (request, reply) => {
      const created = await register(app.portal.db, request.body, app.portal.now());
      reply.code(201);
      return created;
    },
  );
};

export default accountRoutes;
