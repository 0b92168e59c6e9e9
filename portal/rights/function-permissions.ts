import { eq, sql } from 'drizzle-orm';
import {
  defaultFunctionPermissions,
  FunctionPermission,
  type FunctionPermissions,
  portalFunctions,
} from '../../common/portal-api/rights';
import { readTogether, type PortalExecutor } from '../db/client';
import { functionPermissionSettings } from '../db/schema';
import { etagOf } from '../http/etag';
import { readSecurityPolicy } from '../settings';

const SINGLETON_ID = 1;

export interface StoredFunctionPermissions {
  value: FunctionPermissions;
  version: number;
  etag: string;
}

export function functionPermissionsEtag(version: number): string {
  return etagOf(version, 'function-permissions');
}

/**
 * Every portal function in the canonical order; a function the stored document lacks (added by a newer
 * release) or holds in a form that no longer validates gets its default.
 */
export function completeFunctionPermissions(stored: unknown): FunctionPermission[] {
  const valid = new Map<string, FunctionPermission>();
  if (Array.isArray(stored)) {
    for (const item of stored) {
      const parsed = FunctionPermission.safeParse(item);
      if (parsed.success) valid.set(parsed.data.function, parsed.data);
    }
  }
  return portalFunctions.map(
    (key) => valid.get(key) ?? (defaultFunctionPermissions.find((d) => d.function === key) as FunctionPermission),
  );
}

export async function readFunctionPermissions(db: PortalExecutor, lock = false): Promise<StoredFunctionPermissions> {
  const select = db.select().from(functionPermissionSettings).where(eq(functionPermissionSettings.id, SINGLETON_ID)).limit(1);
  const [[row], security] = await readTogether(db, [() => (lock ? select.for('update') : select), () => readSecurityPolicy(db)]);
  const version = row?.version ?? 1;
  return {
    value: { functions: completeFunctionPermissions(row?.document), guestsEnabled: security.policy.guests.enabled },
    version,
    etag: functionPermissionsEtag(version),
  };
}

/** Locks the matrix for a change, creating its row on first use. */
export async function lockFunctionPermissions(tx: PortalExecutor): Promise<StoredFunctionPermissions> {
  await tx.insert(functionPermissionSettings).values({ id: SINGLETON_ID, document: defaultFunctionPermissions }).onConflictDoNothing();
  return readFunctionPermissions(tx, true);
}

export async function writeFunctionPermissions(tx: PortalExecutor, functions: readonly FunctionPermission[]): Promise<void> {
  await tx
    .update(functionPermissionSettings)
    .set({ document: completeFunctionPermissions(functions), version: sql`${functionPermissionSettings.version} + 1` })
    .where(eq(functionPermissionSettings.id, SINGLETON_ID));
}
