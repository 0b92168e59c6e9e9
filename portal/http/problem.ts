import { STATUS_CODES } from 'node:http';
import type { Problem } from '../../common/portal-api/problem';

export type ProblemExtras = Omit<Partial<Problem>, 'status' | 'title'> & {
  /** Response headers to send along (e.g. `Retry-After`, `WWW-Authenticate`). */
  headers?: Record<string, string>;
};

/** A throwable RFC 9457 problem; the error handler answers it verbatim as application/problem+json. */
export class ProblemError extends Error {
  readonly statusCode: number;
  readonly body: Problem;
  readonly headers: Record<string, string>;

  constructor(status: number, title: string, extras: ProblemExtras = {}) {
    super(extras.detail ?? title);
    this.name = 'ProblemError';
    const { headers = {}, ...fields } = extras;
    this.statusCode = status;
    this.headers = headers;
    this.body = { type: 'about:blank', ...fields, title, status };
  }
}

/** `throw problem(404, 'Not Found', { code: 'user_not_found' })`. */
export function problem(status: number, title?: string, extras: ProblemExtras = {}): ProblemError {
  return new ProblemError(status, title ?? STATUS_CODES[status] ?? 'Error', extras);
}

export function isProblemError(value: unknown): value is ProblemError {
  return value instanceof ProblemError;
}
