import { z } from 'zod';
import { calendarLanguages } from '../domain/ical';
import { IsoDateTime, page, PageQuery, ReleaseTrack, Uuid, versioned } from './common';

// Updates and maintenance: releases, deferrals of major releases, the maintenance calendar and the
// history of applied updates. The rules behind them live in common/domain/{maintenance,deferral,ical}.ts.

export const ReleaseKind = z.enum(['major', 'minor', 'security']);
export type ReleaseKind = z.infer<typeof ReleaseKind>;

/** A release relative to this portal: already applied, waiting for a window, or not delivered on its track. */
export const ReleaseStatus = z.enum(['applied', 'available', 'not_on_track']);
export type ReleaseStatus = z.infer<typeof ReleaseStatus>;

/** GET /api/v1/updates/settings (ETag of the portal settings, the same as GET /api/v1/portal). */
export const UpdateSettings = z.object({
  /** The portal software release running now. */
  version: z.string(),
  track: ReleaseTrack,
  /** IANA zone of the portal: maintenance windows are defined in its wall-clock time. */
  timeZone: z.string(),
});
export type UpdateSettings = z.infer<typeof UpdateSettings>;

/** PUT /api/v1/updates/settings/track (If-Match). */
export const ChangeTrackRequest = z.object({ track: ReleaseTrack });
export type ChangeTrackRequest = z.infer<typeof ChangeTrackRequest>;

export const DeferralReason = z.string().trim().min(3, 'Give a reason of at least 3 characters').max(1000);

/** The deferral of one major release (at most one per release). */
export const Deferral = z.object({
  id: Uuid,
  releaseId: Uuid,
  /** The major update is applied in the first maintenance window starting at or after this instant. */
  until: IsoDateTime,
  reason: z.string(),
  createdAt: IsoDateTime,
  createdBy: z.string(),
  updatedAt: IsoDateTime,
  updatedBy: z.string(),
});
export type Deferral = z.infer<typeof Deferral>;

/** POST /api/v1/updates/releases/:releaseId/deferral. */
export const CreateDeferralRequest = z.object({ until: IsoDateTime, reason: DeferralReason });
export type CreateDeferralRequest = z.infer<typeof CreateDeferralRequest>;

/** PATCH /api/v1/updates/releases/:releaseId/deferral (If-Match): extend (or shorten) within the limit. */
export const ChangeDeferralRequest = z.object({ until: IsoDateTime, reason: DeferralReason.optional() });
export type ChangeDeferralRequest = z.infer<typeof ChangeDeferralRequest>;

export const Release = z.object({
  id: Uuid,
  version: z.string(),
  kind: ReleaseKind,
  title: z.string(),
  releasedAt: IsoDateTime,
  /** Tracks the release is delivered on; major and security releases go to every track. */
  tracks: z.array(ReleaseTrack),
  /** Release notes (plain text, paragraphs separated by blank lines). */
  notes: z.string(),
  /** What it changes for the portal, one item per change. */
  changes: z.array(z.string()),
  /** Customisations may need adapting; the customer is responsible for that. */
  affectsCustomisations: z.boolean(),
  status: ReleaseStatus,
  appliedAt: IsoDateTime.nullable(),
  deferral: versioned(Deferral).nullable(),
});
export type Release = z.infer<typeof Release>;

/** GET /api/v1/updates/releases: newest first, cursor-paged. */
export const ReleaseQuery = PageQuery.extend({ status: ReleaseStatus.optional() });
export type ReleaseQuery = z.infer<typeof ReleaseQuery>;
export const ReleasePage = page(Release);
export type ReleasePage = z.infer<typeof ReleasePage>;

export const UpdateOutcome = z.enum(['succeeded', 'rolled_back']);
export type UpdateOutcome = z.infer<typeof UpdateOutcome>;

/** One entry of the history of applied updates. */
export const AppliedUpdate = z.object({
  id: Uuid,
  releaseId: Uuid.nullable(),
  version: z.string(),
  kind: ReleaseKind,
  fromVersion: z.string(),
  appliedAt: IsoDateTime,
  finishedAt: IsoDateTime,
  /** Id of the maintenance window it was applied in (`monthly-2026-02` or a critical announcement's id). */
  windowId: z.string().nullable(),
  outcome: UpdateOutcome,
  notes: z.string(),
});
export type AppliedUpdate = z.infer<typeof AppliedUpdate>;

/** GET /api/v1/updates/history: newest first, cursor-paged. */
export const AppliedUpdatePage = page(AppliedUpdate);
export type AppliedUpdatePage = z.infer<typeof AppliedUpdatePage>;

export const MaintenanceKind = z.enum(['monthly', 'critical']);
export type MaintenanceKind = z.infer<typeof MaintenanceKind>;

/** One window of the maintenance calendar (domain CalendarWindow as JSON, plus announcement details). */
export const CalendarWindow = z.object({
  id: z.string(),
  kind: MaintenanceKind,
  start: IsoDateTime,
  end: IsoDateTime,
  reminderAt: IsoDateTime,
  title: z.string(),
  overlaps: z.boolean(),
  /** Critical windows: when they were announced, and what is done. */
  announcedAt: IsoDateTime.nullable(),
  description: z.string().nullable(),
});
export type CalendarWindow = z.infer<typeof CalendarWindow>;

/** Longest range one calendar request may cover. */
export const MAX_CALENDAR_RANGE_DAYS = 800;

/** GET /api/v1/maintenance/windows (and /maintenance/calendar.ics): windows intersecting [from, to). */
export const CalendarQuery = z.object({ from: IsoDateTime, to: IsoDateTime });
export type CalendarQuery = z.infer<typeof CalendarQuery>;

/** Language of the iCalendar export's texts (calendar name, monthly titles, descriptions, alarms). */
export const CalendarLanguage = z.enum(calendarLanguages);
export type CalendarLanguage = z.infer<typeof CalendarLanguage>;

/** GET /api/v1/maintenance/calendar.ics: the windows of [from, to), worded in `lang` (English by default). */
export const ICalendarQuery = CalendarQuery.extend({ lang: CalendarLanguage.default('en') });
export type ICalendarQuery = z.infer<typeof ICalendarQuery>;

export const MaintenanceCalendar = z.object({
  timeZone: z.string(),
  from: IsoDateTime,
  to: IsoDateTime,
  items: z.array(CalendarWindow),
});
export type MaintenanceCalendar = z.infer<typeof MaintenanceCalendar>;

/** POST /api/v1/maintenance/announcements: critical maintenance, at least 72 hours ahead. */
export const CreateAnnouncementRequest = z.object({
  title: z.string().trim().min(3).max(200),
  description: z.string().trim().max(4000).default(''),
  start: IsoDateTime,
  end: IsoDateTime,
});
export type CreateAnnouncementRequest = z.input<typeof CreateAnnouncementRequest>;

export const Announcement = z.object({
  id: Uuid,
  title: z.string(),
  description: z.string(),
  start: IsoDateTime,
  end: IsoDateTime,
  announcedAt: IsoDateTime,
  announcedBy: z.string(),
});
export type Announcement = z.infer<typeof Announcement>;
