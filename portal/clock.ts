import { IsoDateTime } from '../common/portal-api/common';

/**
 * The portal's one clock: every rule (expiry, lockout, deferral limits, maintenance windows, SLA clocks) reads
 * `PortalContext.now`. Started at `start`, it runs on with the machine's time, so a test or a demo can put the
 * portal on any date (`--clock` / PORTAL_CLOCK) while sessions and timeouts still behave.
 */
export function runningClockFrom(start: Date, machineMs: () => number = Date.now): () => Date {
  const offsetMs = start.getTime() - machineMs();
  return () => new Date(machineMs() + offsetMs);
}

/** An ISO 8601 instant with its offset (2027-01-04T12:00:00+01:00); null for anything else. */
export function parseClockStart(value: string): Date | null {
  return IsoDateTime.safeParse(value).success ? new Date(value) : null;
}
