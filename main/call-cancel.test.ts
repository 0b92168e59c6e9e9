import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { UserPage } from '../common/portal-api/users';
import { WebSocketTransport } from '../renderer/src/lib/ws-transport';
import type { Backend } from './backend';
import { startBrowserHost, type BrowserHost } from './browser-host';
import { PortalClient } from './services/portal-client';

/**
 * The whole path of a cancel: the renderer's transport aborts a call, the browser host aborts its signal, and
 * the backend's portal request (undici) is aborted, so the portal sees its client go.
 */
let portal: Server;
let host: BrowserHost;
let rendererDir: string;
let cookie = '';
const arrived: IncomingMessage[] = [];
const results: Array<{ channel: string; error?: string }> = [];

beforeAll(async () => {
  // A portal that never answers: the request stays open until its client leaves.
  portal = createServer((request) => arrived.push(request));
  await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
  const client = new PortalClient(`http://127.0.0.1:${(portal.address() as { port: number }).port}`, new Agent());
  const backend = {
    dispatch: async (channel: string) => {
      try {
        await client.get('/users', UserPage, { timeoutMs: 5_000 });
        return { ok: true as const, value: null };
      } catch (error) {
        results.push({ channel, error: String((error as { details?: { cancelled?: boolean } }).details?.cancelled) });
        return { ok: false as const, error: { code: 'UNREACHABLE' as const, message: 'cancelled' } };
      }
    },
    closeWorkspace: async () => undefined,
  } as unknown as Backend;
  rendererDir = await mkdtemp(join(tmpdir(), 'portal-console-cancel-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Portal Console</title>');
  host = await startBrowserHost({ backend, rendererDir });
  const signIn = await fetch(host.url, { redirect: 'manual' });
  cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
});

afterAll(async () => {
  await host?.close();
  portal?.closeAllConnections();
  await new Promise((resolve) => portal?.close(resolve));
  await rm(rendererDir, { recursive: true, force: true });
});

function transport(): WebSocketTransport {
  const origin = host.origin;
  const headers = { cookie, origin };
  class SignedInSocket extends WebSocket {
    constructor(url: string) {
      super(url, { headers });
    }
  }
  return new WebSocketTransport({ url: `${origin.replace(/^http/, 'ws')}/ws`, WebSocketImpl: SignedInSocket as unknown as typeof globalThis.WebSocket });
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 3_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('cancelling a call', () => {
  it('aborts the portal request the backend made for an aborted read', async () => {
    const calls = transport();
    const controller = new AbortController();
    const answer = calls.call('users:list', { limit: 100 }, controller.signal);
    await until(() => arrived.length === 1, 'the portal request');
    let portalSawClientGo = false;
    arrived[0]!.socket.once('close', () => (portalSawClientGo = true));
    controller.abort(new Error('superseded'));
    await expect(answer).rejects.toThrow('superseded');
    await until(() => portalSawClientGo, 'the portal to see its client go');
    await until(() => results.length === 1, 'the backend call to end');
    expect(results[0]).toEqual({ channel: 'users:list', error: 'true' });
    calls.close();
  });

  it('leaves a write alone: it may already have changed the portal', async () => {
    const calls = transport();
    const controller = new AbortController();
    const answer = calls.call('users:create', {}, controller.signal);
    await until(() => arrived.length === 2, 'the portal request');
    let portalSawClientGo = false;
    arrived[1]!.socket.once('close', () => (portalSawClientGo = true));
    controller.abort(new Error('gone'));
    await expect(answer).rejects.toThrow('gone');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(portalSawClientGo).toBe(false);
    calls.close();
  });
});
