import { firstResponseDeadline, firstResponseMet, isPastDeadline, isWithinSupportHours, responseTarget, supportTimeBetween } from './sla';
import type { Severity, SupportClock, SupportPackage } from './sla';

/** When the first response is due and which clock counts towards it (null: reasonable effort only). */
export interface ResponseDue {
  dueAt: Date | null;
  clock: SupportClock | null;
}

export function responseDue(createdAt: Date, pkg: SupportPackage, severity: Severity): ResponseDue {
  const target = responseTarget(pkg, severity);
  if (target.kind === 'reasonable-effort') return { dueAt: null, clock: null };
  return { dueAt: firstResponseDeadline(createdAt, pkg, severity), clock: target.clock };
}

export interface ResponseClockInput {
  dueAt: Date | null;
  clock: SupportClock | null;
  firstResponseAt: Date | null;
  closedAt: Date | null;
}

export type ResponseClockState =
  | { kind: 'reasonable-effort' }
  /** Answered or closed: the clock no longer runs. */
  | { kind: 'stopped'; dueAt: Date; stoppedAt: Date; met: boolean }
  /** `paused`: outside support hours the support-hours clock stands still. */
  | { kind: 'running'; dueAt: Date; clock: SupportClock; minutesLeft: number; paused: boolean }
  /**
   * Strictly past the deadline (at the deadline itself a response still counts as met). `minutesOverdue` counts on
   * the ticket's clock and may be below one whole minute (just past the deadline, or a support-hours deadline of
   * 17:00 read in the evening): say "overdue since" then, never "overdue by 0 min". `paused` as for `running`.
   */
  | { kind: 'overdue'; dueAt: Date; clock: SupportClock; minutesOverdue: number; paused: boolean };

/**
 * The "time left" (or overdue) of a ticket's first response at `now`, counted on its own clock: support minutes
 * (Mon-Fri 09:00-17:00 Europe/Berlin without BW holidays) or wall-clock minutes for 24/7.
 */
export function responseClockState(ticket: ResponseClockInput, now: Date): ResponseClockState {
  const { dueAt, clock } = ticket;
  if (dueAt === null || clock === null) return { kind: 'reasonable-effort' };
  const stoppedAt = ticket.firstResponseAt ?? ticket.closedAt;
  if (stoppedAt !== null) return { kind: 'stopped', dueAt, stoppedAt, met: firstResponseMet(stoppedAt, dueAt) };
  const paused = clock === 'support-hours' && !isWithinSupportHours(now);
  if (isPastDeadline(now, dueAt)) {
    return { kind: 'overdue', dueAt, clock, minutesOverdue: minutesOnClock(clock, dueAt, now), paused };
  }
  return { kind: 'running', dueAt, clock, minutesLeft: minutesOnClock(clock, now, dueAt), paused };
}

/** Minutes from `from` to `to` as the ticket's clock counts them: a weekend does not make a ticket 60 h late. */
function minutesOnClock(clock: SupportClock, from: Date, to: Date): number {
  return clock === '24/7' ? (to.getTime() - from.getTime()) / 60_000 : supportTimeBetween(from, to);
}
