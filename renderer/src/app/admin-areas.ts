import type { SessionState } from '../../../common/contract';
import { ADMIN_AREAS, type AdminArea } from '../../../common/domain/admin-areas';

/** The areas the signed-in administrator may use; a portal without administrator roles sends none: every area. */
export function sessionAreas(session: Pick<SessionState, 'user'>): readonly AdminArea[] {
  return session.user.adminAreas ?? ADMIN_AREAS;
}

/** Whether a navbar area is open to the session: areas without a right (the overview) are open to all. */
export function mayUse(session: Pick<SessionState, 'user'>, area: AdminArea | undefined): boolean {
  return area === undefined || sessionAreas(session).includes(area);
}
