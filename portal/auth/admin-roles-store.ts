import { asc, eq, sql } from 'drizzle-orm';
import { storedOfAreas, type AdminArea, type AdministratorAreas } from '../../common/domain/admin-areas';
import { recordAudit } from '../audit';
import type { PortalDb, PortalExecutor } from '../db/client';
import { users, type UserRow } from '../db/schema';
import { problem } from '../http/problem';
import { userEtag } from '../users/representation';
import { areasOfAccount, assertKeepsFullAdministrator } from './admin-roles';
import type { Actor } from './require-admin';

export interface LoadedAdministrator {
  etag: string;
  value: AdministratorAreas;
}

function toAdministrator(row: UserRow): LoadedAdministrator {
  const areas = areasOfAccount(row);
  return {
    etag: userEtag(row),
    value: { userId: row.id, login: row.login, displayName: row.displayName, isAdmin: row.isAdmin, full: row.isAdmin && row.adminAreas === null, areas },
  };
}

function notFound() {
  return problem(404, 'Not Found', { code: 'user_not_found', detail: 'There is no user with this id.' });
}

/** Every administrator and their areas, by login. */
export async function listAdministrators(db: PortalExecutor): Promise<AdministratorAreas[]> {
  const rows = await db.select().from(users).where(eq(users.isAdmin, true)).orderBy(asc(sql`lower(${users.login})`), asc(users.id));
  return rows.map((row) => toAdministrator(row).value);
}

export async function readAdministrator(db: PortalExecutor, id: string, lock = false): Promise<LoadedAdministrator> {
  const query = db.select().from(users).where(eq(users.id, id)).limit(1);
  const [row] = lock ? await query.for('update') : await query;
  if (row === undefined) throw notFound();
  return toAdministrator(row);
}

export interface AreasChange {
  db: PortalDb;
  actor: Actor;
  now: Date;
  /** Throws 428/412 unless If-Match names the current ETag. */
  precondition: (etag: string, current: unknown) => void;
}

/**
 * Sets an administrator's areas (all of them = full administrator). 409 for an account that is no
 * administrator, and for the last full administrator losing an area.
 */
export async function setAdministratorAreas(change: AreasChange, id: string, areas: readonly AdminArea[]): Promise<LoadedAdministrator> {
  return change.db.transaction(async (tx) => {
    const before = await readAdministrator(tx, id, true);
    change.precondition(before.etag, before.value);
    if (!before.value.isAdmin) {
      throw problem(409, 'Conflict', { code: 'not_admin', detail: 'Only administrators have administrator areas: make the account an administrator first.' });
    }
    const stored = storedOfAreas(areas);
    if (before.value.full && stored !== null) await assertKeepsFullAdministrator(tx, id);
    const unchanged = stored === null ? before.value.full : !before.value.full && stored.join() === before.value.areas.join();
    if (unchanged) return before;
    const [row] = await tx
      .update(users)
      .set({ adminAreas: stored, version: sql`${users.version} + 1`, updatedAt: change.now })
      .where(eq(users.id, id))
      .returning();
    if (row === undefined) throw notFound();
    const after = toAdministrator(row);
    const view = (loaded: LoadedAdministrator) => ({ full: loaded.value.full, areas: loaded.value.areas });
    await recordAudit(tx, { actor: change.actor, action: 'user.admin_areas', targetType: 'user', targetId: id, before: view(before), after: view(after), at: change.now });
    return after;
  });
}
