import type { FastifyRequest } from 'fastify';
import type { PortalContext } from '../context';
import { problem } from '../http/problem';
import { activatingMemberAllows, assertPasswordChangeAllows } from './password-change-gate';
import { areasOfAccount } from './admin-roles';
import { findSessionByToken, revokeSession } from './sessions';
import { bearerTokenOf } from './tokens';

export interface Actor {
  id: string;
  login: string;
}

export interface RequestSession {
  tokenHash: string;
  expiresAt: Date;
}

function unauthorized(code: string, detail: string) {
  return problem(401, 'Unauthorized', { code, detail });
}

/**
 * Authenticates `Authorization: Bearer` against the sessions table and admits administrators only (and
 * members who signed in with an activation code, to set their first password).
 * Sets `request.actor` and `request.session`. Idempotent, so it may be listed twice on a route.
 */
export function createRequireAdmin(ctx: Pick<PortalContext, 'db' | 'now'>) {
  return async function requireAdmin(request: FastifyRequest): Promise<void> {
    if (request.session !== null) return;
    const token = bearerTokenOf(request.headers.authorization);
    if (token === null) throw unauthorized('not_signed_in', 'Sign in and send the session token as a Bearer token.');
    const found = await findSessionByToken(ctx.db, token);
    if (found === null) throw unauthorized('not_signed_in', 'The session token is not valid.');
    if (found.expiresAt.getTime() <= ctx.now().getTime()) {
      await revokeSession(ctx.db, found.tokenHash);
      throw unauthorized('session_expired', 'The session has expired; sign in again.');
    }
    if (!found.user.enabled) throw unauthorized('account_disabled', 'The account is disabled.');
    if (!found.user.isAdmin && !activatingMemberAllows(request, found.user)) {
      throw problem(403, 'Forbidden', { code: 'not_admin', detail: 'The admin API is for administrators only.' });
    }
    assertPasswordChangeAllows(request, found.user.mustChangePassword);
    request.actor = { id: found.user.id, login: found.user.login };
    request.session = { tokenHash: found.tokenHash, expiresAt: found.expiresAt };
    request.adminAreas = areasOfAccount(found.user);
  };
}
