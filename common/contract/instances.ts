import { z } from 'zod';
import { call } from './define';

export const InstanceProbe = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('reachable'),
    /** The portal software release its public health endpoint names. */
    version: z.string(),
    /** What the certificate check on adding it will show; nothing is pinned by probing. */
    certificate: z.object({ subject: z.string(), spki: z.string(), selfSigned: z.boolean(), expired: z.boolean() }),
  }),
  z.object({
    state: z.literal('unreachable'),
    /** The console error code (UNREACHABLE, TIMEOUT, TLS_ERROR, ...) and its message. */
    code: z.string(),
    message: z.string(),
  }),
]);
export type InstanceProbe = z.infer<typeof InstanceProbe>;

export const ProfileInstance = z.object({
  environment: z.enum(['test', 'dev']),
  url: z.string(),
  host: z.string(),
  /** A profile that already points at this address. */
  profileId: z.string().nullable(),
  probe: InstanceProbe,
});
export type ProfileInstance = z.infer<typeof ProfileInstance>;

export const ProfileInstances = z.discriminatedUnion('derivable', [
  z.object({ derivable: z.literal(true), instances: z.array(ProfileInstance) }),
  z.object({ derivable: z.literal(false), reason: z.enum(['invalid_url', 'ip_address', 'label_too_long', 'not_production']) }),
]);
export type ProfileInstances = z.infer<typeof ProfileInstances>;

export const instancesContract = {
  /**
   * The test and development instances of a production profile (at its URL with "-test" / "-dev"), each probed
   * over the unauthenticated health endpoint. Sends no credentials and pins nothing.
   */
  'profiles:instances': call(z.object({ profileId: z.string() }), ProfileInstances, 'read'),
};
