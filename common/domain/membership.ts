import type { SecurityPolicy } from '../portal-api/security-policy';

/**
 * Who may join and invite, as the security sheet's "Mitgliedschaftsoptionen" say. Shared by the portal (which
 * enforces it) and the console (which shows it). The registration code rule is `registrationCodeRequired` in
 * password-policy.ts, next to the code's other checks.
 */

type Membership = Pick<SecurityPolicy['membership'], 'mode' | 'inviters'>;

/** Who asks to invite: an administrator (console) or a member (the portal's member side). */
export type InvitingRole = 'admin' | 'member';

/**
 * Invitations exist only in "Mitglieder können nur auf Einladung beitreten". Administrators may always invite there;
 * members only under "Mitglieder können Einladungen senden". With "Jeder kann eine Einladung anfordern", anyone asks
 * and administrators grant or refuse.
 */
export function mayInvite(membership: Membership, role: InvitingRole): boolean {
  if (membership.mode !== 'invitation') return false;
  return role === 'admin' || membership.inviters === 'members';
}

/** "Jeder kann eine Einladung anfordern": the public request for an invitation is open. */
export function invitationRequestsOpen(membership: Membership): boolean {
  return membership.mode === 'invitation' && membership.inviters === 'anyone';
}

/** Why no invitation may be sent now; each is a problem code the portal answers and a text the console shows. */
export type InvitationBlock = 'invitations_admins_only' | 'invitations_open_mode' | 'invitations_never_send_passwords';

/**
 * Whether an invitation (which carries a one-time code, a credential) may be sent at all:
 * - "Administratoren erstellen alle neuen Mitgliedskonten (Keine Einladungen per E-Mail zulässig)": not in admins_only;
 * - "Für jeden offen": nobody needs one;
 * - "Kennwörter dürfen unter keinen Umständen per E-Mail gesendet werden (Hiermit deaktivieren Sie die Funktionen
 *   "Einladung senden" und "Passwort vergessen".)": not while that setting is on.
 * null: allowed.
 */
export function invitationBlock(policy: Pick<SecurityPolicy, 'membership' | 'password'>): InvitationBlock | null {
  if (policy.membership.mode === 'admins_only') return 'invitations_admins_only';
  if (policy.membership.mode === 'open') return 'invitations_open_mode';
  if (policy.password.neverSendByEmail) return 'invitations_never_send_passwords';
  return null;
}

/** "Passwort vergessen" and any mail with a password or a code to set one: off while "never send by e-mail" is on. */
export function passwordMailsAllowed(policy: Pick<SecurityPolicy, 'password'>): boolean {
  return !policy.password.neverSendByEmail;
}
