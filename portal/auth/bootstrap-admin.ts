import { count } from 'drizzle-orm';
import { recordAudit } from '../audit';
import type { PortalDb } from '../db/client';
import { users } from '../db/schema';
import { hashPassword } from './passwords';

/**
 * Gives a fresh, non-demo portal its first administrator (`admin`), who must change the password at
 * first sign-in. Does nothing once any user exists.
 */
export async function ensureInitialAdmin(db: PortalDb, password: string, now: Date): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  if ((row?.n ?? 0) > 0) return false;
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(users)
      .values({
        login: 'admin',
        displayName: 'Administrator',
        isAdmin: true,
        passwordHash,
        mustChangePassword: true,
        passwordChangedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (inserted === undefined) return false;
    await recordAudit(tx, { actor: null, actorLogin: 'system', action: 'user.create', targetType: 'user', targetId: inserted.id, after: { login: 'admin', isAdmin: true }, at: now });
    return true;
  });
}
