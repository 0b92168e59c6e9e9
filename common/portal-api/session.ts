import { z } from 'zod';
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

export const LoginRequest = z.object({
  login: z.string().min(1).max(200),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const SessionUser = z.object({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
  isAdmin: z.boolean(),
  mustChangePassword: z.boolean(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const LoginResponse = z.object({
  token: z.string(),
  expiresAt: IsoDateTime,
  user: SessionUser,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const ChangeOwnPasswordRequest = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
});
export type ChangeOwnPasswordRequest = z.infer<typeof ChangeOwnPasswordRequest>;
