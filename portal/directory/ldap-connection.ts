import { createHash, X509Certificate } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import tls, { type ConnectionOptions, type TLSSocket } from 'node:tls';
import { Client, FilterParser, InvalidCredentialsError, NoSuchObjectError, ResultCodeError } from 'ldapts';
import type { DirectoryCertificate, DirectoryFailure, DirectoryTestStep } from '../../common/portal-api/directory';

export const DIRECTORY_TIMEOUT_MS = 15_000;
const DEFAULT_PORTS = { ldaps: 636, ldap: 389 };

export interface DirectoryTarget {
  url: string;
  startTls: boolean;
  pin: string | null;
  timeoutMs?: number;
}

/** A directory step that failed, with what the console shows (never the password, never a stack). */
export class DirectoryError extends Error {
  constructor(readonly failure: DirectoryFailure) {
    super(`${failure.step}: ${failure.code}: ${failure.detail}`);
    this.name = 'DirectoryError';
  }
}

export function spkiPinOf(certificate: X509Certificate): string {
  return createHash('sha256').update(certificate.publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
}

export function describeCertificate(certificate: X509Certificate): DirectoryCertificate {
  const oneLine = (name: string) => name.split('\n').join(', ');
  return {
    subject: oneLine(certificate.subject),
    issuer: oneLine(certificate.issuer),
    validFrom: new Date(certificate.validFrom).toISOString(),
    validTo: new Date(certificate.validTo).toISOString(),
    spki: spkiPinOf(certificate),
  };
}

interface ParsedUrl {
  secure: boolean;
  host: string;
  port: number;
}

export function parseDirectoryUrl(url: string): ParsedUrl {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'ldaps:';
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  return { secure, host, port: parsed.port === '' ? (secure ? DEFAULT_PORTS.ldaps : DEFAULT_PORTS.ldap) : Number(parsed.port) };
}

function fail(step: DirectoryTestStep, code: DirectoryFailure['code'], detail: string, extra: Partial<DirectoryFailure> = {}): DirectoryError {
  return new DirectoryError({ step, code, detail, ...extra });
}

async function resolveHost(host: string): Promise<void> {
  if (isIP(host) !== 0) return;
  try {
    await lookup(host);
  } catch (error) {
    throw fail('dns', 'dns_not_found', `The name ${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? 'DNS error'}).`);
  }
}

function transportFailure(error: unknown, target: ParsedUrl): DirectoryError {
  if (error instanceof DirectoryError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  const where = `${target.host}:${target.port}`;
  if (code === 'ECONNREFUSED') return fail('connect', 'connect_refused', `Nothing accepts connections on ${where}.`);
  if (code === 'ETIMEDOUT' || /timeout/i.test(message)) return fail('connect', 'connect_timeout', `${where} did not answer in time.`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return fail('dns', 'dns_not_found', `The name ${target.host} does not resolve.`);
  if (code === 'ECONNRESET' || code.startsWith('ERR_SSL') || /SSL|TLS|certificate|handshake/i.test(message)) {
    return fail('tls', 'tls_failed', `The TLS handshake with ${where} failed: ${message.split('\n')[0]}`);
  }
  return fail('connect', 'connect_refused', `The connection to ${where} failed: ${message.split('\n')[0]}`);
}

/**
 * tls.connect, but the 'secureConnect' event (on which ldapts starts to send: the bind with its password) is only
 * passed on when the server's key matches the pin; otherwise the socket is destroyed with the mismatch, before any
 * byte of LDAP goes over it. Works for ldaps:// (ldapts connects with it) and StartTLS (ldapts upgrades with it).
 */
function pinnedTlsConnect(pin: string | null, seen: (certificate: X509Certificate | undefined, error?: DirectoryError) => void): typeof tls.connect {
  return ((...args: Parameters<typeof tls.connect>) => {
    const socket: TLSSocket = (tls.connect as (...a: unknown[]) => TLSSocket)(...args);
    const emit = socket.emit.bind(socket) as (event: string | symbol, ...rest: unknown[]) => boolean;
    socket.emit = ((event: string | symbol, ...rest: unknown[]) => {
      if (event === 'secureConnect') {
        const certificate = socket.getPeerX509Certificate();
        const actual = certificate === undefined ? '(no certificate)' : spkiPinOf(certificate);
        if (pin === null || actual !== pin) {
          const error =
            pin === null
              ? fail('tls', 'pin_missing', 'No certificate is pinned for this directory yet; fetch and trust its certificate first.', { actual })
              : fail('tls', 'pin_mismatch', `The directory presented a certificate with key ${actual}, but ${pin} is pinned.`, { expected: pin, actual });
          seen(certificate, error);
          socket.destroy(error);
          return false;
        }
        seen(certificate);
      }
      return emit(event, ...rest);
    }) as TLSSocket['emit'];
    return socket;
  }) as typeof tls.connect;
}

function tlsOptions(host: string): ConnectionOptions {
  // The chain is not checked (a directory's certificate is often self-signed or from an internal CA): the pin is.
  return { rejectUnauthorized: false, ...(isIP(host) === 0 ? { servername: host } : {}) };
}

/** A bound, pinned connection; `close` unbinds. */
export interface DirectoryConnection {
  client: Client;
  close(): Promise<void>;
}

/** Connects (ldaps:// or StartTLS), checks the pin, binds. Every failure is a DirectoryError naming the step. */
export async function openDirectory(target: DirectoryTarget, bindDn: string, password: string): Promise<DirectoryConnection> {
  const parsed = parseDirectoryUrl(target.url);
  await resolveHost(parsed.host);
  let pinFailure: DirectoryError | undefined;
  const secureConnect = pinnedTlsConnect(target.pin, (_certificate, error) => {
    pinFailure = error;
  });
  const timeout = target.timeoutMs ?? DIRECTORY_TIMEOUT_MS;
  const client = new Client({
    url: `${parsed.secure ? 'ldaps' : 'ldap'}://${isIP(parsed.host) === 6 ? `[${parsed.host}]` : parsed.host}:${parsed.port}`,
    timeout,
    connectTimeout: timeout,
    // ldapts breaks StartTLS when tlsOptions are given for an ldap:// client: they go to startTLS instead.
    ...(parsed.secure ? { tlsOptions: tlsOptions(parsed.host) } : {}),
    createSecureConnection: secureConnect,
  });
  const close = async () => {
    await client.unbind().catch(() => undefined);
  };
  try {
    if (!parsed.secure) await client.startTLS(tlsOptions(parsed.host));
  } catch (error) {
    await close();
    throw pinFailure ?? transportFailure(error, parsed);
  }
  try {
    await client.bind(bindDn, password);
  } catch (error) {
    await close();
    if (pinFailure) throw pinFailure;
    if (error instanceof InvalidCredentialsError) throw fail('bind', 'bind_invalid_credentials', `The directory refused the bind DN or password (${bindDn}).`);
    if (error instanceof ResultCodeError) throw fail('bind', 'bind_failed', `The bind as ${bindDn} failed: ${error.message}`);
    throw transportFailure(error, parsed);
  }
  return { client, close };
}

/** The server's certificate, read without binding (ldaps: the handshake; StartTLS: the upgrade). */
export async function fetchDirectoryCertificate(target: Omit<DirectoryTarget, 'pin'>): Promise<DirectoryCertificate> {
  const parsed = parseDirectoryUrl(target.url);
  await resolveHost(parsed.host);
  let certificate: X509Certificate | undefined;
  const timeout = target.timeoutMs ?? DIRECTORY_TIMEOUT_MS;
  const client = new Client({
    url: `${parsed.secure ? 'ldaps' : 'ldap'}://${parsed.host}:${parsed.port}`,
    timeout,
    connectTimeout: timeout,
    ...(parsed.secure ? { tlsOptions: tlsOptions(parsed.host) } : {}),
    createSecureConnection: pinnedTlsConnect(null, (seen) => {
      certificate = seen;
    }),
  });
  try {
    // Any operation connects; with no pin the connection ends right after the handshake, before the operation.
    if (parsed.secure) await client.search('', { scope: 'base', attributes: ['1.1'] });
    else await client.startTLS(tlsOptions(parsed.host));
  } catch (error) {
    if (certificate === undefined) throw transportFailure(error, parsed);
  } finally {
    await client.unbind().catch(() => undefined);
  }
  if (certificate === undefined) throw fail('tls', 'tls_failed', 'The directory sent no certificate.');
  return describeCertificate(certificate);
}

/** Filter syntax checked before anything is sent. */
export function checkFilter(step: 'user_filter' | 'group_filter', filter: string): void {
  try {
    FilterParser.parseString(filter);
  } catch (error) {
    throw fail(step, 'filter_syntax', `${filter} is not an LDAP filter: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A search failure, by step: a missing base DN, a filter the server refuses, anything else. */
export function searchFailure(step: 'base_dn' | 'user_filter' | 'group_filter', error: unknown, baseDn: string): DirectoryError {
  if (error instanceof DirectoryError) return error;
  if (error instanceof NoSuchObjectError) return fail('base_dn', 'base_dn_not_found', `The base DN ${baseDn} does not exist in the directory.`);
  const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  if (step !== 'base_dn' && /filter/i.test(message)) return fail(step, 'filter_syntax', message);
  return fail(step, 'search_failed', message);
}
