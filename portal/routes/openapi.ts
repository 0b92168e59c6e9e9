import type { FeatureRoutes } from './types';

export const openApiRoutes: FeatureRoutes = async (app) => {
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
};

export default openApiRoutes;
