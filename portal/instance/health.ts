import { getHeapStatistics } from 'node:v8';
import {
  BACKUP_INTERVAL_HOURS,
  backupAgeHours,
  backupAgeStatus,
  databaseStatus,
  memoryStatus,
  worstStatus,
} from '../../common/domain/instance-health';
import type {
  BackupsHealth,
  DatabaseHealth,
  InstanceHealth,
  PortalServerHealth,
  SessionsHealth,
} from '../../common/portal-api/instance';
import { readTogether, type PortalDb } from '../db/client';
import { readPortalSettings } from '../settings';
import { countActiveSessions } from './admin-sessions';
import type { BackupService } from './backups';
import { databaseSize, databaseTargetOf, measureRoundTrip, serverVersion } from './database';

const MIB = 1024 * 1024;

async function portalServerHealth(db: PortalDb, startedAtMs: number): Promise<PortalServerHealth> {
  const memory = process.memoryUsage();
  const heapLimitBytes = getHeapStatistics().heap_size_limit;
  const { status, reason } = memoryStatus(memory.heapUsed, heapLimitBytes);
  const version = await readPortalSettings(db)
    .then((settings) => settings.version)
    .catch(() => 'unknown');
  const uptimeSeconds = Math.max(0, Math.round((Date.now() - startedAtMs) / 1000));
  return {
    status,
    reason,
    detail: `Portal ${version} up ${uptimeSeconds} s; heap ${Math.round(memory.heapUsed / MIB)} of ${Math.round(heapLimitBytes / MIB)} MiB`,
    version,
    node: process.version,
    uptimeSeconds,
    memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, heapLimitBytes },
  };
}

async function databaseHealth(db: PortalDb): Promise<DatabaseHealth> {
  const engine = databaseTargetOf(db).engine;
  const latencyMs = await measureRoundTrip(db);
  const { status, reason } = databaseStatus(latencyMs);
  const [sizeBytes, version] = latencyMs === null ? [null, null] : await readTogether(db, [() => databaseSize(db), () => serverVersion(db)]);
  return {
    status,
    reason,
    detail: latencyMs === null ? `${engine}: the test query failed` : `${engine}: round trip ${latencyMs} ms`,
    engine,
    latencyMs,
    sizeBytes,
    serverVersion: version,
  };
}

async function backupsHealth(backups: BackupService, now: Date): Promise<BackupsHealth> {
  const base = { intervalHours: BACKUP_INTERVAL_HOURS, lastSuccessAt: null, ageHours: null, running: false };
  if (backups.policy.managedBy === 'provider') {
    return {
      ...base,
      status: 'ok',
      reason: 'provider',
      detail: 'The hosting provider backs up the PostgreSQL database every 24 hours; the portal does not see those backups.',
      managedBy: 'provider',
    };
  }
  try {
    const [lastSuccess, running] = await Promise.all([backups.lastSuccessAt(), backups.isRunning()]);
    const { status, reason } = backupAgeStatus(lastSuccess, now);
    const ageHours = backupAgeHours(lastSuccess, now);
    return {
      ...base,
      status,
      reason,
      detail: lastSuccess === null ? 'No successful backup yet' : `Last successful backup ${ageHours} h ago (rule: every 24 h)`,
      managedBy: 'portal',
      lastSuccessAt: lastSuccess?.toISOString() ?? null,
      ageHours: ageHours === null ? null : Math.max(0, ageHours),
      running,
    };
  } catch (error) {
    return { ...base, status: 'error', reason: 'unreadable', detail: `Backup history unreadable: ${(error as Error).message}`, managedBy: 'portal' };
  }
}

async function sessionsHealth(db: PortalDb, now: Date): Promise<SessionsHealth> {
  try {
    const active = await countActiveSessions(db, now);
    return { status: 'ok', reason: 'counted', detail: `${active} active admin sessions`, active };
  } catch (error) {
    return { status: 'error', reason: 'unreadable', detail: `Sessions unreadable: ${(error as Error).message}`, active: null };
  }
}

/** Measures every component now: nothing is cached, every figure comes from the running instance. */
export async function collectInstanceHealth(
  db: PortalDb,
  backups: BackupService,
  options: { now: Date; startedAtMs: number },
): Promise<InstanceHealth> {
  // The database first and alone, so its round trip is not queued behind the other queries.
  const database = await databaseHealth(db);
  const [portalServer, backupState, sessions] = await readTogether(db, [
    () => portalServerHealth(db, options.startedAtMs),
    () => backupsHealth(backups, options.now),
    () => sessionsHealth(db, options.now),
  ]);
  const components = { portalServer, database, backups: backupState, sessions };
  return {
    checkedAt: options.now.toISOString(),
    status: worstStatus(Object.values(components).map((component) => component.status)),
    components,
  };
}
