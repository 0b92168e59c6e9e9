import { SecurityPolicy } from '../../common/portal-api/security-policy';
import { checkIfMatch } from '../http/etag';
import { policyEtag, updateSecurityPolicy } from '../security/policy';
import { readSecurityPolicy } from '../settings';
import type { FeatureRoutes } from './types';

/** The portal-wide security policy (tag `security`); the server enforces it at sign-in and whenever a password is set. */
const securityPolicyRoutes: FeatureRoutes = async (app) => {
  app.get(
    '/security-policy',
    { config: { adminArea: 'self' }, schema: { tags: ['security'], summary: 'The security policy in force (ETag)', response: { 200: SecurityPolicy } } },
    async (_request, reply) => {
      const stored = await readSecurityPolicy(app.portal.db);
      reply.header('etag', policyEtag(stored));
      return stored.policy;
    },
  );

  app.put(
    '/security-policy',
    {
      config: { adminArea: 'security' },
      schema: {
        tags: ['security'],
        summary: 'Replace the security policy (If-Match)',
        body: SecurityPolicy,
        response: { 200: SecurityPolicy },
      },
    },
    async (request, reply) => {
      const context = { db: app.portal.db, actor: request.actor, now: app.portal.now() };
      const stored = await updateSecurityPolicy(context, request.body, (etag, current) => checkIfMatch(request, etag, current));
      reply.header('etag', policyEtag(stored));
      return stored.policy;
    },
  );
};

export default securityPolicyRoutes;
