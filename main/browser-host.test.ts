import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Backend } from './backend';
import { startBrowserHost, type BrowserHost } from './browser-host';

let rendererDir: string;
let host: BrowserHost;
const dispatched: { channel: string; request: unknown }[] = [];

const fakeBackend = {
  dispatch: async (channel: string, request: unknown) => {
    dispatched.push({ channel, request });
    return { ok: true as const, value: { echoed: channel } };
  },
} as unknown as Backend;

beforeAll(async () => {
  rendererDir = await mkdtemp(join(tmpdir(), 'portal-console-host-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Portal Console</title>');
  host = await startBrowserHost({ backend: fakeBackend, rendererDir });
});

afterAll(async () => {
  await host?.close();
  await rm(rendererDir, { recursive: true, force: true });
});

const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;
let cookie = '';

describe('browser host sign-in link', () => {
  it('refuses every request before the link was opened', async () => {
    const response = await fetch(`${host.origin}/`);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Open the link printed by `npm start`');
  });

  it('refuses a wrong token', async () => {
    const response = await fetch(`${host.origin}/?token=${'x'.repeat(43)}`, { redirect: 'manual' });
    expect(response.status).toBe(403);
  });

  it('exchanges the one-time token for an HttpOnly, SameSite=Strict cookie', async () => {
    const response = await fetch(host.url, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    cookie = setCookie.split(';')[0]!;
    expect(cookie).not.toContain(tokenOf(host.url));
  });

  it('spends the token: the same link does not work twice', async () => {
    const response = await fetch(host.url, { redirect: 'manual' });
    expect(response.status).toBe(403);
  });

  it('serves the renderer with a content security policy to the holder of the cookie', async () => {
    const response = await fetch(`${host.origin}/`, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await response.text()).toContain('Portal Console');
  });
});

function openSocket(headers: Record<string, string>): Promise<{ socket: WebSocket; opened: boolean; closed: Promise<number> }> {
  const socket = new WebSocket(`${host.origin.replace('http', 'ws')}/ws`, { headers });
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  return new Promise((resolve) => {
    socket.once('open', () => resolve({ socket, opened: true, closed }));
    socket.once('error', () => resolve({ socket, opened: false, closed }));
  });
}

describe('browser host contract socket', () => {
  it('refuses a socket without the cookie', async () => {
    const { opened, closed } = await openSocket({ origin: host.origin });
    await closed;
    expect(opened).toBe(false);
    expect(dispatched).toHaveLength(0);
  });

  it('closes a socket from another origin', async () => {
    const { closed } = await openSocket({ origin: 'http://evil.example', cookie });
    expect(await closed).toBe(1008);
    expect(dispatched).toHaveLength(0);
  });

  it('answers calls from its own origin with the cookie', async () => {
    const { socket } = await openSocket({ origin: host.origin, cookie });
    const answer = new Promise<unknown>((resolve) => socket.once('message', (data) => resolve(JSON.parse(data.toString()))));
    socket.send(JSON.stringify({ id: 7, channel: 'app:info', request: {} }));
    expect(await answer).toEqual({ id: 7, result: { ok: true, value: { echoed: 'app:info' } } });
    expect(dispatched).toEqual([{ channel: 'app:info', request: {} }]);
    socket.close();
  });

  it('closes the socket on a malformed message', async () => {
    const { socket, closed } = await openSocket({ origin: host.origin, cookie });
    socket.send('not json');
    expect(await closed).toBe(1003);
  });
});
