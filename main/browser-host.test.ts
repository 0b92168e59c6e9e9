import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { Backend } from './backend';
import { startBrowserHost, type BrowserHost } from './browser-host';
import { precompressDir } from './precompress';

let rendererDir: string;
let host: BrowserHost;
const dispatched: { channel: string; request: unknown; workspace?: string }[] = [];
const closedWorkspaces: string[] = [];

const fakeBackend = {
  dispatch: async (channel: string, request: unknown, workspace?: string) => {
    dispatched.push({ channel, request, workspace });
    return { ok: true as const, value: { echoed: channel, workspace } };
  },
  closeWorkspace: async (workspace: string) => {
    closedWorkspaces.push(workspace);
  },
} as unknown as Backend;

beforeAll(async () => {
  rendererDir = await mkdtemp(join(tmpdir(), 'portal-console-host-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Portal Console</title>');
  await mkdir(join(rendererDir, 'assets'));
  await writeFile(join(rendererDir, 'assets', 'index-Ab12Cd34.js'), ASSET);
  expect(precompressDir(rendererDir)).toEqual([join(rendererDir, 'assets', 'index-Ab12Cd34.js')]);
  host = await startBrowserHost({ backend: fakeBackend, rendererDir, workspaceGraceMs: 300 });
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

interface OpenSocket {
  socket: WebSocket;
  opened: boolean;
  closed: Promise<number>;
  /** The workspace token the host issued to this socket (its first message). */
  token: Promise<string>;
  /** Answers to calls, by call id. */
  call(id: number, channel: string): Promise<{ id: number; result: { ok: boolean; value?: { workspace?: string } } }>;
}

function openSocket(headers: Record<string, string>, workspace?: string): Promise<OpenSocket> {
  const query = workspace === undefined ? '' : `?workspace=${encodeURIComponent(workspace)}`;
  const socket = new WebSocket(`${host.origin.replace('http', 'ws')}/ws${query}`, { headers });
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  const answers = new Map<number, (message: never) => void>();
  const token = new Promise<string>((resolve) => {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { workspace?: string; id?: number };
      if (message.workspace !== undefined) resolve(message.workspace);
      else answers.get(message.id!)?.(message as never);
    });
  });
  const call: OpenSocket['call'] = (id, channel) =>
    new Promise((resolve) => {
      answers.set(id, resolve);
      socket.send(JSON.stringify({ id, channel, request: {} }));
    });
  return new Promise((resolve) => {
    socket.once('open', () => resolve({ socket, opened: true, closed, token, call }));
    socket.once('error', () => resolve({ socket, opened: false, closed, token, call }));
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

  it('answers calls from its own origin with the cookie, in the workspace of the socket', async () => {
    const { socket, call, token } = await openSocket({ origin: host.origin, cookie });
    expect(await token).toMatch(/^[\w-]{43}$/);
    const answer = await call(7, 'app:info');
    expect(answer).toEqual({ id: 7, result: { ok: true, value: { echoed: 'app:info', workspace: expect.stringMatching(/^tab-\d+$/) } } });
    expect(dispatched).toEqual([{ channel: 'app:info', request: {}, workspace: answer.result.value?.workspace }]);
    socket.close();
  });

  it('closes the socket on a malformed message', async () => {
    const { socket, closed } = await openSocket({ origin: host.origin, cookie });
    socket.send('not json');
    expect(await closed).toBe(1003);
  });
});

describe('browser host workspaces (one per tab)', () => {
  const workspaceOf = async (open: OpenSocket, id: number) => (await open.call(id, 'session:current')).result.value?.workspace;

  it('gives each tab its own workspace, and a reloaded tab its own again', async () => {
    const first = await openSocket({ origin: host.origin, cookie });
    const second = await openSocket({ origin: host.origin, cookie });
    const [firstWorkspace, secondWorkspace] = [await workspaceOf(first, 1), await workspaceOf(second, 1)];
    expect(firstWorkspace).not.toBe(secondWorkspace);

    const token = await first.token;
    first.socket.close();
    await first.closed;
    const reloaded = await openSocket({ origin: host.origin, cookie }, token);
    expect(await reloaded.token).toBe(token);
    expect(await workspaceOf(reloaded, 2)).toBe(firstWorkspace);
    reloaded.socket.close();
    second.socket.close();
  });

  it('never lets a tab name a workspace that another live tab holds, nor a made-up one', async () => {
    const owner = await openSocket({ origin: host.origin, cookie });
    const ownerWorkspace = await workspaceOf(owner, 1);
    const intruder = await openSocket({ origin: host.origin, cookie }, await owner.token);
    expect(await intruder.token).not.toBe(await owner.token);
    expect(await workspaceOf(intruder, 1)).not.toBe(ownerWorkspace);
    const guesser = await openSocket({ origin: host.origin, cookie }, 'tab-1');
    expect(await workspaceOf(guesser, 1)).not.toMatch(/^tab-1$/);
    for (const open of [owner, intruder, guesser]) open.socket.close();
  });

  it('needs the host cookie for a token too: without it the socket is refused', async () => {
    const owner = await openSocket({ origin: host.origin, cookie });
    const { opened } = await openSocket({ origin: host.origin }, await owner.token);
    expect(opened).toBe(false);
    owner.socket.close();
  });

  it('signs out the workspace of a tab that is gone for longer than a reload takes', async () => {
    const tab = await openSocket({ origin: host.origin, cookie });
    const workspace = await workspaceOf(tab, 1);
    tab.socket.close();
    await tab.closed;
    await vi.waitFor(() => expect(closedWorkspaces).toContain(workspace), { timeout: 3_000 });
    const late = await openSocket({ origin: host.origin, cookie }, await tab.token);
    expect(await late.token).not.toBe(await tab.token);
    late.socket.close();
  });
});
