import { eq } from 'drizzle-orm';
import type { Environment } from '../common/portal-api/common';
import { policyFromStored } from '../common/domain/password-policy';
import { defaultSecurityPolicy, type SecurityPolicy } from '../common/portal-api/security-policy';
import type { PortalInfo } from '../common/portal-api/session';
import type { PortalExecutor } from './db/client';
import { portalSettings, securityPolicy, type PortalSettingsRow } from './db/schema';
import { PORTAL_SOFTWARE_VERSION } from './version';

const SINGLETON_ID = 1;

/** Creates the singleton rows of a fresh database; leaves existing ones alone. */
export async function ensureSingletons(db: PortalExecutor, environment: Environment): Promise<void> {
  await db
    .insert(portalSettings)
    .values({ id: SINGLETON_ID, name: 'Portal', version: PORTAL_SOFTWARE_VERSION, environment })
    .onConflictDoNothing();
  await db.insert(securityPolicy).values({ id: SINGLETON_ID, document: defaultSecurityPolicy }).onConflictDoNothing();
}

export async function setEnvironment(db: PortalExecutor, environment: Environment): Promise<void> {
  await db.update(portalSettings).set({ environment }).where(eq(portalSettings.id, SINGLETON_ID));
}

export async function readPortalSettings(db: PortalExecutor): Promise<PortalSettingsRow> {
  const [row] = await db.select().from(portalSettings).where(eq(portalSettings.id, SINGLETON_ID)).limit(1);
  if (row === undefined) throw new Error('portal_settings row is missing');
  return row;
}

export function toPortalInfo(row: PortalSettingsRow): PortalInfo {
  return {
    name: row.name,
    version: row.version,
    track: row.track,
    environment: row.environment,
    timeZone: row.timeZone,
    supportPackage: row.supportPackage,
  };
}

export interface StoredSecurityPolicy {
  policy: SecurityPolicy;
  version: number;
}

/** The policy in force; a stored document that no longer validates falls back to the defaults. */
export async function readSecurityPolicy(db: PortalExecutor): Promise<StoredSecurityPolicy> {
  const [row] = await db.select().from(securityPolicy).where(eq(securityPolicy.id, SINGLETON_ID)).limit(1);
  if (row === undefined) return { policy: defaultSecurityPolicy, version: 0 };
  return { policy: policyFromStored(row.document) ?? defaultSecurityPolicy, version: row.version };
}
