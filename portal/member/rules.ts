import { invitationBlock, invitationRequestsOpen, mayInvite, passwordMailsAllowed } from '../../common/domain/membership';
import type { FunctionAccess, MemberCaller } from '../../common/portal-api/member';
import type { FunctionPermission } from '../../common/portal-api/rights';
import type { SecurityPolicy } from '../../common/portal-api/security-policy';

/**
 * What members, guests and outsiders may do, decided from the policy and the function permissions as stored at the
 * time of the call. Pure: the routes read both per request and ask here.
 */

export interface Caller {
  kind: MemberCaller;
  /** The signed-in member (kind `member` only). */
  member: { id: string; login: string; displayName: string; isAdmin: boolean } | null;
}

/** An unauthenticated caller: a guest while "Gastzugriff zulassen" is on, otherwise an outsider. */
export function anonymousCaller(policy: Pick<SecurityPolicy, 'guests'>): Caller {
  return { kind: policy.guests.enabled ? 'guest' : 'outsider', member: null };
}

/**
 * "Datenschutz für Mitglieder": everyone (guests too) / members / only administrators. A member who is an
 * administrator counts as one here.
 */
export function maySeeMembers(caller: Caller, visibility: SecurityPolicy['memberDataVisibility']): boolean {
  if (caller.kind === 'outsider') return false;
  if (visibility === 'everyone') return true;
  if (caller.kind !== 'member') return false;
  return visibility === 'members' || caller.member?.isAdmin === true;
}

/** Guests see e-mail addresses of nobody; members do. */
export function mayReadEmails(caller: Caller): boolean {
  return caller.kind === 'member';
}

/**
 * One function for one caller: members always read and add unless "Nur Administratoren können ... hinzufügen" (then
 * administrators only); guests read with "Gäste können abrufen" and add with "Gäste können teilnehmen"; outsiders
 * nothing.
 */
export function functionAccess(caller: Caller, permission: FunctionPermission): FunctionAccess {
  const access = (read: boolean, add: boolean): FunctionAccess => ({ function: permission.function, read, add });
  if (caller.kind === 'member') return access(true, permission.members === 'add' || caller.member?.isAdmin === true);
  if (caller.kind === 'guest') return access(permission.guests !== 'none', permission.guests === 'participate');
  return access(false, false);
}

/** A guest may open an application an administrator listed among the areas open to guests (by id or by name). */
export function guestMayLaunch(policy: Pick<SecurityPolicy, 'guests'>, application: { id: string; name: string }): boolean {
  if (!policy.guests.enabled) return false;
  const name = application.name.trim().toLowerCase();
  return policy.guests.allowedAreas.some((area) => area === application.id || area.trim().toLowerCase() === name);
}

/** Registration is open to someone without a session in modes `open` and `invitation` (with codes), never otherwise. */
export function mayRegister(caller: Caller, policy: Pick<SecurityPolicy, 'membership'>): boolean {
  return caller.kind !== 'member' && policy.membership.mode !== 'admins_only';
}

export function mayRequestInvitation(caller: Caller, policy: Pick<SecurityPolicy, 'membership'>): boolean {
  return caller.kind !== 'member' && invitationRequestsOpen(policy.membership);
}

/** A member sends an invitation: invitation mode, "Mitglieder können Einladungen senden", and invitations not switched off. */
export function memberMayInvite(caller: Caller, policy: Pick<SecurityPolicy, 'membership' | 'password'>): boolean {
  if (caller.kind !== 'member') return false;
  const role = caller.member?.isAdmin === true ? 'admin' : 'member';
  return mayInvite(policy.membership, role) && invitationBlock(policy) === null;
}

export { passwordMailsAllowed };
