import { createServer, type Server } from 'node:https';
import { createServer as createTlsServer } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';
import { spkiPinOf } from '../services/pinning';

export interface TestKeyPair {
  cert: string;
  key: string;
  spki: string;
}

export async function generateKeyPair(commonName = '127.0.0.1'): Promise<TestKeyPair> {
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] }],
  });
  return { cert: pems.cert, key: pems.private, spki: spkiPinOf(new X509Certificate(pems.cert)) };
}

export interface RecordingServer {
  server: Server;
  url: string;
  port: number;
  /** Every request the server received, with its headers: a pinned client must leave this empty on mismatch. */
  received: { method: string; url: string; headers: Record<string, unknown> }[];
  close(): Promise<void>;
}

/** An HTTPS server that answers 200 {"ok":true} and records everything it receives. */
export async function startRecordingServer(keys: TestKeyPair, port = 0): Promise<RecordingServer> {
  const received: RecordingServer['received'] = [];
  const server = createServer({ cert: keys.cert, key: keys.key }, (request, response) => {
    received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
    response.setHeader('content-type', 'application/json');
    response.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actualPort = (server.address() as AddressInfo).port;
  return {
    server,
    url: `https://127.0.0.1:${actualPort}`,
    port: actualPort,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A bare TLS endpoint that completes handshakes and counts every application byte it receives. */
export async function startTlsSink(
  keys: TestKeyPair,
): Promise<{ url: string; bytesReceived(): number; allClosed(): Promise<void>; close(): Promise<void> }> {
  let bytes = 0;
  const sockets = new Set<import('node:tls').TLSSocket>();
  let settle: (() => void) | undefined;
  let open = 0;
  // Resolves once a connection came and every one has closed (at the TCP level, so also one cut off during
  // the handshake): nothing more can arrive, the count is final.
  const closed = new Promise<void>((resolve) => (settle = resolve));
  const server = createTlsServer({ cert: keys.cert, key: keys.key }, (socket) => {
    sockets.add(socket);
    socket.on('data', (chunk: Buffer) => (bytes += chunk.length));
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connection', (raw: import('node:net').Socket) => {
    open += 1;
    raw.on('close', () => {
      open -= 1;
      if (open === 0) settle?.();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    bytesReceived: () => bytes,
    allClosed: () => closed,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}
