import { DateTime } from 'luxon';
import {
  deferralDeadline,
  deferralWarnings,
  maxDeferralUntil,
  securityFixesDuringDeferral,
  validateDeferral,
  type DeferralCheck,
  type DeferralWarning,
  type SecurityFixSchedule,
} from '../../../../common/domain/deferral';
import {
  monthlyWindow,
  nextWindow,
  remindersDue,
  type MaintenanceWindow,
} from '../../../../common/domain/maintenance';
import type { ReleaseTrack } from '../../../../common/portal-api/common';
import type { CalendarWindow, Release } from '../../../../common/portal-api/updates';

// The console explains with the same rules the portal enforces (common/domain); these helpers only turn the
// portal's JSON into the rules' types and back.

/** A calendar window with Date fields, still carrying its JSON form for display. */
export type Window = MaintenanceWindow & { source: CalendarWindow };
/** A release in the shape of the deferral rules, carrying the portal's record for display. */
export interface ScheduledRelease {
  kind: Release['kind'];
  releasedAt: Date;
  release: Release;
}

export function toWindow(source: CalendarWindow): Window {
  return {
    id: source.id,
    kind: source.kind,
    title: source.title,
    start: new Date(source.start),
    end: new Date(source.end),
    reminderAt: new Date(source.reminderAt),
    source,
  };
}

export function toScheduled(release: Release): ScheduledRelease {
  return { kind: release.kind, releasedAt: new Date(release.releasedAt), release };
}

/** The range the updates page loads: far enough back for a 6-month deferral, far enough ahead for its window. */
export function calendarRangeAround(now: Date): { from: string; to: string } {
  const today = DateTime.fromJSDate(now, { zone: 'utc' }).startOf('day');
  return { from: today.minus({ days: 190 }).toISO() ?? '', to: today.plus({ days: 220 }).toISO() ?? '' };
}

/**
 * When a pending release will be applied: security fixes in the first window of any kind, minor and major
 * releases in the first monthly window, not before `now`, and a deferred major not before its deferral ends.
 */
export function plannedWindow(release: Release, windows: readonly Window[], now: Date): Window | undefined {
  const deferredUntil = release.deferral === null ? 0 : new Date(release.deferral.value.until).getTime();
  const earliest = Math.max(now.getTime(), new Date(release.releasedAt).getTime(), deferredUntil);
  return firstWindowFrom(new Date(earliest), windows, release.kind === 'security' ? 'any' : 'monthly');
}

/** The first window starting at or after `instant`; `monthly` skips critical windows. */
export function firstWindowFrom(instant: Date, windows: readonly Window[], kind: 'any' | 'monthly' = 'monthly'): Window | undefined {
  return [...windows]
    .filter((window) => kind === 'any' || window.kind === 'monthly')
    .sort((a, b) => a.start.getTime() - b.start.getTime())
    .find((window) => window.start.getTime() >= instant.getTime());
}

/** The latest end of a deferral: the start of the last monthly window by which the update is still applied in time. */
export function deferralLimit(release: Release, zone: string): Date {
  return maxDeferralUntil(new Date(release.releasedAt), zone);
}

/** When the update must have been applied: 6 months after its release. */
export function applyDeadline(release: Release, zone: string): Date {
  return deferralDeadline(new Date(release.releasedAt), zone);
}

/** A major release whose deferral limit has passed can no longer be deferred or extended. */
export function deferralClosed(release: Release, now: Date, zone: string): boolean {
  return release.kind === 'major' && now.getTime() >= deferralLimit(release, zone).getTime();
}

export function checkDeferral(release: Release, until: Date, now: Date, zone: string): DeferralCheck {
  return validateDeferral({ release: toScheduled(release), until, now, zone });
}

export function warningsFor(release: Release, now: Date): DeferralWarning[] {
  if (release.deferral === null) return [];
  return deferralWarnings(now, { release: toScheduled(release), until: new Date(release.deferral.value.until) });
}

/**
 * Which security fixes still arrive in which window while `major` is deferred until `until`, from `now` on:
 * windows that are over (and the fixes they brought) are left out.
 */
export function securitySchedule(
  major: Release,
  until: Date,
  releases: readonly Release[],
  windows: readonly Window[],
  now: Date,
): SecurityFixSchedule<ScheduledRelease, Window> {
  const schedule = securityFixesDuringDeferral({ release: toScheduled(major), until }, releases.map(toScheduled), windows);
  return { ...schedule, windows: schedule.windows.filter(({ window }) => window.end.getTime() > now.getTime()) };
}

export { nextWindow, remindersDue };

export interface Countdown {
  days: number;
  hours: number;
  minutes: number;
  /** The moment has come (or passed). */
  over: boolean;
}

/** Whole days, hours and minutes until `until` (rounded down); all zero and `over` once it is reached. */
export function countdown(until: Date, now: Date): Countdown {
  const remaining = until.getTime() - now.getTime();
  if (remaining <= 0) return { days: 0, hours: 0, minutes: 0, over: true };
  const totalMinutes = Math.floor(remaining / 60_000);
  return {
    days: Math.floor(totalMinutes / (24 * 60)),
    hours: Math.floor((totalMinutes % (24 * 60)) / 60),
    minutes: totalMinutes % 60,
    over: false,
  };
}

/** The value of an `<input type="datetime-local">` showing `date` as wall-clock time in `zone` (minutes). */
export function toZonedInput(date: Date, zone: string): string {
  return DateTime.fromJSDate(date, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** Reads a datetime-local value as wall-clock time in `zone`; null when it is empty or not a date. */
export function fromZonedInput(value: string, zone: string): Date | null {
  if (value.trim() === '') return null;
  const parsed = DateTime.fromISO(value, { zone });
  return parsed.isValid ? parsed.toJSDate() : null;
}

export interface TrackSwitchEffect {
  /** Releases not on the current track that the target track delivers. */
  gained: Release[];
  /** Pending releases the target track does not deliver (they are no longer applied). */
  lost: Release[];
}

/** What switching to `target` changes, from the releases the portal reported for the current track. */
export function trackSwitchEffect(releases: readonly Release[], target: ReleaseTrack): TrackSwitchEffect {
  return {
    gained: releases.filter((r) => r.status === 'not_on_track' && r.tracks.includes(target)),
    lost: releases.filter((r) => r.status === 'available' && !r.tracks.includes(target)),
  };
}

const MONTHLY_WINDOW_ID = /^monthly-(\d{4})-(\d{2})$/;

/**
 * The window an applied update names (history): from the loaded calendar, or for a monthly window outside it
 * worked out from its id (`monthly-2026-02`); undefined for a critical window the calendar does not hold.
 */
export function windowById(id: string, windows: readonly Window[], zone: string): MaintenanceWindow | undefined {
  const known = windows.find((window) => window.id === id);
  if (known) return known;
  const match = MONTHLY_WINDOW_ID.exec(id);
  if (!match) return undefined;
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? monthlyWindow(Number(match[1]), month, zone) : undefined;
}

/** Windows still to come (or running) at `now`, in start order. */
export function upcomingWindows(windows: readonly Window[], now: Date): Window[] {
  return windows.filter((w) => w.end.getTime() > now.getTime()).sort((a, b) => a.start.getTime() - b.start.getTime());
}
