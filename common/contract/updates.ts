import { z } from 'zod';
import { IsoDateTime, ReleaseTrack, versioned } from '../portal-api/common';
import {
  AppliedUpdatePage,
  CalendarLanguage,
  Deferral,
  DeferralReason,
  MaintenanceCalendar,
  ReleasePage,
  ReleaseStatus,
  UpdateSettings,
} from '../portal-api/updates';
import { call, Empty, Ok } from './define';

const Cursor = z.string().min(1).max(2000);
const PageRequest = z.object({ cursor: Cursor.optional(), limit: z.number().int().min(1).max(500).optional() });

export const ReleasesRequest = PageRequest.extend({ status: ReleaseStatus.optional() });
export type ReleasesRequest = z.infer<typeof ReleasesRequest>;

export const SetTrackRequest = z.object({ track: ReleaseTrack, ifMatch: z.string().min(1) });
export type SetTrackRequest = z.infer<typeof SetTrackRequest>;

export const DeferRequest = z.object({ releaseId: z.string().uuid(), until: IsoDateTime, reason: DeferralReason });
export type DeferRequest = z.infer<typeof DeferRequest>;

export const ChangeDeferral = z.object({
  releaseId: z.string().uuid(),
  until: IsoDateTime,
  reason: DeferralReason.optional(),
  ifMatch: z.string().min(1),
});
export type ChangeDeferral = z.infer<typeof ChangeDeferral>;

export const CancelDeferral = z.object({ releaseId: z.string().uuid(), ifMatch: z.string().min(1) });
export type CancelDeferral = z.infer<typeof CancelDeferral>;

export const CalendarRequest = z.object({ from: IsoDateTime, to: IsoDateTime });
export type CalendarRequest = z.infer<typeof CalendarRequest>;

/** The export is worded in the console's UI language. */
export const ExportCalendarRequest = CalendarRequest.extend({ language: CalendarLanguage });
export type ExportCalendarRequest = z.infer<typeof ExportCalendarRequest>;

/** The maintenance calendar as an iCalendar file, for the renderer to offer as a download. */
export const CalendarFile = z.object({ filename: z.string(), contentType: z.string(), content: z.string() });
export type CalendarFile = z.infer<typeof CalendarFile>;

export const VersionedUpdateSettings = versioned(UpdateSettings);
export type VersionedUpdateSettings = z.infer<typeof VersionedUpdateSettings>;
export const VersionedDeferral = versioned(Deferral);
export type VersionedDeferral = z.infer<typeof VersionedDeferral>;

export const updatesContract = {
  'updates:settings': call(Empty, VersionedUpdateSettings, 'read'),
  /** Switches the release track; the session's portal info follows. */
  'updates:setTrack': call(SetTrackRequest, VersionedUpdateSettings, 'write'),
  'updates:releases': call(ReleasesRequest, ReleasePage, 'read'),
  'updates:history': call(PageRequest, AppliedUpdatePage, 'read'),
  'updates:defer': call(DeferRequest, VersionedDeferral, 'write'),
  'updates:changeDeferral': call(ChangeDeferral, VersionedDeferral, 'write'),
  'updates:cancelDeferral': call(CancelDeferral, Ok, 'write'),
  'maintenance:calendar': call(CalendarRequest, MaintenanceCalendar, 'read'),
  'maintenance:exportCalendar': call(ExportCalendarRequest, CalendarFile, 'read'),
};
