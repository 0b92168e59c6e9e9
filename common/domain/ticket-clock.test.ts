import { describe, expect, it } from 'vitest';
import { firstResponseMet, isPastDeadline } from './sla';
import { responseClockState, responseDue } from './ticket-clock';

const at = (iso: string) => new Date(iso);

describe('responseDue', () => {
  it.each<[string, string, Parameters<typeof responseDue>[1], Parameters<typeof responseDue>[2], string | null, string | null]>([
    // Friday 16:30 CET: 30 min on Friday, 1.5 h on Monday.
    ['professional critical on a Friday afternoon', '2026-01-16T15:30:00Z', 'professional', 'critical', '2026-01-19T09:30:00.000Z', 'support-hours'],
    // Premium critical runs 24/7: Saturday night + 1 h.
    ['premium critical on a Saturday night', '2026-01-17T22:15:00Z', 'premium', 'critical', '2026-01-17T23:15:00.000Z', '24/7'],
    ['starter major is reasonable effort', '2026-01-16T15:30:00Z', 'starter', 'major', null, null],
  ])('%s', (_name, created, pkg, severity, due, clock) => {
    const result = responseDue(at(created), pkg, severity);
    expect(result.dueAt?.toISOString() ?? null).toBe(due);
    expect(result.clock).toBe(clock);
  });
});

describe('responseClockState', () => {
  const running = { dueAt: at('2026-01-19T09:30:00Z'), clock: 'support-hours' as const, firstResponseAt: null, closedAt: null };

  it('counts support minutes only and says when the clock is paused', () => {
    // Due Monday 10:30 CET. Friday 16:45 CET: 15 min left today + 90 min on Monday.
    expect(responseClockState(running, at('2026-01-16T15:45:00Z'))).toMatchObject({ kind: 'running', minutesLeft: 105, paused: false });
    // Saturday: still 90 support minutes left, the clock stands still.
    expect(responseClockState(running, at('2026-01-17T12:00:00Z'))).toMatchObject({ kind: 'running', minutesLeft: 90, paused: true });
  });

  it('counts wall-clock minutes for 24/7', () => {
    const premium = { dueAt: at('2026-01-17T23:15:00Z'), clock: '24/7' as const, firstResponseAt: null, closedAt: null };
    expect(responseClockState(premium, at('2026-01-17T22:45:00Z'))).toMatchObject({ kind: 'running', minutesLeft: 30, paused: false });
  });

  it('is overdue once the deadline has passed', () => {
    expect(responseClockState(running, at('2026-01-19T10:00:00Z'))).toMatchObject({ kind: 'overdue', minutesOverdue: 30 });
  });

  it("counts overdue time on the ticket's own clock: a weekend adds nothing to a support-hours ticket", () => {
    // Due Friday 16:00 CET; Monday 09:30 CET: 60 support minutes on Friday + 30 on Monday, not 65.5 hours.
    const dueFriday = { ...running, dueAt: at('2026-01-16T15:00:00Z') };
    expect(responseClockState(dueFriday, at('2026-01-19T08:30:00Z'))).toMatchObject({ kind: 'overdue', minutesOverdue: 90 });
    const premium = { ...dueFriday, clock: '24/7' as const };
    expect(responseClockState(premium, at('2026-01-19T08:30:00Z'))).toMatchObject({ kind: 'overdue', minutesOverdue: 65.5 * 60 });
  });

  it('stops at the first response or when the ticket is closed, and says whether the deadline was met', () => {
    expect(responseClockState({ ...running, firstResponseAt: at('2026-01-19T09:00:00Z') }, at('2026-01-20T10:00:00Z'))).toMatchObject({
      kind: 'stopped',
      met: true,
    });
    expect(responseClockState({ ...running, closedAt: at('2026-01-19T11:00:00Z') }, at('2026-01-20T10:00:00Z'))).toMatchObject({
      kind: 'stopped',
      met: false,
    });
  });

  describe('one rule for the deadline: "innerhalb der Supportzeiten eine erste Rückmeldung geben" (service description 6.3)', () => {
    const dueAt = at('2026-01-19T09:30:00Z');

    it('a first response exactly at the deadline is met, and at that instant the unanswered clock is not overdue', () => {
      expect(firstResponseMet(dueAt, dueAt)).toBe(true);
      expect(isPastDeadline(dueAt, dueAt)).toBe(false);
      expect(responseClockState({ ...running, firstResponseAt: dueAt }, at('2026-01-19T12:00:00Z'))).toMatchObject({ kind: 'stopped', met: true });
      expect(responseClockState(running, dueAt)).toMatchObject({ kind: 'running', minutesLeft: 0 });
    });

    it('one millisecond later the response is missed and the clock overdue, both from the same rule', () => {
      const later = new Date(dueAt.getTime() + 1);
      expect(firstResponseMet(later, dueAt)).toBe(false);
      expect(isPastDeadline(later, dueAt)).toBe(true);
      expect(responseClockState({ ...running, firstResponseAt: later }, at('2026-01-19T12:00:00Z'))).toMatchObject({ kind: 'stopped', met: false });
      expect(responseClockState(running, later)).toMatchObject({ kind: 'overdue' });
    });

    it('an overdue support-hours ticket read after 17:00 is overdue with the clock paused', () => {
      // Due Monday 17:00 CET (16:00Z), read at 18:30 CET: past the deadline, no support minute since.
      const dueAtClose = { ...running, dueAt: at('2026-01-19T16:00:00Z') };
      expect(responseClockState(dueAtClose, at('2026-01-19T17:30:00Z'))).toMatchObject({ kind: 'overdue', minutesOverdue: 0, paused: true });
    });
  });

  it('has no clock for reasonable effort', () => {
    expect(responseClockState({ dueAt: null, clock: null, firstResponseAt: null, closedAt: null }, at('2026-01-19T10:00:00Z'))).toEqual({
      kind: 'reasonable-effort',
    });
  });
});
