import { eq } from 'drizzle-orm';
import type { AdminArea } from '../../common/domain/admin-areas';
import { hashDemoPassword } from './passwords';
import type { PortalExecutor } from '../db/client';
import { users } from '../db/schema';

export interface DemoRoleAdmin {
  login: string;
  password: string;
  areas: AdminArea[];
}

/**
 * Besides the full administrator, the demo's two IT administrators sign in with restricted roles: a user
 * administrator and an application designer (their logins come from the seeded names).
 */
export const DEMO_USER_ADMIN: DemoRoleAdmin = { login: 'birgit.huber', password: 'Users-Portal-2026', areas: ['users'] };
export const DEMO_DESIGNER: DemoRoleAdmin = { login: 'susanne.schulze', password: 'Design-Portal-2026', areas: ['applications', 'layouts'] };
export const DEMO_ROLE_ADMINS: readonly DemoRoleAdmin[] = [DEMO_USER_ADMIN, DEMO_DESIGNER];

/** Gives the demo's role administrators their areas and a password (run inside the seeding transaction). */
export async function seedAdminRolesDemo(tx: PortalExecutor, now: Date): Promise<void> {
  const hashes = await Promise.all(DEMO_ROLE_ADMINS.map((admin) => hashDemoPassword(admin.password)));
  for (const [index, admin] of DEMO_ROLE_ADMINS.entries()) {
    const updated = await tx
      .update(users)
      .set({ isAdmin: true, adminAreas: admin.areas, passwordHash: hashes[index], mustChangePassword: false, passwordChangedAt: now })
      .where(eq(users.login, admin.login))
      .returning({ id: users.id });
    if (updated.length !== 1) throw new Error(`demo administrator ${admin.login} is missing from the demo data`);
  }
}
