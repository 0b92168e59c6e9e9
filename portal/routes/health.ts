import { HealthResponse } from '../../common/portal-api/health';
import { readPortalSettings } from '../settings';
import type { FeatureRoutes } from './types';

export const healthRoutes: FeatureRoutes = async (app) => {
  app.get(
    '/health',
    {
      config: { public: true },
      schema: { tags: ['portal'], summary: 'Liveness and software release', response: { 200: HealthResponse } },
    },
    async () => {
      const settings = await readPortalSettings(app.portal.db);
      return {
        status: 'ok' as const,
        version: settings.version,
        time: app.portal.now().toISOString(),
        environment: settings.environment,
        track: settings.track,
      };
    },
  );
};

export default healthRoutes;
