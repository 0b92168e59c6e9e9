import type { FastifyRequest } from 'fastify';
import { problem } from '../http/problem';

/**
 * What a session may do while its user must change the password (flagged by an administrator, expired,
 * or no longer meeting the policy): read who it is and the portal and policy (so the console can check
 * the new password live), change the password, sign out. Everything else answers 403.
 */
const allowedWhileChangeRequired: ReadonlySet<string> = new Set([
  'GET /api/v1/sessions/current',
  'DELETE /api/v1/sessions/current',
  'POST /api/v1/sessions/current/password',
  'GET /api/v1/portal',
  'GET /api/v1/security-policy',
]);

/**
 * A member (not an administrator) reaches this admin API only through an activation code, and then only
 * to set the first password and sign out; the policy document (with the registration code) stays hidden.
 */
const allowedToActivatingMembers: ReadonlySet<string> = new Set([
  'GET /api/v1/sessions/current',
  'DELETE /api/v1/sessions/current',
  'POST /api/v1/sessions/current/password',
  'GET /api/v1/portal',
]);

export function routeKey(request: FastifyRequest): string {
  return `${request.method} ${request.routeOptions.url ?? ''}`;
}

export function assertPasswordChangeAllows(request: FastifyRequest, mustChangePassword: boolean): void {
  if (!mustChangePassword || allowedWhileChangeRequired.has(routeKey(request))) return;
  throw problem(403, 'Forbidden', {
    code: 'password_change_required',
    detail: 'Change your password first (POST /api/v1/sessions/current/password).',
  });
}

/** Whether a member's session may make this request: opened with an activation code, password not yet set. */
export function activatingMemberAllows(request: FastifyRequest, user: { mustChangePassword: boolean; hasPassword: boolean }): boolean {
  return user.mustChangePassword && !user.hasPassword && allowedToActivatingMembers.has(routeKey(request));
}
