import type { FastifyInstance } from 'fastify';
import { auditRoutes } from './audit';
import { healthRoutes } from './health';
import { openApiRoutes } from './openapi';
import { portalInfoRoutes } from './portal-info';
import { sessionRoutes } from './sessions';
import type { FeatureRoutes } from './types';

export type { FeatureRoutes } from './types';

export const API_PREFIX = '/api/v1';

/** Every area's routes. A new feature adds its plugin here: one line. */
export const featureRoutes: readonly FeatureRoutes[] = [
  healthRoutes,
  openApiRoutes,
  sessionRoutes,
  portalInfoRoutes,
  auditRoutes,
];

export async function registerFeatureRoutes(app: FastifyInstance): Promise<void> {
  for (const routes of featureRoutes) {
    await app.register(routes, { prefix: API_PREFIX });
  }
}
