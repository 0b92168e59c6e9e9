import { z } from 'zod';
import { SessionUser } from './session';
import { UserDisplayName, UserEmail, UserLogin } from './users';

/** POST /sessions/current/password answers the signed-in user, no longer flagged "must change". */
export const ChangeOwnPasswordResponse = z.object({ user: SessionUser });
export type ChangeOwnPasswordResponse = z.infer<typeof ChangeOwnPasswordResponse>;

/**
 * POST /registrations (public): self-registration while the policy's membership mode is `open`, or with the
 * registration code and an invitation code (for the invited e-mail) while it is `invitation`.
 */
export const RegistrationRequest = z.object({
  login: UserLogin,
  displayName: UserDisplayName,
  email: UserEmail,
  password: z.string().min(1).max(1024),
  /** Required in membership mode `invitation` (security sheet: "Registrierungscode ist erforderlich"). */
  registrationCode: z.string().max(100).optional(),
  /** Required in membership mode `invitation`: the one-time code of an open invitation for this e-mail. */
  invitationCode: z.string().max(100).optional(),
});
export type RegistrationRequest = z.infer<typeof RegistrationRequest>;

export const RegistrationResponse = z.object({ id: z.string(), login: z.string() });
export type RegistrationResponse = z.infer<typeof RegistrationResponse>;
