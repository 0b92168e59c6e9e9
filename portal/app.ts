import type { Socket } from 'node:net';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions, type RouteOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { DESK_API_PREFIX } from '../common/portal-api/desk';
import { MEMBER_API_PREFIX } from '../common/portal-api/member';
import { PROBLEM_CONTENT_TYPE } from '../common/portal-api/problem';
import { installAdminAreas } from './auth/admin-roles';
import { createRequireAdmin } from './auth/require-admin';
import type { PortalContext, RateLimitOptions } from './context';
import { handleError, installErrorHandling } from './http/error-handler';
import { installInputGuard } from './http/input-guard';
import { completeOpenApiDocument } from './http/openapi-document';
import './http/fastify-types';
import { problem } from './http/problem';
import { installRestoreGate } from './instance/restore-gate';
import { PortalLogStore } from './logs/log-store';
import { installServerLog } from './logs/request-logging';
import memberRoutes from './member/routes';
import { API_PREFIX, registerFeatureRoutes } from './routes';
import { deskRoutes } from './routes/desk';
import { PORTAL_SOFTWARE_VERSION } from './version';

export interface AppOptions {
  logger?: boolean;
  /** Global limit per client IP (default 6000 per minute). */
  rateLimit?: RateLimitOptions;
  /** Sign-in limit per client IP and login (default 30 per minute). */
  loginRateLimit?: RateLimitOptions;
  /** Request body limit in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** How long a stop waits for requests in flight before it cuts their connections (default 10 s). */
  drainTimeoutMs?: number;
  /** The server log (GET /api/v1/logs); defaults to one kept in memory only. */
  serverLog?: PortalLogStore;
  https?: { key: string | Buffer; cert: string | Buffer };
}

export interface AppConfig {
  rateLimit: RateLimitOptions;
  loginRateLimit: RateLimitOptions;
}

declare module 'fastify' {
  interface FastifyInstance {
    portalConfig: AppConfig;
  }
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 6000, windowMs: 60_000 };
export const DEFAULT_LOGIN_RATE_LIMIT: RateLimitOptions = { max: 30, windowMs: 60_000 };
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;

function problemResponseBytes(status: number, title: string, code: string): string {
  const body = JSON.stringify({ type: 'about:blank', title, status, code });
  return [
    `HTTP/1.1 ${status} ${title}`,
    `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/** Malformed HTTP never reaches a route; answer it as problem+json too. */
function handleClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  socket.end(
    tooLarge
      ? problemResponseBytes(431, 'Request Header Fields Too Large', 'headers_too_large')
      : problemResponseBytes(400, 'Bad Request', 'bad_request'),
  );
}

function fastifyOptions(options: AppOptions): FastifyServerOptions & { https?: AppOptions['https'] } {
  return {
    logger: options.logger ? { level: 'info', stream: process.stderr } : false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // A stop closes idle keep-alive sockets at once and lets requests in flight finish (see installDrain).
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    clientErrorHandler: handleClientError,
    frameworkErrors: (error, request, reply) => {
      handleError(error, request, reply);
    },
    ...(options.https ? { https: options.https } : {}),
  };
}

function isApiRoute(route: RouteOptions): boolean {
  return route.url === API_PREFIX || route.url.startsWith(`${API_PREFIX}/`);
}

function appendHook<T>(existing: T | T[] | undefined, hook: T): T[] {
  if (existing === undefined) return [hook];
  return Array.isArray(existing) ? [...existing, hook] : [existing, hook];
}

/** Authentication is the default: every /api/v1 route needs an admin session unless `config.public`. */
function protectApiRoutes(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (!isApiRoute(route) || route.config?.public === true) return;
    route.onRequest = appendHook(route.onRequest, app.requireAdmin) as RouteOptions['onRequest'];
    if (route.schema !== undefined && route.schema.hide !== true) {
      route.schema = { ...route.schema, security: [{ bearerAuth: [] }] };
    }
  });
}

async function registerRateLimit(app: FastifyInstance, config: AppConfig): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimit.max,
    timeWindow: config.rateLimit.windowMs,
    errorResponseBuilder: (_request, context) => {
      const retryAfter = Math.max(1, Math.ceil(context.ttl / 1000));
      return problem(429, 'Too Many Requests', {
        code: 'rate_limited',
        detail: `Too many requests; retry in ${retryAfter} s.`,
        retryAfter,
      });
    },
  });
}

async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Portal admin API', version: PORTAL_SOFTWARE_VERSION },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer' },
          memberBearer: { type: 'http', scheme: 'bearer', description: 'A member session (POST /member/api/v1/sessions); never an admin session.' },
          deskBearer: { type: 'http', scheme: 'bearer', description: 'A support desk agent session (POST /desk/api/v1/sessions); never an admin session.' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (input) => completeOpenApiDocument(jsonSchemaTransformObject(input)),
  });
}

/**
 * Graceful stop: requests in flight finish and get their answer (new ones get 503), each answer given
 * while stopping closes its connection, and after `timeoutMs` whatever still hangs is cut.
 */
function installDrain(app: FastifyInstance, timeoutMs: number): void {
  let draining = false;
  let deadline: NodeJS.Timeout | undefined;
  app.addHook('preClose', async () => {
    draining = true;
    deadline = setTimeout(() => app.server.closeAllConnections(), timeoutMs);
    deadline.unref();
    app.server.once('close', () => clearTimeout(deadline));
  });
  app.addHook('onSend', async (_request, reply) => {
    if (draining) reply.header('connection', 'close');
  });
}

function addResponseHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    if (request.url.startsWith(API_PREFIX)) reply.header('cache-control', 'no-store');
  });
}

/**
 * Builds the portal's Fastify app (not listening). Tests without TLS use `app.inject`; startPortal adds
 * HTTPS and listens.
 */
export async function buildApp(ctx: PortalContext, options: AppOptions = {}): Promise<FastifyInstance> {
  const config: AppConfig = {
    rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT,
    loginRateLimit: options.loginRateLimit ?? DEFAULT_LOGIN_RATE_LIMIT,
  };
  const app = Fastify(fastifyOptions(options)) as unknown as FastifyInstance;
  installErrorHandling(app);
  installInputGuard(app);
  installRestoreGate(app);
  installServerLog(app, options.serverLog ?? new PortalLogStore({ now: ctx.now }));
  // The API speaks JSON only; other bodies get 415 instead of reaching validation as strings.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('portal', ctx);
  app.decorate('portalConfig', config);
  app.decorate('requireAdmin', createRequireAdmin(ctx));
  app.decorateRequest('actor', null as never);
  app.decorateRequest('session', null);
  await registerRateLimit(app, config);
  protectApiRoutes(app);
  installAdminAreas(app, (route) => isApiRoute(route) && route.config?.public !== true);
  await registerOpenApi(app);
  addResponseHeaders(app);
  installDrain(app, options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS);
  await registerFeatureRoutes(app);
  await app.register(memberRoutes, { prefix: MEMBER_API_PREFIX });
  await app.register(deskRoutes, { prefix: DESK_API_PREFIX });
  return app;
}
