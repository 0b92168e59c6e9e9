import { DateTime } from 'luxon';
import { assertValidZone, firstTuesday, type MaintenanceWindow } from './maintenance';

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
  /** The major update is applied in the first monthly maintenance window starting at or after this instant. */
  until: Date;
}

/** A major update must be applied at most 6 calendar months after its release. */
export const MAX_DEFERRAL_MONTHS = 6;
/** Administrators are warned this many days before a deferral runs out. */
export const DEFERRAL_WARNING_DAYS = 14;

const DAY_MS = 24 * 60 * 60_000;

export type DeferralRefusal = 'not_deferrable_security' | 'not_deferrable_minor' | 'beyond_limit' | 'in_past';
export type DeferralCheck =
  | { ok: true }
  | { ok: false; code: Exclude<DeferralRefusal, 'beyond_limit'> }
  | { ok: false; code: 'beyond_limit'; limit: Date; deadline: Date };

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
 * The instant by which a major update must have been applied: the same wall-clock time 6 calendar months after
 * its release in the portal's zone, clamped to the month's end (31 Aug -> 28/29 Feb, 31 Mar -> 30 Sep).
 */
export function deferralDeadline(releasedAt: Date, zone: string): Date {
  assertValidZone(zone);
  return DateTime.fromJSDate(releasedAt, { zone }).plus({ months: MAX_DEFERRAL_MONTHS }).toJSDate();
}

/**
 * Latest instant a major release may be deferred to. The update is applied in the first monthly window starting
 * at or after the end of its deferral, so the limit is the start of the last monthly window on or before the
 * deadline (deferralDeadline): a deferral ending there still lands within the 6 months.
 */
export function maxDeferralUntil(releasedAt: Date, zone: string): Date {
  const deadline = DateTime.fromJSDate(deferralDeadline(releasedAt, zone), { zone });
  const windowInMonth = firstTuesday(deadline.year, deadline.month, zone);
  if (windowInMonth.getTime() <= deadline.toMillis()) return windowInMonth;
  const previousMonth = deadline.startOf('month').minus({ months: 1 });
  return firstTuesday(previousMonth.year, previousMonth.month, zone);
}

export function validateDeferral(input: { release: ReleaseRef; until: Date; now: Date; zone: string }): DeferralCheck {
  const { release, until, now, zone } = input;
  if (release.kind === 'security') return { ok: false, code: 'not_deferrable_security' };
  // Minor updates follow the portal's update track and cannot be postponed individually.
  if (release.kind === 'minor') return { ok: false, code: 'not_deferrable_minor' };
  if (until.getTime() <= now.getTime()) return { ok: false, code: 'in_past' };
  const limit = maxDeferralUntil(release.releasedAt, zone);
  if (until.getTime() > limit.getTime()) {
    return { ok: false, code: 'beyond_limit', limit, deadline: deferralDeadline(release.releasedAt, zone) };
  }
  return { ok: true };
}

/**
 * A warning within the last 14 days of a deferral, and once it has run out. `daysLeft` counts whole days
 * (rounded down), like the countdown next to it: 10 days and 2 hours left are 10 days.
 */
export function deferralWarnings(now: Date, deferral: Deferral): DeferralWarning[] {
  const remainingMs = deferral.until.getTime() - now.getTime();
  if (remainingMs <= 0) return [{ code: 'expired', until: deferral.until }];
  if (remainingMs <= DEFERRAL_WARNING_DAYS * DAY_MS) {
    return [{ code: 'ends_soon', until: deferral.until, daysLeft: Math.floor(remainingMs / DAY_MS) }];
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
