import { describe, expect, it } from 'vitest';
import { criticalWindow, mergeCalendar, monthlyWindows, type MaintenanceWindow } from '../../../../common/domain/maintenance';
import type { CalendarWindow, Release } from '../../../../common/portal-api/updates';
import {
  applyDeadline,
  calendarRangeAround,
  checkDeferral,
  countdown,
  deferralClosed,
  deferralLimit,
  fromZonedInput,
  plannedWindow,
  securitySchedule,
  toWindow,
  toZonedInput,
  trackSwitchEffect,
  warningsFor,
  windowById,
  type Window,
} from './schedule';

const BERLIN = 'Europe/Berlin';
const utc = (iso: string) => new Date(iso);

function release(version: string, kind: Release['kind'], releasedAt: string, extra: Partial<Release> = {}): Release {
  return {
    id: `00000000-0000-4000-8000-${version.replace(/\D/g, '').padStart(12, '0')}`,
    version,
    kind,
    title: version,
    releasedAt,
    tracks: ['silent', 'steady'],
    notes: '',
    changes: [],
    affectsCustomisations: false,
    status: 'available',
    appliedAt: null,
    deferral: null,
    ...extra,
  };
}

function deferred(major: Release, until: string): Release {
  const value = {
    id: '11111111-1111-4111-8111-111111111111',
    releaseId: major.id,
    until,
    reason: 'Anpassungen',
    createdAt: major.releasedAt,
    createdBy: 'admin',
    updatedAt: major.releasedAt,
    updatedBy: 'admin',
  };
  return { ...major, deferral: { etag: '"d.v1"', value } };
}

/** The calendar as the portal sends it: monthly windows of March-July 2026 and one critical window. */
const asJson = (w: MaintenanceWindow & { overlaps: boolean }): CalendarWindow => ({
  id: w.id,
  kind: w.kind,
  start: w.start.toISOString(),
  end: w.end.toISOString(),
  reminderAt: w.reminderAt.toISOString(),
  title: w.title,
  overlaps: w.overlaps,
  announcedAt: null,
  description: null,
});

const windows: Window[] = mergeCalendar(monthlyWindows(utc('2026-03-01T00:00:00Z'), utc('2026-08-01T00:00:00Z'), BERLIN), [
  criticalWindow({
    id: 'crit-1',
    announcedAt: utc('2026-03-09T09:00:00Z'),
    start: utc('2026-03-15T19:00:00Z'),
    end: utc('2026-03-15T21:00:00Z'),
    title: 'Notfallwartung',
  }),
]).map((w) => toWindow(asJson(w)));

const now = utc('2026-03-10T09:00:00Z');
const major = release('13.0.0', 'major', '2026-03-06T14:30:00Z');

describe('plannedWindow', () => {
  it.each<[string, Release, string | undefined]>([
    ['a security fix takes the critical window', release('12.0.4', 'security', '2026-03-09T00:00:00Z'), 'crit-1'],
    ['a minor release waits for the monthly window', release('12.1.0', 'minor', '2026-03-09T00:00:00Z'), 'monthly-2026-04'],
    ['an undeferred major goes in the next monthly window', major, 'monthly-2026-04'],
    ['a deferred major waits for the first window at or after the deferral', deferred(major, '2026-05-05T15:00:00Z'), 'monthly-2026-05'],
    ['a deferral ending one minute after the start misses that window', deferred(major, '2026-05-05T15:01:00Z'), 'monthly-2026-06'],
    ['nothing when the calendar ends first', deferred(major, '2026-07-20T00:00:00Z'), undefined],
  ])('%s', (_label, pending, expected) => {
    expect(plannedWindow(pending, windows, now)?.id).toBe(expected);
  });

  it('lands a deferral to the limit within 6 months of the release', () => {
    const untilAutumn = mergeCalendar(monthlyWindows(utc('2026-03-01T00:00:00Z'), utc('2026-12-01T00:00:00Z'), BERLIN), []).map((w) => toWindow(asJson(w)));
    const limit = deferralLimit(major, BERLIN);
    const landing = plannedWindow(deferred(major, limit.toISOString()), untilAutumn, now);
    expect(landing?.id).toBe('monthly-2026-09');
    expect(landing!.start.getTime()).toBeLessThanOrEqual(applyDeadline(major, BERLIN).getTime());
    expect(plannedWindow(deferred(major, new Date(limit.getTime() + 60_000).toISOString()), untilAutumn, now)?.id).toBe('monthly-2026-10');
  });
});

describe('checkDeferral and warningsFor (the portal rules, explained in the console)', () => {
  it.each<[string, Release, string, ReturnType<typeof checkDeferral>['ok'], string | undefined]>([
    ['security is never deferrable', release('12.0.4', 'security', '2026-03-09T00:00:00Z'), '2026-04-01T00:00:00Z', false, 'not_deferrable_security'],
    ['minor follows the track', release('12.1.0', 'minor', '2026-03-09T00:00:00Z'), '2026-04-01T00:00:00Z', false, 'not_deferrable_minor'],
    ['major exactly at the limit (the 1 Sep window, before 6 Sep 15:30 CEST)', major, '2026-09-01T15:00:00Z', true, undefined],
    ['major one minute past the limit', major, '2026-09-01T15:01:00Z', false, 'beyond_limit'],
    ['major 6 months to the minute: it would land on 6 Oct', major, '2026-09-06T13:30:00Z', false, 'beyond_limit'],
    ['major in the past', major, '2026-03-10T08:59:00Z', false, 'in_past'],
  ])('%s', (_label, pending, until, ok, code) => {
    const result = checkDeferral(pending, utc(until), now, BERLIN);
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.code).toBe(code);
  });

  it.each([
    ['no deferral', major, []],
    ['a deferral ending in 30 days', deferred(major, '2026-04-09T09:00:00Z'), []],
    ['a deferral ending in 10 days', deferred(major, '2026-03-20T09:00:00Z'), [{ code: 'ends_soon', daysLeft: 10 }]],
    ['a deferral ending in 10 days and 2 hours', deferred(major, '2026-03-20T11:00:00Z'), [{ code: 'ends_soon', daysLeft: 10 }]],
    ['an expired deferral', deferred(major, '2026-03-10T08:00:00Z'), [{ code: 'expired' }]],
  ])('warns for %s', (_label, pending, expected) => {
    expect(warningsFor(pending, now)).toEqual(expected.map((warning) => expect.objectContaining(warning)));
  });
});

describe('the 14-day warning counts days like the countdown', () => {
  it.each(['2026-03-10T09:30:00Z', '2026-03-11T08:59:00Z', '2026-03-11T09:00:00Z', '2026-03-20T11:00:00Z', '2026-03-24T08:59:00Z', '2026-03-24T09:00:00Z'])(
    'until %s',
    (until) => {
      const [warning] = warningsFor(deferred(major, until), now);
      expect(warning).toMatchObject({ code: 'ends_soon', daysLeft: countdown(utc(until), now).days });
    },
  );
});

describe('deferralClosed', () => {
  it.each<[string, Release, string, boolean]>([
    ['a major before its limit', major, '2026-09-01T14:59:00Z', false],
    ['a major at its limit', major, '2026-09-01T15:00:00Z', true],
    ['a deferred major after its limit', deferred(major, '2026-08-04T15:00:00Z'), '2026-09-02T00:00:00Z', true],
    ['a minor release (never deferrable, nothing to close)', release('12.1.0', 'minor', '2025-01-01T00:00:00Z'), '2026-09-02T00:00:00Z', false],
  ])('%s', (_label, pending, at, expected) => {
    expect(deferralClosed(pending, utc(at), BERLIN)).toBe(expected);
  });
});

describe('windowById (history)', () => {
  it('takes a window the calendar holds, critical ones included', () => {
    expect(windowById('crit-1', windows, BERLIN)).toBe(windows.find((w) => w.id === 'crit-1'));
    expect(windowById('monthly-2026-04', windows, BERLIN)).toBe(windows.find((w) => w.id === 'monthly-2026-04'));
  });

  it('works out a monthly window outside the calendar from its id', () => {
    const october = windowById('monthly-2025-10', windows, BERLIN);
    expect(october).toMatchObject({ kind: 'monthly', start: utc('2025-10-07T15:00:00Z'), end: utc('2025-10-07T19:00:00Z') });
  });

  it.each(['2b0c0f9e-3f5e-4a53-9d53-0d3c1f7c2a10', 'monthly-2025-13', 'monthly-25-1'])('knows nothing of %s', (id) => {
    expect(windowById(id, windows, BERLIN)).toBeUndefined();
  });
});

describe('securitySchedule', () => {
  it('lists the windows of the deferral with the security fixes each brings', () => {
    const releases = [
      major,
      release('12.0.4', 'security', '2026-03-09T00:00:00Z'),
      release('12.0.5', 'security', '2026-04-20T00:00:00Z'),
      release('12.0.6', 'security', '2026-05-20T00:00:00Z'),
      release('12.2.0', 'minor', '2026-04-01T00:00:00Z'),
    ];
    const schedule = securitySchedule(major, utc('2026-05-10T00:00:00Z'), releases, windows, now);
    expect(schedule.windows.map((e) => [e.window.id, e.securityReleases.map((r) => r.release.version)])).toEqual([
      ['crit-1', ['12.0.4']],
      ['monthly-2026-04', []],
      ['monthly-2026-05', ['12.0.5']],
    ]);
    expect(schedule.afterDeferral).toEqual([]);
    // The rich release records come back, so the console can show titles and versions.
    expect(schedule.windows[0]?.securityReleases[0]?.release.title).toBe('12.0.4');
  });

  it.each([
    ['after the April window: only May is left', '2026-04-20T00:00:00Z', ['monthly-2026-05']],
    ['while the May window runs: it is still listed', '2026-05-05T16:00:00Z', ['monthly-2026-05']],
    ['after the May window: none left', '2026-05-05T19:00:00Z', []],
  ])('leaves out windows that are over: %s', (_label, at, expected) => {
    const releases = [major, release('12.0.5', 'security', '2026-04-20T00:00:00Z')];
    const schedule = securitySchedule(major, utc('2026-05-10T00:00:00Z'), releases, windows, utc(at));
    expect(schedule.windows.map((e) => e.window.id)).toEqual(expected);
  });
});

describe('countdown', () => {
  it.each([
    ['10 days 4 hours 5 minutes', '2026-03-20T13:05:59Z', { days: 10, hours: 4, minutes: 5, over: false }],
    ['59 seconds', '2026-03-10T09:00:59Z', { days: 0, hours: 0, minutes: 0, over: false }],
    ['exactly a day', '2026-03-11T09:00:00Z', { days: 1, hours: 0, minutes: 0, over: false }],
    ['reached', '2026-03-10T09:00:00Z', { days: 0, hours: 0, minutes: 0, over: true }],
    ['passed', '2026-03-01T00:00:00Z', { days: 0, hours: 0, minutes: 0, over: true }],
  ])('%s', (_label, until, expected) => {
    expect(countdown(utc(until), now)).toEqual(expected);
  });
});

describe('datetime-local in the portal time zone', () => {
  it.each([
    ['winter (CET)', '2026-03-06T14:30:00Z', '2026-03-06T15:30'],
    ['summer (CEST)', '2026-09-06T13:30:00Z', '2026-09-06T15:30'],
    ['seconds are cut, never rounded up past a limit', '2026-09-06T13:30:59.900Z', '2026-09-06T15:30'],
  ])('%s', (_label, iso, local) => {
    expect(toZonedInput(utc(iso), BERLIN)).toBe(local);
    expect(fromZonedInput(local, BERLIN)?.toISOString()).toBe(new Date(Math.floor(utc(iso).getTime() / 60_000) * 60_000).toISOString());
  });

  it.each(['', '   ', 'morgen', '2026-13-01T10:00'])('reads %j as no date', (value) => {
    expect(fromZonedInput(value, BERLIN)).toBeNull();
  });
});

describe('trackSwitchEffect', () => {
  const featureRelease = release('12.1.0', 'minor', '2026-03-07T00:00:00Z', { tracks: ['steady'], status: 'not_on_track' });
  const maintenanceRelease = release('12.0.5', 'minor', '2026-03-08T00:00:00Z', { tracks: ['silent'] });
  const releases = [featureRelease, maintenanceRelease, major, release('12.0.3', 'security', '2026-02-01T00:00:00Z', { status: 'applied' })];

  it.each([
    ['steady', ['12.1.0'], ['12.0.5']],
    ['silent', [], []],
  ] as const)('to %s gains %j and loses %j', (target, gained, lost) => {
    const effect = trackSwitchEffect(releases, target);
    expect(effect.gained.map((r) => r.version)).toEqual(gained);
    expect(effect.lost.map((r) => r.version)).toEqual(lost);
  });
});

describe('calendarRangeAround', () => {
  it('covers 190 days back and 220 ahead from the start of the UTC day', () => {
    expect(calendarRangeAround(now)).toEqual({ from: '2025-09-01T00:00:00.000Z', to: '2026-10-16T00:00:00.000Z' });
  });
});
