import { z } from 'zod';
import { Problem, PROBLEM_CONTENT_TYPE } from '../../common/portal-api/problem';

/**
 * Completes the generated OpenAPI document for clients generated from it: an operationId per
 * operation, the problem+json answers each operation can give, an explicit (empty) security on public
 * operations, servers and licence. Checked by portal/openapi-document.test.ts with Redocly's
 * recommended rules.
 */

type JsonObject = Record<string, unknown>;

interface Operation extends JsonObject {
  summary?: string;
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  security?: unknown[];
  responses?: Record<string, unknown>;
  operationId?: string;
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

/** The answers, by status: what they mean for a client. */
const PROBLEM_RESPONSES: Record<string, { name: string; description: string }> = {
  '400': { name: 'BadRequest', description: 'The request is not valid (validation errors in `errors`; NUL or lone surrogates anywhere; a bad cursor).' },
  '401': { name: 'Unauthorized', description: 'No valid session (or, at sign-in, wrong login or password).' },
  '403': { name: 'Forbidden', description: 'Not allowed: not an administrator, or the session may only change its password first.' },
  '404': { name: 'NotFound', description: 'There is no such resource.' },
  '412': { name: 'PreconditionFailed', description: 'If-Match does not match: `current` and `currentEtag` carry the current version.' },
  '413': { name: 'PayloadTooLarge', description: 'The body is larger than this operation accepts.' },
  '415': { name: 'UnsupportedMediaType', description: 'The body is not JSON.' },
  '423': { name: 'Locked', description: 'The account is locked after too many failed sign-ins (`lockedUntil`).' },
  '428': { name: 'PreconditionRequired', description: 'A change must send If-Match with the ETag it is based on.' },
  '429': { name: 'TooManyRequests', description: 'Rate limited: retry after `retryAfter` seconds (also the Retry-After header).' },
};

/** Operations that change a resource under optimistic concurrency say so in their summary: "(If-Match". */
function usesIfMatch(operation: Operation): boolean {
  return /\(If-Match\b/.test(operation.summary ?? '');
}

function isPublic(operation: Operation): boolean {
  return operation.security === undefined || operation.security.length === 0;
}

function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** GET /api/v1/users/{id}/password -> getUsersByIdPassword. */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/v1\/?/, '')
    .split('/')
    .filter(Boolean)
    .flatMap((segment) => {
      const parameter = /^\{(\w+)\}$/.exec(segment);
      if (parameter !== null) return [`By${capitalised(parameter[1]!)}`];
      return segment.split(/[^A-Za-z0-9]+/).filter(Boolean).map(capitalised);
    });
  return `${method}${words.join('')}`;
}

function statusesOf(method: string, path: string, operation: Operation): string[] {
  const statuses = ['400', '429'];
  const signIn = method === 'post' && path.endsWith('/sessions');
  if (!isPublic(operation) || signIn) statuses.push('401');
  if (!isPublic(operation)) statuses.push('403');
  if (signIn) statuses.push('423');
  if ((operation.parameters ?? []).some((parameter) => parameter.in === 'path')) statuses.push('404');
  if (operation.requestBody !== undefined) statuses.push('413', '415');
  if (usesIfMatch(operation)) statuses.push('412', '428');
  return statuses.sort();
}

function ifMatchParameter(): JsonObject {
  return {
    in: 'header',
    name: 'If-Match',
    required: true,
    description: 'The ETag of the version the change is based on (428 without it, 412 when it is not the current one).',
    schema: { type: 'string' },
  };
}

function completeOperation(method: string, path: string, operation: Operation): void {
  operation.operationId ??= operationIdOf(method, path);
  if (isPublic(operation)) operation.security = [];
  const responses = (operation.responses ??= {});
  if (Object.keys(responses).every((status) => !status.startsWith('2'))) responses['2XX'] = { description: 'Success' };
  for (const status of statusesOf(method, path, operation)) {
    responses[status] ??= { $ref: `#/components/responses/${PROBLEM_RESPONSES[status]!.name}` };
  }
  if (usesIfMatch(operation) && !(operation.parameters ?? []).some((parameter) => parameter.in === 'header' && parameter.name.toLowerCase() === 'if-match')) {
    operation.parameters = [...(operation.parameters ?? []), ifMatchParameter() as { in: string; name: string }];
  }
}

/** `anyOf: [{}, {type: 'null'}]` (zod's unknown().nullable()) is simply "any value". */
function simplifyAnyOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(simplifyAnyOf);
  if (node === null || typeof node !== 'object') return node;
  const object = node as JsonObject;
  const anyOf = object.anyOf;
  if (Array.isArray(anyOf) && anyOf.some((item) => item !== null && typeof item === 'object' && Object.keys(item).length === 0)) {
    const { anyOf: _dropped, ...rest } = object;
    return simplifyAnyOf(rest);
  }
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, simplifyAnyOf(value)]));
}

function problemComponents(): { schemas: JsonObject; responses: JsonObject } {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(Problem, { io: 'output' }) as JsonObject;
  const responses = Object.fromEntries(
    Object.values(PROBLEM_RESPONSES).map(({ name, description }) => [
      name,
      { description, content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } } },
    ]),
  );
  return { schemas: { Problem: schema }, responses };
}

export function completeOpenApiDocument<T>(generated: T): T {
  const document = simplifyAnyOf(generated) as JsonObject & { paths?: Record<string, Record<string, Operation>>; components?: JsonObject };
  const seen = new Set<string>();
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = operations[method];
      if (operation === undefined) continue;
      completeOperation(method, path, operation);
      if (seen.has(operation.operationId!)) throw new Error(`OpenAPI: operationId ${operation.operationId} is not unique`);
      seen.add(operation.operationId!);
    }
  }
  const components = (document.components ??= {}) as { schemas?: JsonObject; responses?: JsonObject };
  const problem = problemComponents();
  components.schemas = { ...components.schemas, ...problem.schemas };
  components.responses = { ...components.responses, ...problem.responses };
  document.servers = [{ url: '/', description: 'This portal (the admin API is under /api/v1)' }];
  const info = (document.info ??= {}) as JsonObject;
  info.license ??= { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' };
  return document as T;
}
