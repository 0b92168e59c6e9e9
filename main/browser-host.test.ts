import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Backend } from './backend';
import { startBrowserHost, type BrowserHost } from './browser-host';
import { precompressDir } from './precompress';

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
  await mkdir(join(rendererDir, 'assets'));
  await writeFile(join(rendererDir, 'assets', 'index-Ab12Cd34.js'), ASSET);
  expect(precompressDir(rendererDir)).toEqual([join(rendererDir, 'assets', 'index-Ab12Cd34.js')]);
  host = await startBrowserHost({ backend: fakeBackend, rendererDir });
});

afterAll(async () => {
  await host?.close();
  await rm(rendererDir, { recursive: true, force: true });
});

const ASSET = `export const words = ${JSON.stringify(Array.from({ length: 2000 }, (_, i) => `word${i % 50}`))};\n`;

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

describe('browser host assets', () => {
  // Node's fetch decompresses transparently: the raw encoding is checked on the headers and the content on the text.
  const get = (path: string, acceptEncoding: string) => fetch(`${host.origin}${path}`, { headers: { cookie, 'accept-encoding': acceptEncoding } });

  it('sends hashed assets brotli-compressed, cached as immutable for a year', async () => {
    const response = await get('/assets/index-Ab12Cd34.js', 'gzip, deflate, br');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(response.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(Number(response.headers.get('content-length'))).toBeLessThan(ASSET.length / 10);
    expect(await response.text()).toBe(ASSET);
  });

  it('falls back to gzip, and to the plain file for a client that accepts neither', async () => {
    const gzip = await get('/assets/index-Ab12Cd34.js', 'gzip');
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(await gzip.text()).toBe(ASSET);
    const plain = await get('/assets/index-Ab12Cd34.js', 'identity');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(await plain.text()).toBe(ASSET);
  });

  it('makes the browser revalidate index.html on every start', async () => {
    const response = await get('/', 'gzip, br');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
  });

  it('keeps refused requests and unknown files out of every cache', async () => {
    const refused = await fetch(`${host.origin}/assets/index-Ab12Cd34.js`);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('cache-control')).toBe('no-store');
    const missing = await get('/assets/missing-00000000.js', 'br');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe('no-store');
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
