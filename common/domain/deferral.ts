import { DateTime } from 'luxon';
import { assertValidZone, type MaintenanceWindow } from './maintenance';

export const releaseKinds = ['major', 'minor', 'security'] as const;
export type ReleaseKind = (typeof releaseKinds)[number];

/** The fields the deferral rules need; callers pass their richer release records through unchanged. */
export interface ReleaseRef {
  kind: ReleaseKind;
  releasedAt: Date;
}

export interface Deferral<R extends ReleaseRef = ReleaseRef> {
  /** The deferred major release. */
  release: R;
  /** The major update is applied in the first maintenance window starting at or after this instant. */
  until: Date;
}

/** A major update may be deferred for at most 6 calendar months after its release. */
export const MAX_DEFERRAL_MONTHS = 6;
/** Administrators are warned this many days before a deferral runs out. */
export const DEFERRAL_WARNING_DAYS = 14;

const DAY_MS = 24 * 60 * 60_000;

export type DeferralRefusal = 'not_deferrable_security' | 'not_deferrable_minor' | 'beyond_limit' | 'in_past';
export type DeferralCheck = { ok: true } | { ok: false; code: DeferralRefusal; limit?: Date };

export type DeferralWarning =
  | { code: 'ends_soon'; until: Date; daysLeft: number }
  | { code: 'expired'; until: Date };

export interface SecurityFixSchedule<R extends ReleaseRef, W extends MaintenanceWindow> {
  /** Every window that falls in the deferral, in start order, with the security fixes first applied in it. */
  windows: Array<{ window: W; securityReleases: R[] }>;
  /** Security fixes released during the deferral after its last window: they land with the major update. */
  afterDeferral: R[];
}

/**
 * Latest instant a major release may be deferred to: the same wall-clock time 6 calendar months later in
 * the portal's zone, clamped to the month's end (31 Aug -> 28/29 Feb, 31 Mar -> 30 Sep).
 */
export function maxDeferralUntil(releasedAt: Date, zone: string): Date {
  assertValidZone(zone);
  return DateTime.fromJSDate(releasedAt, { zone }).plus({ months: MAX_DEFERRAL_MONTHS }).toJSDate();
}

export function validateDeferral(input: { release: ReleaseRef; until: Date; now: Date; zone: string }): DeferralCheck {
  const { release, until, now, zone } = input;
  if (release.kind === 'security') return { ok: false, code: 'not_deferrable_security' };
  // Minor updates follow the portal's update track and cannot be postponed individually.
  if (release.kind === 'minor') return { ok: false, code: 'not_deferrable_minor' };
  if (until.getTime() <= now.getTime()) return { ok: false, code: 'in_past' };
  const limit = maxDeferralUntil(release.releasedAt, zone);
  if (until.getTime() > limit.getTime()) return { ok: false, code: 'beyond_limit', limit };
  return { ok: true };
}

export function deferralWarnings(now: Date, deferral: Deferral): DeferralWarning[] {
  const remainingMs = deferral.until.getTime() - now.getTime();
  if (remainingMs <= 0) return [{ code: 'expired', until: deferral.until }];
  if (remainingMs <= DEFERRAL_WARNING_DAYS * DAY_MS) {
    return [{ code: 'ends_soon', until: deferral.until, daysLeft: Math.ceil(remainingMs / DAY_MS) }];
  }
  return [];
}

/**
 * Security fixes keep coming while a major update is deferred. Each fix is applied in the first window
 * starting at or after its release; this lists the windows between the major release and the end of the
 * deferral with the fixes each of them brings. Fixes whose first window precedes the major release are
 * not affected by the deferral and are left out.
 */
export function securityFixesDuringDeferral<R extends ReleaseRef, W extends MaintenanceWindow>(
  deferral: Deferral,
  releases: readonly R[],
  windows: readonly W[],
): SecurityFixSchedule<R, W> {
  const periodStart = deferral.release.releasedAt.getTime();
  const periodEnd = deferral.until.getTime();
  const sortedWindows = [...windows].sort((a, b) => a.start.getTime() - b.start.getTime());
  const schedule: SecurityFixSchedule<R, W> = {
    windows: sortedWindows
      .filter((w) => w.start.getTime() >= periodStart && w.start.getTime() < periodEnd)
      .map((window) => ({ window, securityReleases: [] })),
    afterDeferral: [],
  };
  const fixes = releases
    .filter((r) => r.kind === 'security' && r.releasedAt.getTime() < periodEnd)
    .sort((a, b) => a.releasedAt.getTime() - b.releasedAt.getTime());
  for (const fix of fixes) {
    const firstWindow = sortedWindows.find((w) => w.start.getTime() >= fix.releasedAt.getTime());
    const slot = schedule.windows.find((entry) => entry.window === firstWindow);
    if (slot) slot.securityReleases.push(fix);
    // No slot and released during the deferral: its first window is at or after the deferral's end.
    else if (fix.releasedAt.getTime() >= periodStart) schedule.afterDeferral.push(fix);
  }
  return schedule;
}
