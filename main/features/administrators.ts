import { z } from 'zod';
import type { ConsoleHandlers } from '../../common/contract';
import { AdministratorAreas } from '../../common/domain/admin-areas';
import { ConsoleError } from '../../common/errors';
import type { BackendContext } from '../context';

type AdministratorChannels = 'administrators:list' | 'administrators:get' | 'administrators:setAreas';

const AdministratorList = z.object({ items: z.array(AdministratorAreas) });

function versioned(response: { etag: string | null; data: AdministratorAreas }) {
  if (response.etag === null) throw new ConsoleError('MALFORMED_RESPONSE', 'The portal sent no ETag for the administrator', { what: 'administrator' });
  return { etag: response.etag, value: response.data };
}

/** Administrator roles on the signed-in portal: read the administrators and set one's areas (If-Match). */
export function administratorsHandlers(ctx: BackendContext): Pick<ConsoleHandlers, AdministratorChannels> {
  const client = () => ctx.session.client();
  const path = (userId: string) => `/administrators/${encodeURIComponent(userId)}`;
  return {
    'administrators:list': async () => (await client().get('/administrators', AdministratorList)).data.items,
    'administrators:get': async ({ userId }) => versioned(await client().get(path(userId), AdministratorAreas)),
    'administrators:setAreas': async ({ userId, ifMatch, areas }) => {
      const saved = versioned(await client().put(`${path(userId)}/areas`, AdministratorAreas, { body: { areas }, ifMatch }));
      ctx.log.info('administrator areas set', { userId, full: saved.value.full, areas: saved.value.areas });
      return saved;
    },
  };
}
