import { X509Certificate, createHash } from 'node:crypto';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { Agent, buildConnector } from 'undici';
import { ConsoleError } from '../../common/errors';
import type { CertificateInfo } from '../../common/contract';

export interface Pins {
  primary: string;
  backup?: string | null;
}

export function spkiPinOf(certificate: X509Certificate): string {
  const spkiDer = certificate.publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spkiDer).digest('base64');
}

export function pinMatches(actual: string, pins: Pins): 'primary' | 'backup' | null {
  if (actual === pins.primary) return 'primary';
  if (pins.backup && actual === pins.backup) return 'backup';
  return null;
}

export function pinMismatchError(actual: string, pins: Pins): ConsoleError {
  return new ConsoleError(
    'PIN_MISMATCH',
    `The portal presented a certificate with SPKI pin ${actual}, but the profile pins ${pins.primary}` +
      (pins.backup ? ` (backup ${pins.backup})` : ''),
    { expected: pins.primary, backup: pins.backup ?? null, actual },
  );
}

const CONNECT_TIMEOUT_MS = 10_000;

/**
 * An undici Agent whose every new TLS connection is checked against the pins before undici may write
 * a single byte of a request on it. TLS session caching is off so no connection skips the handshake;
 * the peer certificate is checked anyway, which also covers a resumed session should caching ever be
 * turned on. Chain validation is off on purpose: the pin is the trust anchor (self-signed portals).
 */
export function createPinnedAgent(pins: Pins, options: { timeoutMs?: number } = {}): Agent {
  const baseConnect = buildConnector({
    rejectUnauthorized: false,
    maxCachedSessions: 0,
    timeout: options.timeoutMs ?? CONNECT_TIMEOUT_MS,
  });
  const pinnedConnect: buildConnector.connector = (connectOptions, callback) => {
    baseConnect(connectOptions, (error, socket) => {
      if (error) return callback(error, null);
      const peer = (socket as TLSSocket).getPeerX509Certificate?.();
      const actual = peer ? spkiPinOf(peer) : '(no certificate)';
      if (peer && pinMatches(actual, pins)) return callback(null, socket);
      socket.destroy();
      callback(pinMismatchError(actual, pins), null);
    });
  };
  return new Agent({
    connect: pinnedConnect,
    keepAliveTimeout: 30_000,
    headersTimeout: 30_000,
    bodyTimeout: 60_000,
  });
}

/** First contact: complete a TLS handshake, read the certificate, send nothing, close. */
export function inspectCertificate(url: string, timeoutMs = CONNECT_TIMEOUT_MS): Promise<Omit<CertificateInfo, 'matches'>> {
  const target = new URL(url);
  const port = Number(target.port || 443);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({
      host,
      port,
      servername: isIpAddress(host) ? undefined : host,
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new ConsoleError('TIMEOUT', `No TLS handshake with ${target.host} within ${timeoutMs} ms`, { host: target.host }));
    }, timeoutMs);
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

export function describeCertificate(certificate: X509Certificate, now = new Date()): Omit<CertificateInfo, 'matches'> {
  const validTo = new Date(certificate.validTo);
  const validFrom = new Date(certificate.validFrom);
  return {
    subject: oneLine(certificate.subject),
    issuer: oneLine(certificate.issuer),
    validFrom: validFrom.toISOString(),
    validTo: validTo.toISOString(),
    subjectAltNames: (certificate.subjectAltName ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    spki: spkiPinOf(certificate),
    fingerprint256: certificate.fingerprint256,
    selfSigned: certificate.checkIssued(certificate),
    expired: now > validTo || now < validFrom,
  };
}

function oneLine(distinguishedName: string): string {
  return distinguishedName.split('\n').filter(Boolean).join(', ');
}

function isIpAddress(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Maps a Node/undici transport failure to a console error. */
export function transportError(error: unknown, host: string): ConsoleError {
  if (error instanceof ConsoleError) return error;
  const cause = (error as { cause?: unknown })?.cause;
  if (cause instanceof ConsoleError) return cause;
  const code = errorCode(error) ?? errorCode(cause) ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (TIMEOUT_CODES.has(code)) return new ConsoleError('TIMEOUT', `${host} did not answer in time`, { host, cause: code });
  if (UNREACHABLE_CODES.has(code)) return new ConsoleError('UNREACHABLE', `${host} cannot be reached (${code})`, { host, cause: code });
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || /ssl|tls|certificate/i.test(message)) {
    return new ConsoleError('TLS_ERROR', `TLS with ${host} failed: ${message}`, { host, cause: code || message });
  }
  return new ConsoleError('UNREACHABLE', `${host} cannot be reached: ${message}`, { host, cause: code || message });
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : undefined;
}
