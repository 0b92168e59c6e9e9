import { AuditPage } from '../../common/portal-api/audit';
import { PageQuery } from '../../common/portal-api/common';
import { listAudit } from '../audit';
import type { FeatureRoutes } from './types';

export const auditRoutes: FeatureRoutes = async (app) => {
  app.get(
    '/audit',
    { schema: { tags: ['audit'], summary: 'Audit log, newest first', querystring: PageQuery, response: { 200: AuditPage } } },
    async (request) => listAudit(app.portal.db, request.query),
  );
};

export default auditRoutes;
