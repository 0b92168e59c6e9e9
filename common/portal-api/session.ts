import { z } from 'zod';
import { AdminArea } from '../domain/admin-areas';
import { Environment, IsoDateTime, ReleaseTrack } from './common';

export const PortalInfo = z.object({
  name: z.string(),
  version: z.string(),
  track: ReleaseTrack,
  environment: Environment,
  timeZone: z.string(),
  supportPackage: z.enum(['starter', 'advanced', 'professional', 'premium']),
});
export type PortalInfo = z.infer<typeof PortalInfo>;

/** How long a session lasts unless it is remembered. */
export const SESSION_HOURS = 8;
/** How long a remembered session lasts ("remember me", where the security policy allows it). */
export const REMEMBERED_SESSION_DAYS = 30;

export const LoginRequest = z.object({
  login: z.string().min(1).max(200),
  password: z.string().min(1).max(1024),
  /** "Remember me": a session of REMEMBERED_SESSION_DAYS instead of SESSION_HOURS, unless the security policy disables it. */
  remember: z.boolean().optional(),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const SessionUser = z.object({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
  isAdmin: z.boolean(),
  mustChangePassword: z.boolean(),
  /** The admin API areas this administrator may use (administrator roles); absent from portals without roles: every area. */
  adminAreas: z.array(AdminArea).optional(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const LoginResponse = z.object({
  token: z.string(),
  expiresAt: IsoDateTime,
  /** Whether this session got the remembered lifetime (asked for, and allowed by the policy). */
  remembered: z.boolean(),
  /**
   * False while the security policy disables "remember me": no long sessions, and clients keep no
   * password for this portal (the console's keychain included).
   */
  rememberMeAllowed: z.boolean(),
  user: SessionUser,
  /** The portal's identity (as GET /portal), so a client needs no second request; portals before it omit it. */
  portal: PortalInfo.optional(),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const ChangeOwnPasswordRequest = z.object({
  /** Needed unless the account has no password yet (the session was opened with an activation code). */
  currentPassword: z.string().min(1).max(1024).optional(),
  newPassword: z.string().min(1).max(1024),
});
export type ChangeOwnPasswordRequest = z.infer<typeof ChangeOwnPasswordRequest>;
