import { createHash, randomBytes } from 'node:crypto';
import type { SecurityPolicy } from '../../common/portal-api/security-policy';
import { REMEMBERED_SESSION_DAYS, SESSION_HOURS } from '../../common/portal-api/session';

export const SESSION_TTL_MS = SESSION_HOURS * 60 * 60 * 1000;
export const REMEMBERED_SESSION_TTL_MS = REMEMBERED_SESSION_DAYS * 24 * 60 * 60 * 1000;

export interface SessionLifetime {
  remembered: boolean;
  ttlMs: number;
}

/** "Remember me" gives the long lifetime only when the client asks for it and the policy does not disable it. */
export function sessionLifetime(rememberRequested: boolean, policy: Pick<SecurityPolicy, 'disableRememberMe'>): SessionLifetime {
  const remembered = rememberRequested && !policy.disableRememberMe;
  return { remembered, ttlMs: remembered ? REMEMBERED_SESSION_TTL_MS : SESSION_TTL_MS };
}

/** 32 random bytes, base64url: the bearer token handed to the client once. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Sessions are stored by this hash only, so a database leak does not leak usable tokens. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

/** Extracts the token of an `Authorization: Bearer <token>` header; null when absent or malformed. */
export function bearerTokenOf(header: string | undefined): string | null {
  if (header === undefined) return null;
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})\s*$/i.exec(header);
  return match?.[1] ?? null;
}
