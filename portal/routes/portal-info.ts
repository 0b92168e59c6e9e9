import { PortalInfo } from '../../common/portal-api/session';
import { etagOf } from '../http/etag';
import { readPortalSettings, toPortalInfo } from '../settings';
import type { FeatureRoutes } from './types';

export const portalInfoRoutes: FeatureRoutes = async (app) => {
  app.get(
    '/portal',
    { config: { adminArea: 'self' }, schema: { tags: ['portal'], summary: 'Identity, release, track and plan of this portal', response: { 200: PortalInfo } } },
    async (_request, reply) => {
      const settings = await readPortalSettings(app.portal.db);
      reply.header('etag', etagOf(settings.rowVersion));
      return toPortalInfo(settings);
    },
  );
};

export default portalInfoRoutes;
