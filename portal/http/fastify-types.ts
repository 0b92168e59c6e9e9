import type { Actor, RequestSession } from '../auth/require-admin';
import type { PortalContext } from '../context';

declare module 'fastify' {
  interface FastifyInstance {
    portal: PortalContext;
    /** preHandler/onRequest hook: 401/403 unless the bearer token belongs to an enabled administrator. */
    requireAdmin: (request: FastifyRequest) => Promise<void>;
  }
  interface FastifyRequest {
    /**
     * The signed-in administrator. Set on every route that is not `config: { public: true }`
     * (authentication is applied automatically); null on public routes.
     */
    actor: Actor;
    session: RequestSession | null;
  }
  interface FastifyContextConfig {
    /** Marks a route under /api/v1 as reachable without a session. */
    public?: boolean;
  }
}

export {};
