import type { LookupFunction } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { Agent, buildConnector, request } from 'undici';
import type { InstanceProbe } from '../../common/contract/instances';
import { ConsoleError } from '../../common/errors';
import { HealthResponse } from '../../common/portal-api/health';
import { describeCertificate, pinMatches, pinMismatchError, spkiPinOf, transportError } from './pinning';

const PROBE_TIMEOUT_MS = 5_000;

export interface ProbeOptions {
  timeoutMs?: number;
  /** Name resolution (tests resolve made-up instance names to 127.0.0.1). */
  lookup?: LookupFunction;
}

function targetOf(url: string) {
  const target = new URL(url);
  return { target, host: target.hostname.replace(/^\[|\]$/g, ''), port: Number(target.port || 443) };
}

/** The certificate the instance presents; nothing is sent. */
function handshake(url: string, options: Required<Pick<ProbeOptions, 'timeoutMs'>> & ProbeOptions) {
  const { target, host, port } = targetOf(url);
  return new Promise<ReturnType<typeof describeCertificate>>((resolve, reject) => {
    const socket = tlsConnect({ host, port, servername: host, rejectUnauthorized: false, ALPNProtocols: ['http/1.1'], lookup: options.lookup });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new ConsoleError('TIMEOUT', `No TLS handshake with ${target.host} within ${options.timeoutMs} ms`, { host: target.host }));
    }, options.timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const peer = socket.getPeerX509Certificate();
      socket.end();
      if (!peer) return reject(new ConsoleError('TLS_ERROR', 'The server presented no certificate', { host: target.host }));
      resolve(describeCertificate(peer));
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(transportError(error, target.host));
    });
  });
}

/** An agent that talks only to the key just seen, so the health answer comes from the instance that was inspected. */
function agentPinnedTo(spki: string, options: ProbeOptions & { timeoutMs: number }): Agent {
  const baseConnect = buildConnector({ rejectUnauthorized: false, maxCachedSessions: 0, timeout: options.timeoutMs, ...(options.lookup && { lookup: options.lookup }) });
  return new Agent({
    connect: (connectOptions, callback) => {
      baseConnect(connectOptions, (error, socket) => {
        if (error) return callback(error, null);
        const peer = (socket as TLSSocket).getPeerX509Certificate?.();
        const actual = peer ? spkiPinOf(peer) : '(no certificate)';
        if (peer && pinMatches(actual, { primary: spki })) return callback(null, socket);
        socket.destroy();
        callback(pinMismatchError(actual, { primary: spki }), null);
      });
    },
  });
}

async function readHealth(url: string, spki: string, options: ProbeOptions & { timeoutMs: number }): Promise<HealthResponse> {
  const agent = agentPinnedTo(spki, options);
  const { target } = targetOf(url);
  try {
    const response = await request(new URL('/api/v1/health', url), {
      dispatcher: agent,
      headers: { accept: 'application/json' },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    }).catch((error: unknown) => {
      throw transportError(error, target.host);
    });
    const text = await response.body.text();
    if (response.statusCode !== 200) {
      throw new ConsoleError('SERVER_ERROR', `${target.host} answered the health check with HTTP ${response.statusCode}`, { host: target.host });
    }
    const parsed = HealthResponse.safeParse(JSON.parse(text));
    if (!parsed.success) throw new ConsoleError('MALFORMED_RESPONSE', `${target.host} answered the health check, but not as a portal does`, { host: target.host });
    return parsed.data;
  } catch (error) {
    if (error instanceof SyntaxError) throw new ConsoleError('MALFORMED_RESPONSE', `${target.host} answered the health check with something that is not JSON`);
    throw error;
  } finally {
    await agent.close();
  }
}

/**
 * First look at an instance without credentials: the TLS handshake (its certificate) and GET /api/v1/health over a
 * connection held to that certificate's key. Nothing is pinned: adding the instance as a profile runs the usual
 * certificate check. Failures are an answer ("not reachable" and why), not an error.
 */
export async function probeInstance(url: string, options: ProbeOptions = {}): Promise<InstanceProbe> {
  const settings = { ...options, timeoutMs: options.timeoutMs ?? PROBE_TIMEOUT_MS };
  try {
    const certificate = await handshake(url, settings);
    const health = await readHealth(url, certificate.spki, settings);
    return {
      state: 'reachable',
      version: health.version,
      certificate: { subject: certificate.subject, spki: certificate.spki, selfSigned: certificate.selfSigned, expired: certificate.expired },
    };
  } catch (error) {
    const failure = error instanceof ConsoleError ? error : transportError(error, new URL(url).host);
    return { state: 'unreachable', code: failure.code, message: failure.message };
  }
}
