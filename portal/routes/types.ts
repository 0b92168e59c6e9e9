import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/**
 * One area's routes, registered under /api/v1 with zod schemas. Paths are relative to the prefix.
 * Routes need an admin session unless `config: { public: true }`; `request.actor` is then set.
 */
export type FeatureRoutes = FastifyPluginAsyncZod;

/** A route file, loaded lazily; its default export is the area's FeatureRoutes. */
export type FeatureModule = () => Promise<{ default: FeatureRoutes }>;
