import { ConsoleError } from '../../common/errors';
import type { Profile, ProfileHealth } from '../../common/contract';
import { HealthResponse } from '../../common/portal-api/health';
import type { PortalClient } from './portal-client';

export interface HealthProbeOptions {
  /** Probes in flight at once: 200 profiles must not open 200 TLS handshakes at the same moment. */
  concurrency?: number;
  /** A portal that has not answered by then is shown as unreachable. */
  timeoutMs?: number;
  now?: () => Date;
}

export const HEALTH_PROBE_CONCURRENCY = 16;
export const HEALTH_PROBE_TIMEOUT_MS = 3_000;

const unreachableCodes: ReadonlySet<string> = new Set(['UNREACHABLE', 'TIMEOUT']);

/**
 * Health at a glance for the profile dashboard: GET /health over each profile's pinned connection, without
 * credentials. A profile without a pin is not contacted at all (first contact is the certificate dialog's job).
 */
export async function probeProfiles(
  profiles: Profile[],
  anonymousClient: (profile: Profile) => PortalClient,
  options: HealthProbeOptions = {},
): Promise<ProfileHealth[]> {
  const concurrency = Math.max(1, options.concurrency ?? HEALTH_PROBE_CONCURRENCY);
  const probes: Promise<ProfileHealth>[] = new Array<Promise<ProfileHealth>>(profiles.length);
  let next = 0;
  // A probe holds its slot while it connects; one that has not answered within SLOT_MS (a hanging portal) gives
  // the slot to the next and waits out its own timeout beside it, so silent portals do not queue behind each other.
  const worker = async () => {
    while (next < profiles.length) {
      const index = next++;
      const probe = probeOne(profiles[index]!, anonymousClient, options);
      probes[index] = probe;
      await Promise.race([probe, delay(SLOT_MS)]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, profiles.length) }, worker));
  return Promise.all(probes);
}

const SLOT_MS = 250;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

async function probeOne(profile: Profile, anonymousClient: (profile: Profile) => PortalClient, options: HealthProbeOptions): Promise<ProfileHealth> {
  const now = options.now ?? (() => new Date());
  const base = { profileId: profile.id, version: null, track: null, environment: null, latencyMs: null, error: null };
  if (profile.pin === null) return { ...base, state: 'untrusted', checkedAt: now().toISOString() };
  const timeoutMs = options.timeoutMs ?? HEALTH_PROBE_TIMEOUT_MS;
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ConsoleError('TIMEOUT', `No answer within ${timeoutMs} ms`)), timeoutMs);
    });
    const response = await Promise.race([anonymousClient(profile).get('/health', HealthResponse, { timeoutMs }), timedOut]);
    const health = response.data;
    return {
      ...base,
      state: 'ok',
      version: health.version,
      track: health.track ?? null,
      environment: health.environment ?? null,
      latencyMs: Math.round(performance.now() - started),
      checkedAt: now().toISOString(),
    };
  } catch (error) {
    const failure = error instanceof ConsoleError ? error : new ConsoleError('INTERNAL', error instanceof Error ? error.message : String(error));
    return {
      ...base,
      state: unreachableCodes.has(failure.code) ? 'unreachable' : 'failed',
      error: { code: failure.code, message: failure.message },
      checkedAt: now().toISOString(),
    };
  } finally {
    clearTimeout(timer);
  }
}
