import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { CurrentSession } from '../../common/portal-api/current-session';
import { LoginRequest, LoginResponse } from '../../common/portal-api/session';
import { recordAudit } from '../audit';
import { attemptLogin, type LoginOutcome } from '../auth/login';
import { revokeSession } from '../auth/sessions';
import { users } from '../db/schema';
import { problem } from '../http/problem';
import { readPortalSettings, toPortalInfo } from '../settings';
import type { FeatureRoutes } from './types';

/** Limits guessing per client and account; keyed after body validation, hence the preHandler hook. */
function loginRateLimitKey(request: FastifyRequest): string {
  const login = (request.body as Partial<LoginRequest> | undefined)?.login ?? '';
  return `${request.ip}|${login.toLowerCase()}`;
}

function refusal(outcome: Exclude<LoginOutcome, { kind: 'signed_in' }>) {
  switch (outcome.kind) {
    case 'invalid_credentials':
      return problem(401, 'Unauthorized', { code: 'invalid_credentials', detail: 'Login or password is wrong.' });
    case 'locked':
      return problem(423, 'Locked', {
        code: 'account_locked',
        detail: 'The account is locked after too many failed sign-ins.',
        lockedUntil: outcome.lockedUntil.toISOString(),
      });
    case 'not_admin':
      return problem(403, 'Forbidden', { code: 'not_admin', detail: 'The admin API is for administrators only.' });
    case 'activation_code_expired':
      return problem(401, 'Unauthorized', {
        code: 'activation_code_expired',
        detail: 'The activation code has expired. Ask an administrator for a new one.',
        expiredAt: outcome.expiredAt.toISOString(),
      });
  }
}

export const sessionRoutes: FeatureRoutes = async (app) => {
  const limit = app.portalConfig.loginRateLimit;

  app.post(
    '/sessions',
    {
      config: {
        public: true,
        rateLimit: { max: limit.max, timeWindow: limit.windowMs, hook: 'preHandler', keyGenerator: loginRateLimitKey },
      },
      schema: { tags: ['sessions'], summary: 'Sign in', body: LoginRequest, response: { 201: LoginResponse } },
    },
    async (request, reply) => {
      const { login, password, remember = false } = request.body;
      // The portal's identity is read while the password is checked: the answer carries it (one request less).
      const [outcome, settings] = await Promise.all([attemptLogin(app.portal, login, password, remember), readPortalSettings(app.portal.db)]);
      if (outcome.kind !== 'signed_in') throw refusal(outcome);
      reply.code(201);
      return {
        token: outcome.session.token,
        expiresAt: outcome.session.expiresAt.toISOString(),
        remembered: outcome.remembered,
        rememberMeAllowed: outcome.rememberMeAllowed,
        user: outcome.user,
        portal: toPortalInfo(settings),
      };
    },
  );

  app.get(
    '/sessions/current',
    { config: { adminArea: 'self' }, schema: { tags: ['sessions'], summary: 'The signed-in administrator', response: { 200: CurrentSession } } },
    async (request) => {
      const [user] = await app.portal.db.select().from(users).where(eq(users.id, request.actor.id)).limit(1);
      if (user === undefined || request.session === null) throw problem(401, 'Unauthorized', { code: 'not_signed_in' });
      return {
        user: {
          id: user.id,
          login: user.login,
          displayName: user.displayName,
          isAdmin: user.isAdmin,
          mustChangePassword: user.mustChangePassword,
          adminAreas: [...request.adminAreas],
        },
        expiresAt: request.session.expiresAt.toISOString(),
      };
    },
  );

  app.delete('/sessions/current', { config: { adminArea: 'self' }, schema: { tags: ['sessions'], summary: 'Sign out' } }, async (request, reply) => {
    if (request.session !== null) {
      await revokeSession(app.portal.db, request.session.tokenHash);
      await recordAudit(app.portal.db, {
        actor: request.actor,
        action: 'session.logout',
        targetType: 'user',
        targetId: request.actor.id,
        at: app.portal.now(),
      });
    }
    return reply.code(204).send();
  });
};

export default sessionRoutes;
