// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket, WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import type { AppInfo } from '../../../common/contract';
import { ConsoleError } from '../../../common/errors';
import { browserHostSocketUrl, callConsole, electronTransport, setConsoleTransport, type PortalConsoleBridge } from './console-client';
import { WebSocketTransport } from './ws-transport';

interface ClientMessage {
  id: number;
  channel: string;
  request: unknown;
}

type Handler = (message: ClientMessage, socket: ServerSocket) => void;

interface FakeHost {
  port: number;
  received: ClientMessage[];
  connections: number;
  close(): Promise<void>;
}

const servers: FakeHost[] = [];

/** A stand-in for main/browser-host.ts: same message protocol, answers from `handler`. */
async function startFakeHost(handler: Handler, port = 0): Promise<FakeHost> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port, path: '/ws' });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  const address = wss.address();
  if (address === null || typeof address === 'string') throw new Error('unexpected address');
  const host: FakeHost = {
    port: address.port,
    received: [],
    connections: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
  wss.on('connection', (socket) => {
    host.connections += 1;
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as ClientMessage;
      host.received.push(message);
      handler(message, socket);
    });
  });
  servers.push(host);
  return host;
}

const appInfo: AppInfo = { version: '1.2.3', shell: 'browser', platform: 'linux', keychain: { available: false, reason: 'no dbus' } };

function answer(socket: ServerSocket, id: number, result: unknown): void {
  socket.send(JSON.stringify({ id, result }));
}

function useTransport(port: number, options: Partial<ConstructorParameters<typeof WebSocketTransport>[0]> = {}): WebSocketTransport {
  const transport = new WebSocketTransport({
    url: `ws://127.0.0.1:${port}/ws`,
    // The `ws` client has the browser WebSocket interface the transport uses (on* handlers, send, readyState).
    WebSocketImpl: NodeWebSocket as unknown as typeof WebSocket,
    minDelayMs: 20,
    maxDelayMs: 100,
    ...options,
  });
  setConsoleTransport(transport);
  return transport;
}

async function rejection(promise: Promise<unknown>): Promise<ConsoleError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ConsoleError);
  return error as ConsoleError;
}

afterEach(async () => {
  setConsoleTransport(null);
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('callConsole over the WebSocket transport', () => {
  it('sends {id, channel, request} and resolves with the parsed response', async () => {
    const host = await startFakeHost((message, socket) => answer(socket, message.id, { ok: true, value: appInfo }));
    useTransport(host.port);
    await expect(callConsole('app:info', {})).resolves.toEqual(appInfo);
    expect(host.received).toEqual([{ id: expect.any(Number), channel: 'app:info', request: {} }]);
  });

  it('matches answers to calls by id, whatever their order', async () => {
    const held: ClientMessage[] = [];
    const host = await startFakeHost((message, socket) => {
      held.push(message);
      if (held.length < 2) return;
      for (const pending of held.reverse()) {
        const value = pending.channel === 'app:info' ? appInfo : [];
        answer(socket, pending.id, { ok: true, value });
      }
    });
    useTransport(host.port);
    const [info, profiles] = await Promise.all([callConsole('app:info', {}), callConsole('profiles:list', {})]);
    expect(info).toEqual(appInfo);
    expect(profiles).toEqual([]);
  });

  it.each([
    ['PIN_MISMATCH', { expected: 'A'.repeat(43) + '=', actual: 'B'.repeat(43) + '=' }],
    ['ACCOUNT_LOCKED', { lockedUntil: '2026-01-01T10:00:00Z' }],
    ['RATE_LIMITED', { retryAfter: 30 }],
    ['INVALID_CREDENTIALS', undefined],
  ] as const)('turns a %s failure into a ConsoleError with its details', async (code, details) => {
    const host = await startFakeHost((message, socket) =>
      answer(socket, message.id, { ok: false, error: { code, message: 'from backend', ...(details ? { details } : {}) } }),
    );
    useTransport(host.port);
    const error = await rejection(callConsole('session:signIn', { profileId: 'p1', login: 'admin', password: 'x', remember: false }));
    expect(error.code).toBe(code);
    expect(error.message).toBe('from backend');
    expect(error.details).toEqual(details);
  });

  it.each([
    ['a value that breaks the contract', { ok: true, value: { version: 1 } }],
    ['a result that is no CallResult', { status: 'fine' }],
    ['an error with an unknown code', { ok: false, error: { code: 'TEAPOT', message: 'x' } }],
  ])('rejects %s as MALFORMED_RESPONSE', async (_label, result) => {
    const host = await startFakeHost((message, socket) => answer(socket, message.id, result));
    useTransport(host.port);
    expect((await rejection(callConsole('app:info', {}))).code).toBe('MALFORMED_RESPONSE');
  });

  it('rejects an invalid request as VALIDATION without sending it', async () => {
    const host = await startFakeHost((message, socket) => answer(socket, message.id, { ok: true, value: { ok: true } }));
    useTransport(host.port);
    const error = await rejection(callConsole('profiles:delete', { id: 42 as unknown as string }));
    expect(error.code).toBe('VALIDATION');
    expect(error.details?.errors).toEqual([expect.objectContaining({ path: 'id' })]);
    expect(host.received).toEqual([]);
  });

  it('fails a sent call with UNREACHABLE when the socket dies, then reconnects for the next call', async () => {
    let dropNext = true;
    const host = await startFakeHost((message, socket) => {
      if (dropNext) {
        dropNext = false;
        socket.terminate();
        return;
      }
      answer(socket, message.id, { ok: true, value: appInfo });
    });
    useTransport(host.port);
    expect((await rejection(callConsole('app:info', {}))).code).toBe('UNREACHABLE');
    await expect(callConsole('app:info', {})).resolves.toEqual(appInfo);
    expect(host.connections).toBe(2);
  });

  it('queues calls while the host is down and sends them once it is back', async () => {
    const probe = await startFakeHost(() => undefined);
    const port = probe.port;
    await probe.close();
    servers.splice(servers.indexOf(probe), 1);

    useTransport(port, { queueTimeoutMs: 5_000 });
    const pending = callConsole('app:info', {});
    await new Promise((resolve) => setTimeout(resolve, 150));
    const host = await startFakeHost((message, socket) => answer(socket, message.id, { ok: true, value: appInfo }), port);
    await expect(pending).resolves.toEqual(appInfo);
    expect(host.received).toHaveLength(1);
  });

  it('gives up on a queued call with UNREACHABLE when no host answers in time', async () => {
    const probe = await startFakeHost(() => undefined);
    const port = probe.port;
    await probe.close();
    useTransport(port, { queueTimeoutMs: 200 });
    expect((await rejection(callConsole('app:info', {}))).code).toBe('UNREACHABLE');
  });

  it('fails pending calls when the transport is closed', async () => {
    const host = await startFakeHost(() => undefined);
    const transport = useTransport(host.port);
    const pending = callConsole('app:info', {});
    await new Promise((resolve) => setTimeout(resolve, 100));
    transport.close();
    expect((await rejection(pending)).code).toBe('UNREACHABLE');
    expect((await rejection(callConsole('app:info', {}))).code).toBe('UNREACHABLE');
  });
});

describe('electron transport', () => {
  it('calls the preload function of the channel', async () => {
    const bridge = { 'app:info': async () => ({ ok: true, value: appInfo }) } as unknown as PortalConsoleBridge;
    setConsoleTransport(electronTransport(bridge));
    await expect(callConsole('app:info', {})).resolves.toEqual(appInfo);
  });

  it('maps a missing preload function to UNKNOWN_CHANNEL and a rejected invoke to INTERNAL', async () => {
    setConsoleTransport(electronTransport({} as PortalConsoleBridge));
    expect((await rejection(callConsole('app:info', {}))).code).toBe('UNKNOWN_CHANNEL');
    const failing = { 'app:info': async () => Promise.reject(new Error('ipc gone')) } as unknown as PortalConsoleBridge;
    setConsoleTransport(electronTransport(failing));
    const error = await rejection(callConsole('app:info', {}));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toBe('ipc gone');
  });
});

describe('cancelled calls', () => {
  it('reject at once with the abort reason and drop the late answer', async () => {
    let answer: (result: { ok: true; value: unknown }) => void = () => {};
    setConsoleTransport({ call: () => new Promise((resolve) => (answer = resolve)) });
    const controller = new AbortController();
    const call = callConsole('app:info', {}, { signal: controller.signal });
    controller.abort(new Error('superseded'));
    await expect(call).rejects.toThrow('superseded');
    answer({ ok: true, value: { malformed: true } });
    await expect(callConsole('app:info', {}, { signal: controller.signal })).rejects.toThrow('superseded');
  });

  it('are cancelled in Electron through the preload by the id the call carried', async () => {
    const ids: Array<number | undefined> = [];
    const cancelled: number[] = [];
    const bridge = { 'app:info': (_request: unknown, callId?: number) => (ids.push(callId), new Promise(() => {})) } as unknown as PortalConsoleBridge;
    setConsoleTransport(electronTransport(bridge, (callId) => cancelled.push(callId)));
    const controller = new AbortController();
    const call = callConsole('app:info', {}, { signal: controller.signal });
    void callConsole('app:info', {}, { signal: new AbortController().signal });
    controller.abort(new Error('superseded'));
    await expect(call).rejects.toThrow('superseded');
    expect(ids).toEqual([1, 2]);
    expect(cancelled).toEqual([1]);
  });

  it('still answer when the signal is never aborted', async () => {
    setConsoleTransport({ call: async () => ({ ok: true, value: appInfo }) });
    await expect(callConsole('app:info', {}, { signal: new AbortController().signal })).resolves.toEqual(appInfo);
  });
});

describe('browserHostSocketUrl', () => {
  it.each([
    [{ protocol: 'http:', host: '127.0.0.1:5173' }, 'ws://127.0.0.1:5173/ws'],
    [{ protocol: 'https:', host: 'console.example.com' }, 'wss://console.example.com/ws'],
  ])('%o -> %s', (location, url) => {
    expect(browserHostSocketUrl(location)).toBe(url);
  });
});
