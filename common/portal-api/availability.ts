import { z } from 'zod';
import { IsoDateTime, page, PageQuery, Uuid } from './common';

// Payloads of /api/v1/instance/outages and /api/v1/instance/availability (service description 2.4.5).

export const OutageSeverity = z.enum(['critical', 'major', 'other']);
export type OutageSeverity = z.infer<typeof OutageSeverity>;

export const Outage = z.object({
  id: Uuid,
  start: IsoDateTime,
  /** null while the outage goes on. */
  end: IsoDateTime.nullable(),
  severity: OutageSeverity,
  cause: z.string(),
  /** Caused by a fault in a component the customer developed: not counted. */
  customerComponent: z.boolean(),
  recordedBy: z.string(),
  closedBy: z.string().nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Outage = z.infer<typeof Outage>;

/** GET /api/v1/instance/outages: newest start first. */
export const OutagePage = page(Outage);
export type OutagePage = z.infer<typeof OutagePage>;
export const OutageQuery = PageQuery;
export const OutageIdParams = z.object({ id: Uuid });

const Cause = z.string().trim().min(3).max(2000);

/** POST /api/v1/instance/outages: an outage that began (and perhaps ended) no later than now. */
export const RecordOutageRequest = z
  .object({
    start: IsoDateTime,
    end: IsoDateTime.nullable().default(null),
    severity: OutageSeverity,
    cause: Cause,
    customerComponent: z.boolean().default(false),
  })
  .refine((value) => value.end === null || Date.parse(value.end) > Date.parse(value.start), {
    path: ['end'],
    message: 'Must lie after the start',
  });
export type RecordOutageRequest = z.input<typeof RecordOutageRequest>;

/** PATCH /api/v1/instance/outages/:id (If-Match): close it (set `end`; `now` = the portal's clock) or correct it. */
export const UpdateOutageRequest = z
  .object({
    end: z.union([IsoDateTime, z.literal('now')]).nullable().optional(),
    severity: OutageSeverity.optional(),
    cause: Cause.optional(),
    customerComponent: z.boolean().optional(),
  })
  .refine((value) => Object.values(value).some((field) => field !== undefined), { message: 'Nothing to change' });
export type UpdateOutageRequest = z.input<typeof UpdateOutageRequest>;

export const MonthStatus = z.enum(['met', 'missed', 'on_track']);
export type MonthStatus = z.infer<typeof MonthStatus>;

export const AvailabilityMonth = z.object({
  /** `YYYY-MM` in the portal's time zone. */
  month: z.string().regex(/^\d{4}-\d{2}$/),
  from: IsoDateTime,
  to: IsoDateTime,
  current: z.boolean(),
  monthMinutes: z.number().min(0),
  maintenanceMinutes: z.number().min(0),
  scheduledMinutes: z.number().min(0),
  downtimeMinutes: z.number().min(0),
  excusedMinutes: z.number().min(0),
  allowedDowntimeMinutes: z.number().min(0),
  budgetLeftMinutes: z.number(),
  availability: z.number().min(0).max(1),
  status: MonthStatus,
  countedOutages: z.number().int().min(0),
});
export type AvailabilityMonth = z.infer<typeof AvailabilityMonth>;

/** GET /api/v1/instance/availability: the current month and the 12 before it, newest first. */
export const AvailabilityReport = z.object({
  checkedAt: IsoDateTime,
  timeZone: z.string(),
  /** 0.995 */
  target: z.number().min(0).max(1),
  /** Outages still open (no end yet). */
  ongoing: z.array(Outage),
  months: z.array(AvailabilityMonth),
});
export type AvailabilityReport = z.infer<typeof AvailabilityReport>;
