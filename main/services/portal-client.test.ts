import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConsoleError } from '../../common/errors';
import { LoginResponse } from '../../common/portal-api/session';
import { STREAM_FAILED_MARKER, streamFailureLine } from '../../common/portal-api/streams';
import { answer, startHttpsStub, startPlainHttpServer, startTcpListener, type StubHandler } from '../test-support/stub-servers';
import { generateKeyPair, type TestKeyPair } from '../test-support/tls-server';
import { createPinnedAgent } from './pinning';
import { PortalClient, problemError } from './portal-client';

/**
 * The sign-in request as SessionManager sends it (pinned agent, POST /sessions, LoginResponse), against
 * real local servers that fail in one way each. What the renderer shows is tested in renderer/; this is
 * where the transport and the answer become a ConsoleError code.
 */
const CREDENTIALS = { login: 'admin', password: 'secret-sign-in-password' };
const PROBLEM = 'application/problem+json';

let keys: TestKeyPair;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  keys = await generateKeyPair();
});

afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

function track<T extends { close(): Promise<unknown> }>(closable: T): T {
  cleanups.push(() => closable.close());
  return closable;
}

async function stub(handler: StubHandler) {
  return track(await startHttpsStub(keys, handler));
}

async function signInError(url: string, options: { connectTimeoutMs?: number; timeoutMs?: number } = {}): Promise<ConsoleError> {
  const agent = track(createPinnedAgent({ primary: keys.spki }, { timeoutMs: options.connectTimeoutMs }));
  const client = new PortalClient(url, agent);
  const error = await client.post('/sessions', LoginResponse, { body: CREDENTIALS, timeoutMs: options.timeoutMs }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConsoleError);
  return error as ConsoleError;
}

const hostOf = (url: string) => new URL(url).host;

describe('TLS failure', () => {
  it('a plain-HTTP server on the pinned address is a TLS error, and it never gets a request', async () => {
    const plain = track(await startPlainHttpServer());
    const error = await signInError(plain.url);
    expect(error).toMatchObject({ code: 'TLS_ERROR', details: { host: hostOf(plain.url), cause: 'ERR_SSL_WRONG_VERSION_NUMBER' } });
    expect(plain.requests()).toBe(0);
  });

  it('a plain-TCP service that speaks another protocol is a TLS error and sees no password', async () => {
    const ssh = track(await startTcpListener((socket) => socket.write('SSH-2.0-OpenSSH_9.2\r\n')));
    const error = await signInError(ssh.url);
    expect(error).toMatchObject({ code: 'TLS_ERROR', details: { host: hostOf(ssh.url), cause: 'ERR_SSL_WRONG_VERSION_NUMBER' } });
    await vi.waitFor(() => expect(ssh.connections()).toEqual({ accepted: 1, open: 0 }));
    expect(ssh.received().length).toBeGreaterThan(0);
    expect(ssh.received().includes(CREDENTIALS.password)).toBe(false);
  });

  // Deliberately not a TLS error: a TCP front (load balancer, port forward, the tcp-proxy's "refuse"
  // mode) whose portal is down accepts and closes exactly like this, and that is "unreachable".
  it('a connection closed during the handshake after TCP connected stays unreachable', async () => {
    const closer = track(await startTcpListener((socket) => socket.once('data', () => socket.destroy())));
    const error = await signInError(closer.url);
    expect(error).toMatchObject({ code: 'UNREACHABLE', details: { host: hostOf(closer.url), cause: 'ECONNRESET' } });
  });
});

describe('timeout', () => {
  it('an HTTPS portal that takes the request and never answers times out at the client timeout', async () => {
    const silent = await stub(() => undefined);
    const started = Date.now();
    const error = await signInError(silent.url, { timeoutMs: 300 });
    expect(error).toMatchObject({ code: 'TIMEOUT', details: { host: hostOf(silent.url), cause: 'UND_ERR_HEADERS_TIMEOUT' } });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(silent.received.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/v1/sessions']);
  });

  it('a listener that never completes the TLS handshake times out at the connect timeout', async () => {
    const mute = track(await startTcpListener(() => undefined));
    const error = await signInError(mute.url, { connectTimeoutMs: 300 });
    expect(error).toMatchObject({ code: 'TIMEOUT', details: { host: hostOf(mute.url), cause: 'UND_ERR_CONNECT_TIMEOUT' } });
  });
});

describe('server errors (5xx)', () => {
  it('500 problem+json keeps the status, detail and problem code', async () => {
    const failing = await stub((_request, response) =>
      answer(response, 500, PROBLEM, JSON.stringify({ title: 'Internal Server Error', status: 500, detail: 'Database unavailable', code: 'db_down' })),
    );
    const error = await signInError(failing.url);
    expect(error).toMatchObject({
      code: 'SERVER_ERROR',
      details: { status: 500, host: hostOf(failing.url), detail: 'Database unavailable', problemCode: 'db_down' },
    });
    expect(error.message).toBe('The portal failed (HTTP 500): Database unavailable');
  });

  it('502 with an HTML page from a gateway is a server error with its status', async () => {
    const gateway = await stub((_request, response) => answer(response, 502, 'text/html', '<html><body><h1>502 Bad Gateway</h1></body></html>'));
    const error = await signInError(gateway.url);
    expect(error).toMatchObject({ code: 'SERVER_ERROR', details: { status: 502, host: hostOf(gateway.url) } });
    expect(error.details).not.toHaveProperty('detail');
    expect(error.message).toBe('The portal failed (HTTP 502): HTTP 502');
  });
});

describe('malformed response', () => {
  it('200 with an HTML page is malformed: not JSON', async () => {
    const captive = await stub((_request, response) => answer(response, 200, 'text/html', '<!doctype html><title>Login</title>'));
    const error = await signInError(captive.url);
    expect(error).toMatchObject({ code: 'MALFORMED_RESPONSE', details: { what: 'POST /sessions' } });
    expect(error.message).toContain('not JSON');
  });

  it('200 JSON of the wrong shape is malformed and names the fields', async () => {
    const wrong = await stub((_request, response) => answer(response, 200, 'application/json', JSON.stringify({ token: 42, user: 'admin' })));
    const error = await signInError(wrong.url);
    expect(error).toMatchObject({ code: 'MALFORMED_RESPONSE', details: { what: 'POST /sessions' } });
    const issues = (error.details?.issues ?? []) as string[];
    expect(issues.map((issue) => issue.split(':')[0])).toEqual(expect.arrayContaining(['token', 'expiresAt', 'user']));
  });
});

describe('rate limited (429)', () => {
  const tooMany = (headers: Record<string, string>, extra: Record<string, unknown> = {}): StubHandler =>
    (_request, response) => answer(response, 429, PROBLEM, JSON.stringify({ title: 'Too Many Requests', status: 429, ...extra }), headers);

  it('takes the seconds to wait from Retry-After', async () => {
    const limited = await stub(tooMany({ 'retry-after': '17' }));
    const error = await signInError(limited.url);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', details: { status: 429, retryAfter: 17 } });
  });

  it('prefers the problem body’s retryAfter, as the reference portal sends both', async () => {
    const limited = await stub(tooMany({ 'retry-after': '17' }, { retryAfter: 9, code: 'rate_limited' }));
    expect(await signInError(limited.url)).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfter: 9, problemCode: 'rate_limited' } });
  });

  it('reads Retry-After given as an HTTP date', async () => {
    const limited = await stub(tooMany({ 'retry-after': new Date(Date.now() + 120_000).toUTCString() }));
    const retryAfter = (await signInError(limited.url)).details?.retryAfter as number;
    expect(retryAfter).toBeGreaterThan(110);
    expect(retryAfter).toBeLessThanOrEqual(121);
  });

  it('without Retry-After the wait is unknown, not zero seconds', async () => {
    const limited = await stub(tooMany({}));
    expect(await signInError(limited.url)).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfter: null } });
  });
});

describe('problemError on a 401', () => {
  const problem401 = (code: string, extra: Record<string, unknown> = {}) =>
    problemError(401, JSON.stringify({ type: 'about:blank', title: 'Unauthorized', status: 401, code, detail: 'd', ...extra }), 'portal.test');

  it.each([
    ['invalid_credentials', 'INVALID_CREDENTIALS'],
    ['activation_code_expired', 'INVALID_CREDENTIALS'],
    ['not_signed_in', 'SESSION_EXPIRED'],
  ])('maps %s to %s', (code, expected) => {
    const error = problem401(code);
    expect(error.code).toBe(expected);
    expect(error.details).toMatchObject({ status: 401, problemCode: code });
  });

  it('keeps when an activation code expired', () => {
    expect(problem401('activation_code_expired', { expiredAt: '2026-11-30T09:00:00.000Z' }).details).toMatchObject({ expiredAt: '2026-11-30T09:00:00.000Z' });
  });
});

describe('a streamed answer that failed part-way', () => {
  it('is a server error, not an incomplete file kept as whole', async () => {
    const cut = await stub((_request, response) =>
      answer(response, 200, 'text/csv; charset=utf-8', `login,displayName\r\nanna,Anna\r\n${streamFailureLine('The portal could not finish this export.')}`),
    );
    const client = new PortalClient(cut.url, track(createPinnedAgent({ primary: keys.spki })), 'token');
    const error = await client.text('GET', '/users/export').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConsoleError);
    expect(error).toMatchObject({ code: 'SERVER_ERROR', details: { incomplete: true, detail: 'The portal could not finish this export.' } });
  });

  it('a complete CSV whose cells merely mention the marker stays a CSV', async () => {
    const csv = `login,note\r\nanna,"${STREAM_FAILED_MARKER} is only text here"\r\n`;
    const whole = await stub((_request, response) => answer(response, 200, 'text/csv', csv));
    const client = new PortalClient(whole.url, track(createPinnedAgent({ primary: keys.spki })), 'token');
    expect((await client.text('GET', '/users/export')).data).toBe(csv);
  });
});
