import { z } from 'zod';

export const MembershipMode = z.enum(['admins_only', 'invitation', 'open']);
/**
 * Security sheet, under "nur auf Einladung": "Mitglieder können Einladungen senden" (members), "Nur Administratoren
 * können Einladungen senden" (admins), "Jeder kann eine Einladung anfordern" (anyone: administrators grant or refuse).
 */
export const Inviters = z.enum(['admins', 'members', 'anyone']);
export const MemberDataVisibility = z.enum(['admins', 'members', 'everyone']);
export const SecurityPreset = z.enum(['standard', 'higher', 'high', 'custom']);

/** The portal-wide security settings (service description: "Portal security settings"). */
export const SecurityPolicy = z.object({
  membership: z.object({
    mode: MembershipMode,
    /** Who may invite, when mode is `invitation`. */
    inviters: Inviters,
    /** Required (at least 6 characters) when mode is `invitation`: an invitee registers with it; not asked otherwise. */
    registrationCode: z.string().min(6).max(100).nullable(),
  }),
  guests: z.object({
    enabled: z.boolean(),
    /** Areas (application ids or function keys) guests may see. */
    allowedAreas: z.array(z.string()).max(200),
  }),
  memberDataVisibility: MemberDataVisibility,
  preset: SecurityPreset,
  password: z.object({
    /** Never below 6 (security sheet); stored documents from before read with 6 (policyFromStored). */
    minLength: z.number().int().min(6).max(128),
    /** 0 = passwords never expire. */
    expiryDays: z.number().int().min(0).max(3650),
    requireComplexity: z.boolean(),
    rejectCommonPasswords: z.boolean(),
    neverSendByEmail: z.boolean(),
  }),
  lockout: z.object({
    /** 0 disables lockout. */
    maxFailures: z.number().int().min(0).max(100),
    minutes: z.number().int().min(1).max(24 * 60),
  }),
  disableRememberMe: z.boolean(),
});
export type SecurityPolicy = z.infer<typeof SecurityPolicy>;

/** The service description's defaults: lockout after 3 failures for 30 minutes. */
export const defaultSecurityPolicy: SecurityPolicy = {
  membership: { mode: 'admins_only', inviters: 'admins', registrationCode: null },
  guests: { enabled: false, allowedAreas: [] },
  memberDataVisibility: 'members',
  preset: 'standard',
  password: {
    minLength: 8,
    expiryDays: 0,
    requireComplexity: false,
    rejectCommonPasswords: true,
    neverSendByEmail: true,
  },
  lockout: { maxFailures: 3, minutes: 30 },
  disableRememberMe: false,
};
