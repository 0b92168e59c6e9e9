import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { TestKeyPair } from './tls-server';

export interface StubRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type StubHandler = (request: StubRequest, response: ServerResponse) => void;

export interface HttpsStub {
  url: string;
  port: number;
  /** Every request that reached the handler, body included. */
  received: StubRequest[];
  close(): Promise<void>;
}

/** Tests only: an HTTPS server on 127.0.0.1 whose answers the test writes (a portal that misbehaves). */
export async function startHttpsStub(keys: TestKeyPair, handler: StubHandler): Promise<HttpsStub> {
  const received: StubRequest[] = [];
  const server = createHttpsServer({ cert: keys.cert, key: keys.key }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const stubRequest = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(stubRequest);
      handler(stubRequest, response);
    });
  });
  const port = await listen(server);
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    received,
    close: () => {
      server.closeAllConnections();
      return closeServer(server);
    },
  };
}

export interface CountingHttpsServer {
  url: string;
  /** TCP connections accepted, requests parsed, and application bytes read after each TLS handshake. */
  counts(): { connections: number; requests: number; applicationBytes: number };
  /** Resolves once a connection came and all have closed again: the counts of those connections are final. */
  allClosed(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Tests only: an HTTPS server on a chosen 127.0.0.1 port (an impostor taking over a portal's address) that
 * answers 200 {} and counts what reaches it. Only decrypted application data counts as bytes.
 */
export async function startCountingHttpsServer(keys: TestKeyPair, port: number): Promise<CountingHttpsServer> {
  const counts = { connections: 0, requests: 0, applicationBytes: 0 };
  const server = createHttpsServer({ cert: keys.cert, key: keys.key }, (_request, response) => {
    counts.requests += 1;
    answer(response, 200, 'application/json', '{}');
  });
  let open = 0;
  let settle: (() => void) | undefined;
  const closed = new Promise<void>((resolve) => (settle = resolve));
  server.on('connection', (socket: Socket) => {
    counts.connections += 1;
    open += 1;
    socket.on('close', () => {
      open -= 1;
      if (open === 0) settle?.();
    });
  });
  // Registered after the HTTP parser's own listener: a 'data' listener makes it read through the socket's events.
  server.on('secureConnection', (socket) => socket.on('data', (chunk: Buffer) => (counts.applicationBytes += chunk.length)));
  await listen(server, port);
  return {
    url: `https://127.0.0.1:${port}`,
    counts: () => ({ ...counts }),
    allClosed: () => closed,
    close: () => {
      server.closeAllConnections();
      return closeServer(server);
    },
  };
}

/** Writes one complete answer. */
export function answer(response: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': contentType, ...headers });
  response.end(body);
}

export interface TcpListener {
  url: string;
  port: number;
  /** Everything clients sent, as raw bytes. */
  received(): Buffer;
  /** Connections accepted so far, and how many of them are still open (0 once every byte was read). */
  connections(): { accepted: number; open: number };
  close(): Promise<void>;
}

/** Tests only: a plain TCP listener (no TLS) that hands every accepted socket to the test. */
export async function startTcpListener(onSocket: (socket: Socket) => void): Promise<TcpListener> {
  const sockets = new Set<Socket>();
  const chunks: Buffer[] = [];
  let accepted = 0;
  const server = createNetServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    onSocket(socket);
  });
  const port = await listen(server);
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    received: () => Buffer.concat(chunks),
    connections: () => ({ accepted, open: sockets.size }),
    close: () => {
      sockets.forEach((socket) => socket.destroy());
      return closeServer(server);
    },
  };
}

/** Tests only: a plain-HTTP server (no TLS) that counts the requests it could parse. */
export async function startPlainHttpServer(): Promise<{ url: string; requests(): number; close(): Promise<void> }> {
  let requests = 0;
  const server = createHttpServer((_request, response) => {
    requests += 1;
    response.end('plain http');
  });
  const port = await listen(server);
  return {
    url: `https://127.0.0.1:${port}`,
    requests: () => requests,
    close: () => {
      server.closeAllConnections();
      return closeServer(server);
    },
  };
}

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
