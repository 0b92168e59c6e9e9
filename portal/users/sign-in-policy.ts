import { eq } from 'drizzle-orm';
import { recordAudit } from '../audit';
import type { PortalExecutor } from '../db/client';
import { users, type UserRow } from '../db/schema';
import { readSecurityPolicy } from '../settings';
import { passwordChangeReason } from './password-rules';

/**
 * Called by sign-in after the password matched: whether the new session may only change the password.
 * An expired password or one the tightened policy no longer accepts flags the account (audited), so the
 * requirement survives until the password is changed.
 */
export async function passwordChangeDueAtSignIn(tx: PortalExecutor, user: UserRow, password: string, now: Date): Promise<boolean> {
  const { policy } = await readSecurityPolicy(tx);
  const reason = passwordChangeReason(user, password, policy, now);
  if (reason === null) return false;
  if (reason !== 'flagged') {
    await tx.update(users).set({ mustChangePassword: true }).where(eq(users.id, user.id));
    await recordAudit(tx, {
      actor: null,
      actorLogin: 'system',
      action: 'user.password_change_required',
      targetType: 'user',
      targetId: user.id,
      after: { reason },
      at: now,
    });
  }
  return true;
}
