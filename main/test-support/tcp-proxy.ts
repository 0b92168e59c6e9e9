import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * Tests only: a TCP proxy in front of a portal to break the connection at chosen moments. TLS passes
 * through untouched, so the console's pin still sees the portal's own certificate.
 * - forward: a plain pipe;
 * - refuse: open connections break and new ones are dropped at once (the portal looks down);
 * - hold-responses: requests reach the portal, its answers never come back;
 * - drop-responses: requests reach the portal, the connection breaks when it answers.
 * The TLS handshake must still pass in the last two modes, so only server data that follows a
 * request-sized burst from the client (at least REQUEST_BYTES since the server last spoke) is held or
 * dropped; a ClientHello and a client Finished are far smaller.
 */
const REQUEST_BYTES = 2048;

export type ProxyMode = 'forward' | 'refuse' | 'hold-responses' | 'drop-responses';

export interface TcpProxy {
  url: string;
  mode: ProxyMode;
  /** Bytes the portal sent that the client never got. */
  readonly withheldBytes: number;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }, mode: ProxyMode = 'forward'): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let withheld = 0;
  let currentMode = mode;
  const proxy: TcpProxy = {
    url: '',
    get mode() {
      return currentMode;
    },
    // A portal that goes down takes its open (keep-alive) connections with it.
    set mode(next: ProxyMode) {
      currentMode = next;
      if (next === 'refuse') sockets.forEach((socket) => socket.destroy());
    },
    get withheldBytes() {
      return withheld;
    },
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };
  const server = createServer((client) => {
    track(client);
    if (proxy.mode === 'refuse') {
      client.destroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    track(upstream);
    let clientBytesSinceServerSpoke = 0;
    client.on('data', (chunk: Buffer) => {
      clientBytesSinceServerSpoke += chunk.length;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      const answersRequest = clientBytesSinceServerSpoke >= REQUEST_BYTES;
      clientBytesSinceServerSpoke = 0;
      if (proxy.mode === 'forward' || !answersRequest) {
        client.write(chunk);
        return;
      }
      withheld += chunk.length;
      if (proxy.mode === 'drop-responses') client.destroy();
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
