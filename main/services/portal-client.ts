import type { Readable } from 'node:stream';
import { request, type Dispatcher } from 'undici';
import type { z } from 'zod';
import { ConsoleError } from '../../common/errors';
import { Problem } from '../../common/portal-api/problem';
import { streamFailure } from '../../common/portal-api/streams';
import { callSignal } from './call-signal';
import { transportError } from './pinning';

export interface PortalRequest {
  query?: Record<string, string | number | boolean | undefined | null | string[]>;
  body?: unknown;
  /** Raw body with its content type (CSV uploads, attachments). */
  rawBody?: { contentType: string; data: string | Buffer };
  ifMatch?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** Aborts the request; by default the signal of the contract call being served (see call-signal.ts). */
  signal?: AbortSignal;
}

export interface PortalResponse<T> {
  status: number;
  etag: string | null;
  data: T;
  headers: Record<string, string | string[] | undefined>;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** One signed-in (or anonymous) conversation with a portal over a pinned dispatcher. */
export class PortalClient {
  constructor(
    readonly baseUrl: string,
    private readonly dispatcher: Dispatcher,
    private token: string | null = null,
  ) {}

  get host(): string {
    return new URL(this.baseUrl).host;
  }

  withToken(token: string | null): PortalClient {
    return new PortalClient(this.baseUrl, this.dispatcher, token);
  }

  get<S extends z.ZodTypeAny>(path: string, schema: S, options: PortalRequest = {}) {
    return this.send('GET', path, schema, options);
  }
  post<S extends z.ZodTypeAny>(path: string, schema: S, options: PortalRequest = {}) {
    return this.send('POST', path, schema, options);
  }
  put<S extends z.ZodTypeAny>(path: string, schema: S, options: PortalRequest = {}) {
    return this.send('PUT', path, schema, options);
  }
  patch<S extends z.ZodTypeAny>(path: string, schema: S, options: PortalRequest = {}) {
    return this.send('PATCH', path, schema, options);
  }
  delete<S extends z.ZodTypeAny>(path: string, schema: S, options: PortalRequest = {}) {
    return this.send('DELETE', path, schema, options);
  }

  /** Like send, but returns the body as text (CSV exports, logs). */
  async text(method: Dispatcher.HttpMethod, path: string, options: PortalRequest = {}): Promise<PortalResponse<string>> {
    const response = await this.exchange(method, path, options);
    const text = await readBody(response, this.host);
    if (response.statusCode >= 400) throw problemError(response.statusCode, text, this.host, response.headers);
    const failure = streamFailure(text);
    if (failure !== null) {
      throw new ConsoleError('SERVER_ERROR', `The portal stopped ${method} ${path} part-way; the answer is incomplete: ${failure}`, {
        host: this.host,
        incomplete: true,
        detail: failure,
      });
    }
    return { status: response.statusCode, etag: headerValue(response.headers.etag), data: text, headers: response.headers };
  }

  /**
   * The raw answer, body unread, for what must stream (archive downloads and uploads): `upload` is sent as the
   * body as it is read. An error answer (4xx/5xx) is read and thrown as usual.
   */
  async stream(method: Dispatcher.HttpMethod, path: string, options: PortalRequest & { upload?: { contentType: string; body: Readable } } = {}) {
    const response = await this.exchange(method, path, options, options.upload);
    if (response.statusCode >= 400) throw problemError(response.statusCode, await readBody(response, this.host), this.host, response.headers);
    return response;
  }

  async send<S extends z.ZodTypeAny>(
    method: Dispatcher.HttpMethod,
    path: string,
    schema: S,
    options: PortalRequest = {},
  ): Promise<PortalResponse<z.output<S>>> {
    const response = await this.exchange(method, path, options);
    const text = await readBody(response, this.host);
    if (response.statusCode >= 400) throw problemError(response.statusCode, text, this.host, response.headers);
    const data = parseJsonBody(text, schema, `${method} ${path}`);
    return { status: response.statusCode, etag: headerValue(response.headers.etag), data, headers: response.headers };
  }

  private async exchange(method: Dispatcher.HttpMethod, path: string, options: PortalRequest, upload?: { contentType: string; body: Readable }) {
    const url = new URL(`/api/v1${path}`, this.baseUrl);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value === undefined || value === null || value === '') continue;
      if (Array.isArray(value)) value.forEach((v) => url.searchParams.append(key, v));
      else url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...options.headers };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (options.ifMatch) headers['if-match'] = options.ifMatch;
    let body: string | Buffer | Readable | undefined;
    if (upload) {
      headers['content-type'] = upload.contentType;
      body = upload.body;
    } else if (options.rawBody) {
      headers['content-type'] = options.rawBody.contentType;
      body = options.rawBody.data;
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const signal = options.signal ?? callSignal();
    try {
      return await request(url, { method, headers, body, dispatcher: this.dispatcher, headersTimeout: timeout, bodyTimeout: timeout, signal });
    } catch (error) {
      throw requestError(error, this.host, signal);
    }
  }
}

async function readBody(response: Dispatcher.ResponseData, host: string): Promise<string> {
  try {
    return await response.body.text();
  } catch (error) {
    throw requestError(error, host, callSignal());
  }
}

/** A request its caller cancelled is not a network failure: nobody waits for the answer any more. */
function requestError(error: unknown, host: string, signal: AbortSignal | undefined): ConsoleError {
  if (signal?.aborted === true) return new ConsoleError('UNREACHABLE', `The request to ${host} was cancelled by its caller.`, { host, cancelled: true });
  return transportError(error, host);
}

function parseJsonBody<S extends z.ZodTypeAny>(text: string, schema: S, what: string): z.output<S> {
  let json: unknown = undefined;
  if (text.length > 0) {
    try {
      json = JSON.parse(text);
    } catch {
      throw new ConsoleError('MALFORMED_RESPONSE', `${what}: the portal answered something that is not JSON`, { what });
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ConsoleError('MALFORMED_RESPONSE', `${what}: the portal's answer does not match the expected format`, {
      what,
      issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`),
    });
  }
  return parsed.data;
}

function headerValue(value: string | string[] | undefined): string | null {
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}

function parseProblem(text: string): Problem | null {
  try {
    const parsed = Problem.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Turns an HTTP error answer into the console error a person can act on. */
export function problemError(
  status: number,
  text: string,
  host: string,
  headers: Record<string, string | string[] | undefined> = {},
): ConsoleError {
  const problem = parseProblem(text);
  const detail = problem?.detail ?? problem?.title ?? `HTTP ${status}`;
  const base: Record<string, unknown> = { status, host };
  if (problem?.code) base.problemCode = problem.code;
  if (problem?.detail) base.detail = problem.detail;
  switch (status) {
    case 400:
    case 422:
      return new ConsoleError('VALIDATION', detail, { ...base, errors: problem?.errors ?? [] });
    case 401:
      // An expired activation code is a refused sign-in too; problemCode tells the console which one.
      return problem?.code === 'invalid_credentials' || problem?.code === 'activation_code_expired'
        ? new ConsoleError('INVALID_CREDENTIALS', detail, problem.expiredAt === undefined ? base : { ...base, expiredAt: problem.expiredAt })
        : new ConsoleError('SESSION_EXPIRED', detail, base);
    case 403:
      return problem?.code === 'password_change_required'
        ? new ConsoleError('PASSWORD_CHANGE_REQUIRED', detail, base)
        : new ConsoleError('FORBIDDEN', detail, problem?.missingRight === undefined ? base : { ...base, missingRight: problem.missingRight });
    case 404:
      return new ConsoleError('NOT_FOUND', detail, base);
    case 409:
      return new ConsoleError('CONFLICT', detail, {
        ...base,
        errors: problem?.errors ?? [],
        ...(problem?.cycle && { cycle: problem.cycle }),
        ...(problem?.dataImpact && { dataImpact: problem.dataImpact }),
        ...(problem?.count !== undefined && { count: problem.count }),
      });
    case 412:
      return new ConsoleError('PRECONDITION_FAILED', detail, { ...base, current: problem?.current, currentEtag: problem?.currentEtag });
    case 413:
      return new ConsoleError('PAYLOAD_TOO_LARGE', detail, base);
    case 423:
      return new ConsoleError('ACCOUNT_LOCKED', detail, { ...base, lockedUntil: problem?.lockedUntil ?? null });
    case 428:
      return new ConsoleError('PRECONDITION_REQUIRED', detail, base);
    case 429:
      return new ConsoleError('RATE_LIMITED', detail, { ...base, retryAfter: problem?.retryAfter ?? retryAfterHeader(headers) });
    default:
      if (status >= 500) return new ConsoleError('SERVER_ERROR', `The portal failed (HTTP ${status}): ${detail}`, base);
      return new ConsoleError('VALIDATION', detail, base);
  }
}

/** Retry-After is delay-seconds or an HTTP-date (RFC 9110, 10.2.3); missing or unreadable means unknown, not 0. */
function retryAfterHeader(headers: Record<string, string | string[] | undefined>, now = Date.now()): number | null {
  const value = headerValue(headers['retry-after'])?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}
