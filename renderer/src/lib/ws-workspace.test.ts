// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket, WebSocketServer } from 'ws';
import { browserHostSocketUrl } from './console-client';
import { WebSocketTransport } from './ws-transport';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** Like the browser host: names a workspace first on every connection, echoes it with each answer. */
async function startHost(): Promise<{ port: number; urls: string[]; dropAll(): void }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/ws' });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const urls: string[] = [];
  let issued = 0;
  wss.on('connection', (socket, request) => {
    urls.push(request.url ?? '');
    const asked = new URL(request.url ?? '', 'http://x').searchParams.get('workspace');
    const token = asked ?? `token-${++issued}`;
    socket.send(JSON.stringify({ workspace: token }));
    socket.on('message', (data) => {
      const { id } = JSON.parse(String(data)) as { id: number };
      socket.send(JSON.stringify({ id, result: { ok: true, value: token } }));
    });
  });
  closers.push(() => new Promise((resolve) => wss.close(() => resolve())));
  const address = wss.address() as { port: number };
  return { port: address.port, urls, dropAll: () => wss.clients.forEach((client) => client.terminate()) };
}

describe('the tab workspace over the WebSocket transport', () => {
  it('keeps the token the host names and names it again when it reconnects', async () => {
    const host = await startHost();
    let kept: string | null = null;
    const transport = new WebSocketTransport({
      url: () => browserHostSocketUrl({ protocol: 'http:', host: `127.0.0.1:${host.port}` }, kept),
      onWorkspace: (token) => (kept = token),
      WebSocketImpl: NodeWebSocket as unknown as typeof WebSocket,
      minDelayMs: 10,
    });
    closers.push(async () => transport.close());
    expect(await transport.call('session:current', {})).toEqual({ ok: true, value: 'token-1' });
    expect(kept).toBe('token-1');
    host.dropAll();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await transport.call('session:current', {})).toEqual({ ok: true, value: 'token-1' });
    expect(host.urls).toEqual(['/ws', '/ws?workspace=token-1']);
  });

  it('puts the workspace in the socket URL, encoded', () => {
    expect(browserHostSocketUrl({ protocol: 'http:', host: '127.0.0.1:1' }, 'a+b/c')).toBe('ws://127.0.0.1:1/ws?workspace=a%2Bb%2Fc');
  });
});
