import { AuditPage, AuditQuery } from '../../common/portal-api/audit';
import { listAudit } from '../audit';
import { problem } from '../http/problem';
import type { FeatureRoutes } from './types';

export const auditRoutes: FeatureRoutes = async (app) => {
  app.get(
    '/audit',
    {
      config: { adminArea: 'diagnostics' },
      schema: {
        tags: ['audit'],
        summary: 'Audit log, newest first; filter by actor, action prefix, target and time range',
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      if (from !== undefined && to !== undefined && Date.parse(from) > Date.parse(to)) {
        throw problem(400, 'Bad Request', {
          code: 'invalid_range',
          detail: '`from` must not lie after `to`.',
          errors: [{ path: 'from', message: 'after to' }],
        });
      }
      return listAudit(app.portal.db, request.query);
    },
  );
};

export default auditRoutes;
