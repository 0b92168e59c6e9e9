import type { ConsoleHandlers } from '../../common/contract';
import { ConsoleError } from '../../common/errors';
import { AvailabilityReport, Outage, OutagePage } from '../../common/portal-api/availability';
import type { BackendContext } from '../context';

type AvailabilityChannels = 'instance:availability' | 'instance:outages' | 'instance:recordOutage' | 'instance:closeOutage';

/** Availability per month and the recorded outages of the signed-in portal's instance. */
export function availabilityHandlers(ctx: BackendContext): Pick<ConsoleHandlers, AvailabilityChannels> {
  const client = () => ctx.session.client();
  return {
    'instance:availability': async () => (await client().get('/instance/availability', AvailabilityReport)).data,
    'instance:outages': async (query) => (await client().get('/instance/outages', OutagePage, { query })).data,
    'instance:recordOutage': async (request) => {
      const recorded = (await client().post('/instance/outages', Outage, { body: request })).data;
      ctx.log.info('outage recorded', { id: recorded.id, severity: recorded.severity, ongoing: recorded.end === null });
      return recorded;
    },
    'instance:closeOutage': async ({ id, end, updatedAt }) => {
      const path = `/instance/outages/${encodeURIComponent(id)}`;
      const current = await client().get(path, Outage);
      // The console showed the version of `updatedAt`; closing a version changed since then would hide that change.
      if (current.data.updatedAt !== updatedAt || current.etag === null) {
        throw new ConsoleError('PRECONDITION_FAILED', 'Someone changed this outage since it was shown; look at it again before closing it', {
          current: current.data,
        });
      }
      const closed = (await client().patch(path, Outage, { body: { end: end ?? 'now' }, ifMatch: current.etag })).data;
      ctx.log.info('outage closed', { id });
      return closed;
    },
  };
}
