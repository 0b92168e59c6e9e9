import { z } from 'zod';
import { AdminArea, AdministratorAreas } from '../domain/admin-areas';
import { versioned } from '../portal-api/common';
import { call, Empty } from './define';

export const VersionedAdministrator = versioned(AdministratorAreas);
export type VersionedAdministrator = z.infer<typeof VersionedAdministrator>;

/** Administrator roles: which areas of the portal each administrator may use (needs the security right). */
export const administratorsContract = {
  'administrators:list': call(Empty, z.array(AdministratorAreas), 'read'),
  'administrators:get': call(z.object({ userId: z.string().min(1) }), VersionedAdministrator, 'read'),
  'administrators:setAreas': call(z.object({ userId: z.string().min(1), ifMatch: z.string().min(1).max(200), areas: z.array(AdminArea) }), VersionedAdministrator, 'write'),
};
