import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/require-admin';
import { PORTAL_SOFTWARE_VERSION } from '../version';
import type { PortalLogStore } from './log-store';
import { describeError } from './safe-error';

declare module 'fastify' {
  interface FastifyInstance {
    /** The portal's own server log (GET /api/v1/logs serves it). */
    serverLog: PortalLogStore;
  }
}

const SIGN_IN_PATH = '/api/v1/sessions';
/**
 * Answered follow requests are not logged: each would be a new line that wakes every follower, whose next
 * request would log another, round and round. Refused ones are.
 */
const LOG_FOLLOW_PATH = '/api/v1/logs/follow';

const signInRefusals: Record<number, string> = {
  401: 'wrong login or password',
  403: 'not an administrator',
  423: 'account locked',
  429: 'too many attempts',
};

function pathOf(request: FastifyRequest): string {
  // The query string is left out: it may carry values the log should not keep.
  return request.url.split('?')[0] ?? request.url;
}

function actorLogin(request: FastifyRequest): string | null {
  return (request.actor as Actor | null)?.login ?? null;
}

function levelOf(status: number) {
  if (status >= 500) return 'error' as const;
  if (status >= 400) return 'warn' as const;
  return 'info' as const;
}

function logSignIn(store: PortalLogStore, request: FastifyRequest, status: number): void {
  const login = (request.body as { login?: unknown } | undefined)?.login;
  const context = { login: typeof login === 'string' ? login : null, ip: request.ip, reqId: request.id };
  if (status === 201) store.info('sign-in succeeded', context);
  else store.warn('sign-in refused', { ...context, status, reason: signInRefusals[status] ?? 'invalid request' });
}

function logRequest(store: PortalLogStore, request: FastifyRequest, reply: FastifyReply): void {
  const status = reply.statusCode;
  const path = pathOf(request);
  store.write(levelOf(status), `${request.method} ${path} ${status}`, {
    reqId: request.id,
    method: request.method,
    path,
    status,
    ms: Math.round(reply.elapsedTime * 10) / 10,
    ip: request.ip,
    actor: actorLogin(request),
  });
}

/**
 * Feeds the server log from Fastify's hooks: one line per request, sign-ins, and the errors behind
 * 5xx answers. Decorates the app with `serverLog`.
 */
export function installServerLog(app: FastifyInstance, store: PortalLogStore): void {
  const failures = new WeakMap<FastifyRequest, Error>();
  app.decorate('serverLog', store);
  app.addHook('onError', async (request, _reply, error) => {
    failures.set(request, error);
  });
  app.addHook('onResponse', async (request, reply) => {
    if (!(pathOf(request) === LOG_FOLLOW_PATH && reply.statusCode < 400)) logRequest(store, request, reply);
    if (request.method === 'POST' && pathOf(request) === SIGN_IN_PATH) logSignIn(store, request, reply.statusCode);
    const failure = failures.get(request);
    if (failure !== undefined && reply.statusCode >= 500) {
      store.error('request failed', {
        reqId: request.id,
        path: pathOf(request),
        error: describeError(failure),
      });
    }
  });
  app.addHook('onReady', async () => {
    store.info('portal started', { version: PORTAL_SOFTWARE_VERSION, node: process.version });
  });
  app.addHook('onClose', async () => {
    store.info('portal stopping');
    await store.flush();
  });
}
