import { z } from 'zod';
import { Environment } from '../portal-api/common';
import { PortalInfo, SessionUser } from '../portal-api/session';
import { call, Empty, Ok } from './define';
import { ProfileView } from './profiles';

export const SessionState = z.object({
  profileId: z.string(),
  profileName: z.string(),
  /** The more sensitive of the profile's and the portal's declared environment. */
  environment: Environment,
  portal: PortalInfo,
  user: SessionUser,
  expiresAt: z.string(),
  /** False while the portal's security policy disables "remember me" (no password was kept in the keychain). */
  rememberMeAllowed: z.boolean(),
  /** Read-only (the profile's setting or chosen at sign-in): main refuses every call that would change the portal. */
  readOnly: z.boolean().optional(),
  /** The profile and the portal declare different environments: both are said at sign-in and in the banner. */
  environmentMismatch: z.object({ profile: Environment, portal: Environment }).nullable().optional(),
});
export type SessionState = z.infer<typeof SessionState>;

export const SignIn = z.object({
  profileId: z.string(),
  login: z.string().trim().min(1).max(200),
  /** Omit to use the password stored in the OS keychain. */
  password: z.string().min(1).max(1024).optional(),
  remember: z.boolean(),
  /** Read-only for this session; a read-only profile is read-only whatever this says. */
  readOnly: z.boolean().optional(),
});
export type SignIn = z.infer<typeof SignIn>;

export const sessionContract = {
  'session:signIn': call(SignIn, SessionState, 'local'),
  'session:current': call(Empty, SessionState.nullable(), 'read'),
  /** At start-up: sign in to the last used profile with the password from the keychain, if there is one. */
  'session:autoSignIn': call(Empty, SessionState.nullable(), 'local'),
  'session:signOut': call(Empty, Ok, 'local'),
  'session:forgetPassword': call(z.object({ profileId: z.string() }), ProfileView, 'local'),
  'session:changePassword': call(
    z.object({ currentPassword: z.string().min(1), newPassword: z.string().min(1) }),
    SessionState,
    'write',
  ),
  'portal:info': call(Empty, PortalInfo, 'read'),
  /**
   * "Open another portal": Electron opens another window (its own workspace) and answers opened; the browser
   * host answers not opened, and the page opens a tab of the console instead.
   */
  'session:openWorkspace': call(z.object({ profileId: z.string().optional() }), z.object({ opened: z.boolean() }), 'local'),
};
