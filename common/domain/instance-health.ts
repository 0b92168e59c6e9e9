// Rules of the instance health board: how old a backup may be, when the next one is due, and which
// database latency or heap use counts as a warning. Service description: "backups every 24 hours".

export type HealthStatus = 'ok' | 'warning' | 'error';

const HOUR_MS = 60 * 60_000;

export const BACKUP_INTERVAL_HOURS = 24;
/** One missed nightly backup is a warning; two in a row are an error. */
export const BACKUP_ERROR_AFTER_HOURS = 2 * BACKUP_INTERVAL_HOURS;
/** A failed or interrupted backup is retried after this pause, not at every scheduler tick. */
export const BACKUP_RETRY_AFTER_HOURS = 1;

export const DATABASE_SLOW_MS = 250;
export const DATABASE_FAILING_MS = 2_000;

export const HEAP_WARNING_RATIO = 0.85;
export const HEAP_ERROR_RATIO = 0.95;

const statusRank: Record<HealthStatus, number> = { ok: 0, warning: 1, error: 2 };

/** The worse of the given statuses (ok for none). */
export function worstStatus(statuses: readonly HealthStatus[]): HealthStatus {
  return statuses.reduce<HealthStatus>((worst, status) => (statusRank[status] > statusRank[worst] ? status : worst), 'ok');
}

export type BackupAgeReason = 'recent' | 'overdue' | 'stale' | 'never';

/** Hours since the last successful backup, one decimal; null when there never was one. */
export function backupAgeHours(lastSuccessAt: Date | null, now: Date): number | null {
  if (lastSuccessAt === null) return null;
  return Math.round(((now.getTime() - lastSuccessAt.getTime()) / HOUR_MS) * 10) / 10;
}

/**
 * The 24-hour rule: ok up to 24 h after the last successful backup, a warning up to 48 h (one missed),
 * an error beyond that or when there never was a successful backup.
 */
export function backupAgeStatus(lastSuccessAt: Date | null, now: Date): { status: HealthStatus; reason: BackupAgeReason } {
  if (lastSuccessAt === null) return { status: 'error', reason: 'never' };
  const ageMs = now.getTime() - lastSuccessAt.getTime();
  if (ageMs <= BACKUP_INTERVAL_HOURS * HOUR_MS) return { status: 'ok', reason: 'recent' };
  if (ageMs <= BACKUP_ERROR_AFTER_HOURS * HOUR_MS) return { status: 'warning', reason: 'overdue' };
  return { status: 'error', reason: 'stale' };
}

/**
 * Whether the scheduler should start a backup now: the last success is 24 h old (or there is none)
 * and the last attempt, whatever its outcome, lies at least an hour back.
 */
export function isBackupDue(lastSuccessAt: Date | null, lastAttemptAt: Date | null, now: Date): boolean {
  const since = (at: Date) => now.getTime() - at.getTime();
  if (lastSuccessAt !== null && since(lastSuccessAt) < BACKUP_INTERVAL_HOURS * HOUR_MS) return false;
  return lastAttemptAt === null || since(lastAttemptAt) >= BACKUP_RETRY_AFTER_HOURS * HOUR_MS;
}

export type DatabaseReason = 'reachable' | 'slow' | 'very_slow' | 'unreachable';

/** A round trip (`select 1`) of `latencyMs`, or null when it failed. */
export function databaseStatus(latencyMs: number | null): { status: HealthStatus; reason: DatabaseReason } {
  if (latencyMs === null) return { status: 'error', reason: 'unreachable' };
  if (latencyMs >= DATABASE_FAILING_MS) return { status: 'error', reason: 'very_slow' };
  if (latencyMs >= DATABASE_SLOW_MS) return { status: 'warning', reason: 'slow' };
  return { status: 'ok', reason: 'reachable' };
}

export type MemoryReason = 'normal' | 'high' | 'critical';

/** Heap in use against the heap limit of the portal process. */
export function memoryStatus(heapUsedBytes: number, heapLimitBytes: number): { status: HealthStatus; reason: MemoryReason } {
  const ratio = heapLimitBytes > 0 ? heapUsedBytes / heapLimitBytes : 0;
  if (ratio >= HEAP_ERROR_RATIO) return { status: 'error', reason: 'critical' };
  if (ratio >= HEAP_WARNING_RATIO) return { status: 'warning', reason: 'high' };
  return { status: 'ok', reason: 'normal' };
}
