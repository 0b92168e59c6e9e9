import { and, eq, isNull, ne } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { ADMINISTRATORS_AREA, areasOfStored, MISSING_RIGHT_TYPE, type AdminArea } from '../../common/domain/admin-areas';
import { recordAudit } from '../audit';
import type { PortalExecutor } from '../db/client';
import { users } from '../db/schema';
import { problem } from '../http/problem';

/**
 * What a route under /api/v1 declares: the area it belongs to; several areas, any one of which suffices
 * (a route two areas of the console use); `{ allOf }`, every one of them (a route that spans areas, such
 * as the configuration transfer); or 'self' (every administrator's own session and password).
 */
export type RouteArea = AdminArea | readonly [AdminArea, ...AdminArea[]] | { allOf: readonly AdminArea[] } | 'self';

/** What a route without a declared area needs: only a full administrator may call it (fail closed). */
export const UNDECLARED_AREA = 'full_administrator';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The administrator area of a non-public /api/v1 route (see portal/auth/admin-roles.ts). */
    adminArea?: RouteArea;
  }
  interface FastifyRequest {
    /** The signed-in administrator's areas (every area for a full administrator); set with `actor`. */
    adminAreas: readonly AdminArea[];
  }
  interface FastifyInstance {
    /** Every non-public /api/v1 route and the area it declared (null: none), filled as routes are added. */
    adminAreaRoutes: AdminAreaRoute[];
  }
}

export interface AdminAreaRoute {
  method: string;
  url: string;
  area: RouteArea | null;
}

/** The areas a signed-in account holds: a member (activating an account) holds none. */
export function areasOfAccount(user: { isAdmin: boolean; adminAreas: readonly string[] | null }): AdminArea[] {
  return user.isAdmin ? areasOfStored(user.adminAreas) : [];
}

/** The area a request lacks, or null when it may go on. */
export function missingArea(declared: RouteArea | undefined, held: readonly AdminArea[]): AdminArea | typeof UNDECLARED_AREA | null {
  if (declared === 'self') return null;
  if (declared === undefined) return areasOfStored(null).every((area) => held.includes(area)) ? null : UNDECLARED_AREA;
  if (typeof declared === 'object' && 'allOf' in declared) return declared.allOf.find((area) => !held.includes(area)) ?? null;
  const anyOf: readonly AdminArea[] = typeof declared === 'string' ? [declared] : declared;
  return anyOf.some((area) => held.includes(area)) ? null : (anyOf[0] as AdminArea);
}

/** The message a test shows for a route that declares no area: exactly what to add. */
export function undeclaredAreaMessage(route: Pick<AdminAreaRoute, 'method' | 'url'>): string {
  return (
    `${route.method} ${route.url} declares no administrator area: add \`config: { adminArea: '<area>' }\` to its route options, ` +
    `where <area> is one of ${areasOfStored(null).join(', ')} or 'self' (open to every administrator); ` +
    `['a', 'b'] when any one of them suffices, { allOf: ['a', 'b'] } when it needs all of them; ` +
    `or \`config: { public: true }\` if it needs no admin session (see portal/auth/admin-roles.ts).`
  );
}

export function missingRightProblem(missing: string, route: string) {
  return problem(403, 'Missing administrator right', {
    type: MISSING_RIGHT_TYPE,
    code: 'missing_admin_right',
    detail: `This administrator lacks the right "${missing}", which ${route} needs.`,
    missingRight: missing,
  });
}

function routeName(request: FastifyRequest): string {
  return `${request.method} ${request.routeOptions.url ?? request.url}`;
}

/** onRequest hook after requireAdmin: 403 (audited) unless the administrator holds the route's area. */
export function createRequireArea(app: FastifyInstance) {
  return async function requireArea(request: FastifyRequest): Promise<void> {
    const missing = missingArea(request.routeOptions.config.adminArea, request.adminAreas);
    if (missing === null) return;
    const route = routeName(request);
    await recordAudit(app.portal.db, {
      actor: request.actor,
      action: 'admin_right.refused',
      targetType: 'route',
      targetId: route,
      after: { missingRight: missing, heldRights: request.adminAreas },
      at: app.portal.now(),
    });
    throw missingRightProblem(missing, route);
  };
}

function appendHook<T>(existing: T | T[] | undefined, hook: T): T[] {
  if (existing === undefined) return [hook];
  return Array.isArray(existing) ? [...existing, hook] : [existing, hook];
}

/**
 * Every protected /api/v1 route checks the administrator's area after authentication. Call after the hook
 * that adds requireAdmin, so this one runs second. Routes are recorded for the test that every route declares an area.
 */
export function installAdminAreas(app: FastifyInstance, isProtectedApiRoute: (route: RouteOptions) => boolean): void {
  app.decorate('adminAreaRoutes', [] as AdminAreaRoute[]);
  app.decorateRequest('adminAreas', null as never);
  const requireArea = createRequireArea(app);
  app.addHook('onRoute', (route) => {
    if (!isProtectedApiRoute(route)) return;
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.adminAreaRoutes.push({ method, url: route.url, area: route.config?.adminArea ?? null });
    }
    route.onRequest = appendHook(route.onRequest, requireArea) as RouteOptions['onRequest'];
  });
}

// ---------------------------------------------------------------------------------------------
// Rules for changes to administrators (used by the users service and the administrators routes)

/** Reads the areas an administrator holds now (none if not an enabled administrator). */
export async function areasOfUser(db: PortalExecutor, userId: string): Promise<AdminArea[]> {
  const [row] = await db.select({ isAdmin: users.isAdmin, adminAreas: users.adminAreas, enabled: users.enabled }).from(users).where(eq(users.id, userId)).limit(1);
  return row === undefined || !row.enabled ? [] : areasOfAccount(row);
}

/**
 * Making, unmaking, disabling, deleting or setting the password of an administrator needs the
 * administrators right: otherwise a user administrator could make themselves a full one.
 */
export async function assertMayManageAdministrators(db: PortalExecutor, actorId: string): Promise<void> {
  const held = await areasOfUser(db, actorId);
  if (!held.includes(ADMINISTRATORS_AREA)) {
    throw problem(403, 'Missing administrator right', {
      type: MISSING_RIGHT_TYPE,
      code: 'missing_admin_right',
      detail: `This administrator lacks the right "${ADMINISTRATORS_AREA}", which changing an administrator's account needs.`,
      missingRight: ADMINISTRATORS_AREA,
    });
  }
}

function isFullAdministratorRow(row: { isAdmin: boolean; enabled: boolean; adminAreas: string[] | null }): boolean {
  return row.isAdmin && row.enabled && row.adminAreas === null;
}

/**
 * The portal keeps at least one enabled full administrator: 409 when `userId` is the last one and the
 * change would take that away (disable, delete, demote, fewer areas). Call inside the changing transaction.
 */
export async function assertKeepsFullAdministrator(tx: PortalExecutor, userId: string): Promise<void> {
  const [target] = await tx
    .select({ isAdmin: users.isAdmin, enabled: users.enabled, adminAreas: users.adminAreas })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (target === undefined || !isFullAdministratorRow(target)) return;
  const [other] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(ne(users.id, userId), eq(users.isAdmin, true), eq(users.enabled, true), isNull(users.adminAreas)))
    .limit(1)
    // Two transactions taking away the last two full administrators at once: the second waits and sees none left.
    .for('update');
  if (other === undefined) {
    throw problem(409, 'Conflict', {
      code: 'last_full_administrator',
      detail: 'This is the last full administrator: make another administrator a full one first.',
    });
  }
}

/**
 * Any change to an administrator's account, or making an account one, needs the administrators right;
 * one that takes access away (disable, delete, demote) must leave a full administrator.
 */
export async function assertMayChangeAccount(
  tx: PortalExecutor,
  actorId: string,
  target: { id: string; isAdmin: boolean },
  change: { becomesAdmin: boolean; removesAccess: boolean },
): Promise<void> {
  if (target.isAdmin || change.becomesAdmin) await assertMayManageAdministrators(tx, actorId);
  if (target.isAdmin && change.removesAccess) await assertKeepsFullAdministrator(tx, target.id);
}
