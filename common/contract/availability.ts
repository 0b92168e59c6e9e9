import { z } from 'zod';
import { AvailabilityReport, Outage, OutagePage, RecordOutageRequest } from '../portal-api/availability';
import { IsoDateTime } from '../portal-api/common';
import { call, Empty } from './define';

export const OutageListRequest = z.object({
  cursor: z.string().optional(),
  limit: z.number().int().min(1).max(500).optional(),
});

/**
 * Closes an ongoing outage at `end`, or without it at the portal's own now (the console's clock may differ).
 * `updatedAt` is the version the console showed (a change since then is a conflict).
 */
export const CloseOutageRequest = z.object({ id: z.uuid(), end: IsoDateTime.optional(), updatedAt: IsoDateTime });
export type CloseOutageRequest = z.infer<typeof CloseOutageRequest>;

export const availabilityContract = {
  /** The current month and the 12 before it against 99.5 %, computed on the portal. */
  'instance:availability': call(Empty, AvailabilityReport, 'read'),
  'instance:outages': call(OutageListRequest, OutagePage, 'read'),
  /** Records an outage (the portal audits it); without `end` it is ongoing. */
  'instance:recordOutage': call(RecordOutageRequest, Outage, 'write'),
  'instance:closeOutage': call(CloseOutageRequest, Outage, 'write'),
};
