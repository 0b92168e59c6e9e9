// @vitest-environment jsdom
import '../../test/setup-dom';
import { screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CallResult } from '../../../../common/contract';
import { criticalWindow, mergeCalendar, monthlyWindows } from '../../../../common/domain/maintenance';
import type { AppliedUpdate, Release } from '../../../../common/portal-api/updates';
import { setConsoleTransport } from '../../lib/console-client';
import { i18n } from '../../lib/i18n';
import { renderWithProviders } from '../../test/render';
import { DeferralDetails } from './DeferralDetails';
import { HistoryPanel } from './HistoryPanel';
import { ReleaseCard } from './ReleaseCard';
import { toWindow, type Window } from './schedule';
import { UpdatesViewContext, type UpdatesView } from './view';

const ZONE = 'Europe/Berlin';
const utc = (iso: string) => new Date(iso);
const CRITICAL_ID = '7d6c1b52-2b0e-4f4e-9a57-5a8e0c1f3b21';

const windows: Window[] = mergeCalendar(monthlyWindows(utc('2026-01-01T00:00:00Z'), utc('2026-10-01T00:00:00Z'), ZONE), [
  criticalWindow({
    id: CRITICAL_ID,
    announcedAt: utc('2026-03-09T09:00:00Z'),
    start: utc('2026-03-15T19:00:00Z'),
    end: utc('2026-03-15T21:00:00Z'),
    title: 'Notfallwartung Datenbank-Cluster',
  }),
]).map((w) =>
  toWindow({
    ...w,
    start: w.start.toISOString(),
    end: w.end.toISOString(),
    reminderAt: w.reminderAt.toISOString(),
    announcedAt: null,
    description: null,
  }),
);

function release(version: string, kind: Release['kind'], releasedAt: string, extra: Partial<Release> = {}): Release {
  return {
    id: `00000000-0000-4000-8000-${version.replace(/\D/g, '').padStart(12, '0')}`,
    version,
    kind,
    title: `Release ${version}`,
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

/** 13.0.0 of 6 Mar 2026: deferrable until the September window (1 Sep 2026, 17:00 Berlin). */
const major = release('13.0.0', 'major', '2026-03-06T14:30:00Z');
const deferredMajor: Release = {
  ...major,
  deferral: {
    etag: '"d.v1"',
    value: {
      id: '11111111-1111-4111-8111-111111111111',
      releaseId: major.id,
      until: '2026-06-10T00:00:00Z',
      reason: 'Workflows anpassen',
      createdAt: '2026-03-10T09:00:00Z',
      createdBy: 'admin',
      updatedAt: '2026-03-10T09:00:00Z',
      updatedBy: 'admin',
    },
  },
};
const releases = [deferredMajor, release('12.0.4', 'security', '2026-03-09T00:00:00Z')];

function renderInView(ui: React.ReactElement, view: Partial<UpdatesView>) {
  const value: UpdatesView = { zone: ZONE, language: i18n.language, now: utc('2026-03-10T09:00:00Z'), windows, releases, calendarReady: true, ...view };
  return renderWithProviders(<UpdatesViewContext.Provider value={value}>{ui}</UpdatesViewContext.Provider>);
}

afterEach(() => setConsoleTransport(null));

describe('DeferralDetails', () => {
  beforeAll(() => i18n.changeLanguage('en'));

  it('says nothing about windows while the calendar is loading', () => {
    renderInView(<DeferralDetails release={deferredMajor} />, { windows: [], calendarReady: false });
    expect(screen.getByTestId('deferral-details')).toBeTruthy();
    expect(screen.queryByTestId('security-schedule')).toBeNull();
    expect(screen.queryByText(/No further maintenance window/)).toBeNull();
    expect(screen.queryByTestId('deferral-apply-window')).toBeNull();
  });

  it('lists the windows of the deferral from now on, with the security fixes they bring', () => {
    renderInView(<DeferralDetails release={deferredMajor} />, { now: utc('2026-04-20T00:00:00Z') });
    const schedule = screen.getByTestId('security-schedule');
    // The critical window of March and the April window are over; May and June remain.
    expect(within(schedule).queryByTestId(`security-window-${CRITICAL_ID}`)).toBeNull();
    expect(within(schedule).queryByTestId('security-window-monthly-2026-04')).toBeNull();
    expect(within(schedule).getByTestId('security-window-monthly-2026-05')).toBeTruthy();
    expect(within(schedule).getByTestId('security-window-monthly-2026-06')).toBeTruthy();
  });

  it('says when no further window falls within the deferral', () => {
    renderInView(<DeferralDetails release={deferredMajor} />, { now: utc('2026-06-09T00:00:00Z') });
    expect(within(screen.getByTestId('security-schedule')).getByText('No further maintenance window falls within the deferral.')).toBeTruthy();
  });
});

describe('ReleaseCard', () => {
  beforeAll(() => i18n.changeLanguage('en'));

  it('offers Defer and explains the limit while it is open', () => {
    renderInView(<ReleaseCard release={major} track="silent" />, {});
    const defer = screen.getByRole('button', { name: 'Defer …' }) as HTMLButtonElement;
    expect(defer.disabled).toBe(false);
    expect(screen.getByTestId('major-deferrable').textContent).toContain('Can be deferred until');
  });

  it.each([
    ['Defer …', major],
    ['Extend …', { ...deferredMajor, deferral: { ...deferredMajor.deferral!, value: { ...deferredMajor.deferral!.value, until: '2026-08-04T15:00:00Z' } } }],
  ])('disables %s with an explanation once the limit has passed', (name, pending) => {
    renderInView(<ReleaseCard release={pending} track="silent" />, { now: utc('2026-09-01T15:00:00Z') });
    const button = screen.getByRole('button', { name }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    const note = screen.getByTestId('deferral-closed');
    expect(button.getAttribute('aria-describedby')).toBe(note.id);
    expect(note.textContent).toContain('can no longer be deferred or extended');
    expect(screen.queryByTestId('major-deferrable')).toBeNull();
  });
});

describe('HistoryPanel', () => {
  beforeAll(() => i18n.changeLanguage('de'));
  afterAll(() => i18n.changeLanguage('en'));

  const applied = (version: string, windowId: string | null): AppliedUpdate => ({
    id: `22222222-2222-4222-8222-${version.replace(/\D/g, '').padStart(12, '0')}`,
    releaseId: null,
    version,
    kind: 'security',
    fromVersion: '11.0.0',
    appliedAt: '2026-03-03T16:10:00Z',
    finishedAt: '2026-03-03T16:40:00Z',
    windowId,
    outcome: 'succeeded',
    notes: '',
  });

  it('shows the window an update was applied in by its localised title and date, not its id', async () => {
    const entries = [
      applied('12.0.4', CRITICAL_ID),
      applied('12.0.3', 'monthly-2026-03'),
      applied('11.4.0', 'monthly-2025-10'), // before the loaded calendar
      applied('11.3.0', '0b7e6a1c-0000-4000-8000-000000000000'), // critical, no longer in the calendar
      applied('11.2.0', null),
    ];
    setConsoleTransport({ call: async (): Promise<CallResult> => ({ ok: true, value: { items: entries, nextCursor: null } }) });
    renderInView(<HistoryPanel />, { language: 'de' });
    const table = await screen.findByTestId('history-table');
    expect(within(table).getByTestId(`history-window-${CRITICAL_ID}`).textContent).toContain('Notfallwartung Datenbank-Cluster');
    expect(within(table).getByTestId('history-window-monthly-2026-03').textContent).toContain('Monatliche Wartung März 2026');
    expect(within(table).getByTestId('history-window-monthly-2025-10').textContent).toContain('Monatliche Wartung Oktober 2025');
    expect(within(screen.getByTestId('history-11.3.0')).getByText('Kritische Wartung')).toBeTruthy();
    expect(table.textContent).not.toMatch(/monthly-20|0b7e6a1c/);
  });
});
