import type { FastifyInstance } from 'fastify';
import type { FeatureModule } from './types';

export type { FeatureModule, FeatureRoutes } from './types';

export const API_PREFIX = '/api/v1';

/**
 * Every area's routes. A new feature writes `portal/routes/<area>.ts` with
 * `export default <area>Routes` (a FeatureRoutes) and adds ONE line here.
 */
export const featureModules: readonly FeatureModule[] = [
  () => import('./health'),
  () => import('./openapi'),
  () => import('./sessions'),
  () => import('./portal-info'),
  () => import('./audit'),
  () => import('./users'),
  () => import('./invitations'),
  () => import('./invitation-requests'),
  () => import('./security-policy'),
  () => import('./account'),
  () => import('./rights'),
  () => import('./updates'),
  () => import('./support'),
  () => import('./log-follow'),
  () => import('./support-desk'),
  () => import('./instance'),
  () => import('./availability'),
  () => import('./designer'),
  () => import('./application-records'),
  () => import('./directory'),
  () => import('./administrators'),
  () => import('../configuration/routes'),
  () => import('./application-transfer'),
];

export async function registerFeatureRoutes(app: FastifyInstance): Promise<void> {
  const modules = await Promise.all(featureModules.map((load) => load()));
  for (const module of modules) {
    await app.register(module.default, { prefix: API_PREFIX });
  }
}
