import type { FastifyRequest } from 'fastify';
import { problem } from './problem';

/**
 * Strong ETag of a versioned resource: `"<id>.v<version>"`, or `"v<version>"` for singletons.
 * Strong because If-Match uses strong comparison (RFC 9110 13.1.1).
 */
export function etagOf(version: number, id?: string): string {
  return id === undefined ? `"v${version}"` : `"${id}.v${version}"`;
}

/** The entity tags listed in an If-Match header (`*` stays `*`). */
export function parseIfMatch(header: string): string[] {
  return [...header.matchAll(/\*|(?:W\/)?"[^"]*"/g)].map((match) => match[0]);
}

function ifMatchHeader(request: FastifyRequest): string | undefined {
  const value = request.headers['if-match'];
  const joined = Array.isArray(value) ? value.join(',') : value;
  return joined === undefined || joined.trim() === '' ? undefined : joined;
}

/**
 * Enforces optimistic concurrency on a change: 428 when If-Match is missing, 412 (carrying the current
 * representation and its ETag so the client can show both versions) when it does not match.
 */
export function checkIfMatch(request: FastifyRequest, currentEtag: string, currentRepresentation: unknown): void {
  const header = ifMatchHeader(request);
  if (header === undefined) {
    throw problem(428, 'Precondition Required', {
      code: 'if_match_required',
      detail: 'Changes must send If-Match with the ETag of the version they are based on.',
    });
  }
  const tags = parseIfMatch(header);
  // Weak tags never match under the strong comparison If-Match requires.
  if (tags.includes('*') || tags.includes(currentEtag)) return;
  throw problem(412, 'Precondition Failed', {
    code: 'etag_mismatch',
    detail: 'The resource was changed by someone else since it was read.',
    current: currentRepresentation,
    currentEtag,
  });
}
