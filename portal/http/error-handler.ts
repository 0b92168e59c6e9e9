import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, type Problem } from '../../common/portal-api/problem';
import { describeError } from '../logs/safe-error';
import { isProblemError, problem, type ProblemError } from './problem';

type ValidationIssue = { instancePath?: string; message?: string };

const FASTIFY_CLIENT_ERRORS: Record<string, { status: number; code: string; title?: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'malformed_json', title: 'Malformed JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'empty_body' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'invalid_content_length' },
  FST_ERR_BAD_URL: { status: 400, code: 'bad_url' },
};

/** PostgreSQL errors that only a client's input can cause; everything else stays a 500. */
const DATABASE_CLIENT_ERRORS: Record<string, { status: number; code: string; detail: string }> = {
  '23505': { status: 409, code: 'conflict', detail: 'A resource with these unique values already exists.' },
  '23503': { status: 409, code: 'conflict', detail: 'The change refers to a resource that does not exist or is still in use.' },
  '23514': { status: 400, code: 'constraint_violation', detail: 'The values violate a rule of the resource.' },
  '22001': { status: 400, code: 'value_too_long', detail: 'A value is longer than allowed.' },
  '22P02': { status: 400, code: 'invalid_value', detail: 'A value has the wrong format.' },
};

function dottedPath(instancePath: string | undefined): string {
  return (instancePath ?? '').split('/').filter(Boolean).join('.');
}

function validationProblem(error: FastifyError): ProblemError {
  const issues = (error.validation ?? []) as ValidationIssue[];
  const part = error.validationContext === 'querystring' ? 'query' : (error.validationContext ?? 'request');
  return problem(400, 'Bad Request', {
    code: 'validation_failed',
    detail: `The ${part} is not valid.`,
    errors: issues.map((issue) => ({ path: dottedPath(issue.instancePath), message: issue.message ?? 'Invalid value' })),
  });
}

function databaseErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Maps any thrown value to the problem the client sees; null means "internal error". */
export function toClientProblem(error: unknown): ProblemError | null {
  if (isProblemError(error)) return error;
  const fastifyError = error as Partial<FastifyError>;
  if (Array.isArray(fastifyError.validation)) return validationProblem(error as FastifyError);
  const known = typeof fastifyError.code === 'string' ? FASTIFY_CLIENT_ERRORS[fastifyError.code] : undefined;
  if (known !== undefined) {
    const message = fastifyError.message ?? '';
    const errors = known.code === 'malformed_json' ? [{ path: '', message }] : undefined;
    return problem(known.status, known.title, { code: known.code, detail: message, ...(errors && { errors }) });
  }
  const dbCode = databaseErrorCode(error);
  const dbProblem = dbCode === undefined ? undefined : DATABASE_CLIENT_ERRORS[dbCode];
  if (dbProblem !== undefined) return problem(dbProblem.status, undefined, { code: dbProblem.code, detail: dbProblem.detail });
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Framework client errors carry short, fixed messages without internals.
    return problem(status, undefined, { code: STATUS_CODES[status]?.toLowerCase().replace(/\W+/g, '_') ?? 'client_error', detail: fastifyError.message });
  }
  return null;
}

export function sendProblem(reply: FastifyReply, error: ProblemError): FastifyReply {
  const body: Problem = { ...error.body };
  if (body.status === 429 && body.retryAfter !== undefined) reply.header('retry-after', String(Math.ceil(body.retryAfter)));
  if (body.status === 401 && error.headers['www-authenticate'] === undefined) reply.header('www-authenticate', 'Bearer');
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  return reply.code(body.status).type(PROBLEM_CONTENT_TYPE).serializer(JSON.stringify).send(body);
}

function internalProblem(): ProblemError {
  return problem(500, 'Internal Server Error', { code: 'internal', detail: 'The portal could not process the request.' });
}

export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const clientProblem = toClientProblem(error);
  if (clientProblem !== null) return sendProblem(reply, clientProblem);
  // Never the error object itself: a failed query carries its SQL parameters (see describeError).
  request.log.error({ error: describeError(error) }, 'request failed');
  return sendProblem(reply, internalProblem());
}

const PROBED_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

function allowedMethods(app: FastifyInstance, path: string): string[] {
  return PROBED_METHODS.filter((method) => app.findRoute({ method, url: path }) !== null);
}

/** Unknown paths answer 404; known paths with the wrong method answer 405 with `Allow`. */
export function handleNotFound(app: FastifyInstance) {
  return (request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = allowedMethods(app, path);
    if (allowed.length > 0) {
      return sendProblem(
        reply,
        problem(405, 'Method Not Allowed', {
          code: 'method_not_allowed',
          detail: `${request.method} is not supported here.`,
          headers: { allow: allowed.join(', ') },
        }),
      );
    }
    return sendProblem(reply, problem(404, 'Not Found', { code: 'not_found', detail: 'There is no such resource.' }));
  };
}

/** Installs problem+json for every error path: handlers, validation, parsing, unknown routes, framework errors. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => handleError(error, request, reply));
  app.setNotFoundHandler(handleNotFound(app));
}
