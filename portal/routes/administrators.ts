import { z } from 'zod';
import { AdministratorAreas, SetAdministratorAreas } from '../../common/domain/admin-areas';
import { Uuid } from '../../common/portal-api/common';
import { listAdministrators, readAdministrator, setAdministratorAreas } from '../auth/admin-roles-store';
import { checkIfMatch } from '../http/etag';
import type { FeatureRoutes } from './types';

const Params = z.object({ id: Uuid });
const AdministratorList = z.object({ items: z.array(AdministratorAreas) });

/** Administrator roles (tag `administrators`): which areas of this API each administrator may use. Needs the security right. */
const administratorRoutes: FeatureRoutes = async (app) => {
  const tags = ['administrators'];

  app.get(
    '/administrators',
    { config: { adminArea: 'security' }, schema: { tags, summary: 'Every administrator and the areas they may use', response: { 200: AdministratorList } } },
    async () => ({ items: await listAdministrators(app.portal.db) }),
  );

  app.get(
    '/administrators/:id',
    {
      config: { adminArea: 'security' },
      schema: { tags, summary: "An account's administrator areas (ETag: the user's)", params: Params, response: { 200: AdministratorAreas } },
    },
    async (request, reply) => {
      const loaded = await readAdministrator(app.portal.db, request.params.id);
      reply.header('etag', loaded.etag);
      return loaded.value;
    },
  );

  app.put(
    '/administrators/:id/areas',
    {
      config: { adminArea: 'security' },
      schema: {
        tags,
        summary: "Set an administrator's areas (If-Match; every area = full administrator; 409 for the last full administrator)",
        params: Params,
        body: SetAdministratorAreas,
        response: { 200: AdministratorAreas },
      },
    },
    async (request, reply) => {
      const change = { db: app.portal.db, actor: request.actor, now: app.portal.now(), precondition: (etag: string, current: unknown) => checkIfMatch(request, etag, current) };
      const loaded = await setAdministratorAreas(change, request.params.id, request.body.areas);
      reply.header('etag', loaded.etag);
      return loaded.value;
    },
  );
};

export default administratorRoutes;
