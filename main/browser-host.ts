import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import { z } from 'zod';
import type { Backend } from './backend';
import { CallsInFlight, CancelMessage, withCallSignal } from './services/call-signal';
import { consoleTransfers } from './services/transfers';
import { registerTransferRoutes } from './transfer-routes';

export interface BrowserHostOptions {
  backend: Backend;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  port?: number;
  /** How long a tab's workspace outlives its socket (a reload reconnects within it); then it is signed out. */
  workspaceGraceMs?: number;
}

export interface BrowserHost {
  /** The URL with the one-time token: opening it once signs this browser in to the host. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

const COOKIE = 'portal_console_host';
const CallMessage = z.object({ id: z.number().int(), channel: z.string().max(100), request: z.unknown() });
const WORKSPACE_GRACE_MS = 60_000;

/**
 * Serves the built renderer and the console contract over a WebSocket on 127.0.0.1 only.
 * The printed URL carries a one-time token; the first request with it gets an HttpOnly, SameSite=Strict
 * cookie and the token is spent. Every other request, and the WebSocket, needs that cookie and our own Origin.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  if (!existsSync(options.rendererDir)) throw new Error(`No built renderer at ${options.rendererDir}: run npm run build`);
  const oneTimeToken = randomBytes(32).toString('base64url');
  const hostSecret = randomBytes(32).toString('base64url');
  let tokenSpent = false;
  let origin = '';

  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
  await app.register(fastifyCookie);
  await app.register(fastifyWebsocket, { options: { maxPayload: 32 * 1024 * 1024 } });

  const hasSession = (request: FastifyRequest) => safeEqual(request.cookies[COOKIE] ?? '', hostSecret);

  app.addHook('onRequest', async (request, reply) => {
    setSecurityHeaders(reply, origin);
    const token = (request.query as Record<string, string | undefined>).token;
    if (token !== undefined && request.url.startsWith('/?')) {
      if (tokenSpent || !safeEqual(token, oneTimeToken)) return deny(reply, 'This sign-in link was already used or is wrong.');
      tokenSpent = true;
      reply.setCookie(COOKIE, hostSecret, { httpOnly: true, sameSite: 'strict', path: '/' });
      return reply.redirect('/', 302);
    }
    if (!hasSession(request)) return deny(reply, 'Open the link printed by `npm start` to use the console in this browser.');
  });

  const tabs = new TabWorkspaces(options.backend, options.workspaceGraceMs ?? WORKSPACE_GRACE_MS);

  app.register(async (scope) => {
    scope.get('/ws', { websocket: true }, (socket, request) => {
      if (request.headers.origin !== origin) {
        socket.close(1008, 'origin');
        return;
      }
      const claimed = tabs.claim((request.query as Record<string, string | undefined>).workspace, socket);
      socket.send(JSON.stringify({ workspace: claimed.token }));
      const calls = new CallsInFlight();
      socket.on('close', () => {
        calls.abortAll();
        tabs.release(claimed, socket);
      });
      socket.on('message', async (raw) => {
        const json = safeJson(raw.toString());
        const cancel = CancelMessage.safeParse(json);
        if (cancel.success) return calls.abort(cancel.data.cancel);
        const message = CallMessage.safeParse(json);
        if (!message.success) return socket.close(1003, 'malformed');
        const { id, channel, request: call } = message.data;
        const signal = calls.start(id);
        const result = await withCallSignal(channel, signal, () => options.backend.dispatch(channel, call, claimed.workspace)).finally(() => calls.finish(id, signal));
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ id: message.data.id, result }));
      });
    });
  });

  await registerTransferRoutes(app, consoleTransfers, () => origin);

  // Precompressed at build (main/precompress.ts): .br or .gz as the browser accepts, the plain file otherwise.
  await app.register(fastifyStatic, {
    root: options.rendererDir,
    index: ['index.html'],
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, path) => reply.header('cache-control', cachePolicy(relative(options.rendererDir, path))),
  });

  const address = await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  origin = address.replace('localhost', '127.0.0.1');
  return { url: `${origin}/?token=${oneTimeToken}`, origin, close: () => app.close().finally(() => tabs.close()) };
}

interface TabWorkspace {
  /** What the tab keeps (sessionStorage) and names on reconnect; issued here, never chosen by the page. */
  token: string;
  /** The backend workspace: the tab's own portal session. */
  workspace: string;
  socket: object | null;
  expiry: ReturnType<typeof setTimeout> | undefined;
}

/**
 * One workspace per browser tab. A tab's socket gets a token from the host and names it again when it
 * reconnects (after a reload), so its portal session survives the reload. A token is held by one live
 * socket at a time: a duplicated tab (which copies sessionStorage) or a guessed token gets a workspace of its
 * own. Only sockets with the host's cookie get here at all. A workspace whose tab is gone is signed out.
 */
class TabWorkspaces {
  private readonly byToken = new Map<string, TabWorkspace>();
  private next = 1;

  constructor(
    private readonly backend: Backend,
    private readonly graceMs: number,
  ) {}

  claim(requested: string | undefined, socket: object): TabWorkspace {
    const known = requested === undefined ? undefined : this.byToken.get(requested);
    const tab = known && known.socket === null ? known : this.issue();
    clearTimeout(tab.expiry);
    tab.expiry = undefined;
    tab.socket = socket;
    return tab;
  }

  release(tab: TabWorkspace, socket: object): void {
    if (tab.socket !== socket) return;
    tab.socket = null;
    tab.expiry = setTimeout(() => {
      this.byToken.delete(tab.token);
      void this.backend.closeWorkspace(tab.workspace);
    }, this.graceMs);
    tab.expiry.unref();
  }

  close(): void {
    for (const tab of this.byToken.values()) clearTimeout(tab.expiry);
    this.byToken.clear();
  }

  private issue(): TabWorkspace {
    const tab: TabWorkspace = { token: randomBytes(32).toString('base64url'), workspace: `tab-${this.next++}`, socket: null, expiry: undefined };
    this.byToken.set(tab.token, tab);
    return tab;
  }
}

/**
 * Hashed assets never change under their name: cached for a year without asking again. index.html names the
 * current hashes, so the browser revalidates it on every start (no-cache) and reloads only changed chunks.
 */
export function cachePolicy(pathInRenderer: string): string {
  return /^assets[\\/]/.test(pathInRenderer) ? 'private, max-age=31536000, immutable' : 'no-cache';
}

function deny(reply: FastifyReply, message: string) {
  return reply.code(403).type('text/plain; charset=utf-8').send(`Portal Console: ${message}\n`);
}

function setSecurityHeaders(reply: FastifyReply, origin: string): void {
  const ws = origin.replace(/^http/, 'ws');
  reply.header(
    'content-security-policy',
    `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; ` +
      `connect-src 'self' ${ws}; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  );
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('cache-control', 'no-store');
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
