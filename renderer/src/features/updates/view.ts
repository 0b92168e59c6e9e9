import type { TFunction } from 'i18next';
import { createContext, useContext, useEffect, useState } from 'react';
import type { DeferralWarning } from '../../../../common/domain/deferral';
import type { MaintenanceWindow } from '../../../../common/domain/maintenance';
import type { CalendarLanguage, Release } from '../../../../common/portal-api/updates';
import { countdown, type Countdown, type Window } from './schedule';
import { formatZoned, formatZonedMonth } from './zoned-format';

/** What every part of the updates page needs: the portal's zone, the clock, the calendar and the catalogue. */
export interface UpdatesView {
  zone: string;
  language: string;
  now: Date;
  windows: Window[];
  releases: Release[];
  /** False until the calendar has loaded: plans are not shown from an empty calendar. */
  calendarReady: boolean;
}

export const UpdatesViewContext = createContext<UpdatesView | null>(null);

export function useUpdatesView(): UpdatesView {
  const view = useContext(UpdatesViewContext);
  if (view === null) throw new Error('useUpdatesView outside the updates page');
  return view;
}

/** The current time, refreshed every `intervalMs` so countdowns move. */
export function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** "10 Tage, 4 Stunden" / "3 hours, 12 minutes": the two largest units of a countdown, zero parts left out. */
export function durationText(countdown: Countdown, t: TFunction): string {
  const days = t('updates:duration.days', { count: countdown.days });
  const hours = t('updates:duration.hours', { count: countdown.hours });
  const minutes = t('updates:duration.minutes', { count: countdown.minutes });
  if (countdown.days > 0) return countdown.hours > 0 ? `${days}, ${hours}` : days;
  if (countdown.hours > 0) return countdown.minutes > 0 ? `${hours}, ${minutes}` : hours;
  if (countdown.minutes > 0) return minutes;
  return t('updates:duration.lessThanMinute');
}

/** Monthly windows get a title in the UI language; critical ones keep the title they were announced with. */
export function windowTitle(window: Pick<MaintenanceWindow, 'kind' | 'title' | 'start'>, t: TFunction, language: string, zone: string): string {
  if (window.kind === 'critical') return window.title;
  return t('updates:calendar.monthlyTitle', { month: formatZonedMonth(window.start, language, zone) });
}

/**
 * A deferral warning in words. "Ends in" is the same countdown as the badge beside it (whole days, then
 * hours), so the two never disagree.
 */
export function deferralWarningText(
  warning: DeferralWarning,
  version: string,
  view: Pick<UpdatesView, 'zone' | 'language' | 'now'>,
  t: TFunction,
): string {
  const until = formatZoned(warning.until, view.language, view.zone);
  if (warning.code === 'expired') return t('updates:alerts.expired', { version, until });
  return t('updates:alerts.endsSoon', { version, until, duration: durationText(countdown(warning.until, view.now), t) });
}

/** The language the iCalendar export is worded in: the console's, German or English. */
export function calendarLanguageOf(language: string): CalendarLanguage {
  return language.toLowerCase().startsWith('de') ? 'de' : 'en';
}
