import { eq, sql } from 'drizzle-orm';
import { validateSecurityPolicy, type PolicyIssue } from '../../common/domain/password-policy';
import type { SecurityPolicy } from '../../common/portal-api/security-policy';
import { recordAudit } from '../audit';
import type { Actor } from '../auth/require-admin';
import type { PortalDb } from '../db/client';
import { securityPolicy } from '../db/schema';
import { etagOf } from '../http/etag';
import { problem } from '../http/problem';
import { readSecurityPolicy, type StoredSecurityPolicy } from '../settings';

/** The singleton's ETag (`"v<version>"`). */
export function policyEtag(stored: Pick<StoredSecurityPolicy, 'version'>): string {
  return etagOf(stored.version);
}

function describeIssue(issue: PolicyIssue): string {
  const params = issue.params ?? {};
  switch (issue.code) {
    case 'registration_code_required':
      return `Joining by invitation needs a registration code of at least ${params.minLength} characters.`;
    case 'registration_code_too_short':
      return `At least ${params.minLength} characters.`;
    case 'registration_code_too_long':
      return `At most ${params.maxLength} characters.`;
    case 'out_of_range':
      return `Between ${params.min} and ${params.max}.`;
    case 'not_an_integer':
      return 'A whole number.';
    case 'too_many':
      return `At most ${params.max} entries.`;
    case 'duplicate_entry':
      return `${params.value} is listed twice.`;
    case 'preset_mismatch':
      return `The settings are not those of the preset ${params.preset}; save them as custom.`;
    default:
      return issue.code;
  }
}

/** Audit snapshots drop keys named `password` (secrets); the policy's password rules are no secret. */
function auditSnapshot(policy: SecurityPolicy) {
  const { password, ...rest } = policy;
  return { ...rest, passwordRules: password };
}

export interface PolicyChangeContext {
  db: PortalDb;
  actor: Actor;
  now: Date;
}

/** Replaces the policy (If-Match) after the same domain checks the console runs while editing. */
export async function updateSecurityPolicy(
  ctx: PolicyChangeContext,
  next: SecurityPolicy,
  precondition: (etag: string, current: unknown) => void,
): Promise<StoredSecurityPolicy> {
  const issues = validateSecurityPolicy(next);
  return ctx.db.transaction(async (tx) => {
    await tx.select({ id: securityPolicy.id }).from(securityPolicy).where(eq(securityPolicy.id, 1)).for('update');
    const current = await readSecurityPolicy(tx);
    precondition(policyEtag(current), current.policy);
    if (issues.length > 0) {
      throw problem(400, 'Bad Request', {
        code: 'invalid_policy',
        detail: 'The security policy has invalid settings.',
        errors: issues.map((issue) => ({ path: issue.path, message: describeIssue(issue) })),
      });
    }
    const [row] = await tx
      .update(securityPolicy)
      .set({ document: next, version: sql`${securityPolicy.version} + 1` })
      .where(eq(securityPolicy.id, 1))
      .returning({ version: securityPolicy.version });
    if (row === undefined) throw new Error('security_policy row is missing');
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'security_policy.update',
      targetType: 'security_policy',
      targetId: '1',
      before: auditSnapshot(current.policy),
      after: auditSnapshot(next),
      at: ctx.now,
    });
    return { policy: next, version: row.version };
  });
}
