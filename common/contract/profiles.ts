import { z } from 'zod';
import { Environment, ReleaseTrack } from '../portal-api/common';
import { call, Empty, Ok } from './define';

/** base64 of the SHA-256 of the DER SubjectPublicKeyInfo. */
export const SpkiPin = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'SPKI SHA-256 pin: 44 base64 characters');

export const PortalUrl = z
  .string()
  .trim()
  .url()
  .refine((u) => u.startsWith('https://'), 'Only https:// portals can be connected');

export const Profile = z.object({
  id: z.string(),
  name: z.string().min(1).max(100),
  url: PortalUrl,
  environment: Environment,
  pin: SpkiPin.nullable(),
  backupPin: SpkiPin.nullable(),
  lastLogin: z.string().nullable(),
  rememberPassword: z.boolean(),
  /**
   * The portal's security policy disables "remember me" (learned at the last sign-in): the console then
   * keeps no password for this profile in the OS keychain.
   */
  portalForbidsRemember: z.boolean().default(false),
  /** The console's own embedded local test portal. */
  embedded: z.boolean(),
  /** Every session of this profile is read-only: main refuses every call that would change the portal. */
  readOnly: z.boolean().optional(),
  createdAt: z.string(),
});
export type Profile = z.infer<typeof Profile>;

/** The id of the console's own embedded local test portal's profile, and the name the backend gives it. */
export const EMBEDDED_PROFILE_ID = 'local-test-portal';
export const EMBEDDED_PROFILE_DEFAULT_NAME = 'Local test portal';

export const ProfileView = Profile.extend({
  hasStoredPassword: z.boolean(),
  /** The embedded local test portal is still coming up: shown, not yet connectable. */
  starting: z.boolean().optional(),
});
export type ProfileView = z.infer<typeof ProfileView>;

export const CreateProfile = z.object({
  name: z.string().trim().min(1).max(100),
  url: PortalUrl,
  environment: Environment,
  pin: SpkiPin.optional(),
  backupPin: SpkiPin.optional(),
  readOnly: z.boolean().optional(),
});
export type CreateProfile = z.infer<typeof CreateProfile>;

export const UpdateProfile = z.object({
  id: z.string(),
  name: z.string().trim().min(1).max(100).optional(),
  environment: Environment.optional(),
  backupPin: SpkiPin.nullable().optional(),
  readOnly: z.boolean().optional(),
});
export type UpdateProfile = z.infer<typeof UpdateProfile>;

export const CertificateInfo = z.object({
  subject: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  subjectAltNames: z.array(z.string()),
  spki: SpkiPin,
  fingerprint256: z.string(),
  selfSigned: z.boolean(),
  expired: z.boolean(),
  /** Which of the profile's pins this certificate matches, if a profile was given. */
  matches: z.enum(['primary', 'backup']).nullable(),
});
export type CertificateInfo = z.infer<typeof CertificateInfo>;

/** One profile's health at a glance, from the portal's unauthenticated health endpoint over the pinned connection. */
export const ProfileHealth = z.object({
  profileId: z.string(),
  /** ok: answered; untrusted: no pin yet (nothing is sent); unreachable: no answer in time; failed: answered wrongly or pin mismatch. */
  state: z.enum(['ok', 'untrusted', 'unreachable', 'failed']),
  version: z.string().nullable(),
  track: ReleaseTrack.nullable(),
  environment: Environment.nullable(),
  latencyMs: z.number().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  checkedAt: z.string(),
});
export type ProfileHealth = z.infer<typeof ProfileHealth>;

/** What a team shares: the profile list without anything secret (no passwords, no logins). */
export const ProfileExportEntry = z.object({
  name: z.string().trim().min(1).max(100),
  url: PortalUrl,
  environment: Environment,
  pin: SpkiPin.nullable(),
  backupPin: SpkiPin.nullable(),
  readOnly: z.boolean().optional(),
});
export const ProfileExport = z.object({
  format: z.literal('portal-console-profiles'),
  version: z.literal(1),
  exportedAt: z.string(),
  profiles: z.array(ProfileExportEntry).max(5000),
});
export type ProfileExport = z.infer<typeof ProfileExport>;

export const profilesContract = {
  'profiles:list': call(Empty, z.array(ProfileView), 'read'),
  'profiles:create': call(CreateProfile, ProfileView, 'local'),
  'profiles:update': call(UpdateProfile, ProfileView, 'local'),
  'profiles:delete': call(z.object({ id: z.string() }), Ok, 'local'),
  /** First contact: fetch the certificate without sending anything else. */
  'connection:inspect': call(z.object({ profileId: z.string() }), CertificateInfo, 'read'),
  /** Trust (or re-pin) the certificate the portal presents now; `backup` stores a second pin. */
  /** Health of every profile (or the ones named), probed with bounded concurrency and a short timeout. */
  'profiles:health': call(z.object({ profileIds: z.array(z.string()).max(5000).optional() }), z.array(ProfileHealth), 'read'),
  'profiles:export': call(Empty, z.object({ fileName: z.string(), json: z.string() }), 'read'),
  /** Adds the file's profiles; one whose name or address is already there is skipped, nothing is overwritten. */
  'profiles:import': call(
    z.object({ json: z.string().max(10 * 1024 * 1024) }),
    z.object({ added: z.array(z.string()), skipped: z.array(z.object({ name: z.string(), reason: z.enum(['name', 'url']) })) }),
    'local',
  ),
  'connection:trust': call(
    z.object({ profileId: z.string(), spki: SpkiPin, slot: z.enum(['primary', 'backup']) }),
    ProfileView,
    'local',
  ),
};
