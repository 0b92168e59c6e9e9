import { getHeapStatistics } from 'node:v8';
import { count, eq, gt, sql } from 'drizzle-orm';
import type { Diagnostics, HealthCheckResult } from '../../common/portal-api/support';
import { readTogether, type PortalDb } from '../db/client';
import { sessions, tickets, users } from '../db/schema';
import type { PortalLogStore } from '../logs/log-store';
import { readPortalSettings, toPortalInfo } from '../settings';

const SLOW_DATABASE_MS = 250;
const FAILING_DATABASE_MS = 2_000;
const HEAP_WARN_RATIO = 0.85;

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: Math.round((performance.now() - started) * 10) / 10 };
}

/** A query whose failure should show as "unknown" in the summary instead of failing it. */
async function optional<T>(run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch {
    return null;
  }
}

async function databaseCheck(db: PortalDb): Promise<HealthCheckResult> {
  try {
    const { ms } = await timed(() => db.execute(sql`select 1`));
    const status = ms >= FAILING_DATABASE_MS ? 'fail' : ms >= SLOW_DATABASE_MS ? 'warn' : 'ok';
    return { name: 'database', status, detail: `round trip ${ms} ms`, durationMs: ms };
  } catch (error) {
    return { name: 'database', status: 'fail', detail: (error as Error).message, durationMs: 0 };
  }
}

function serverLogCheck(log: PortalLogStore): HealthCheckResult {
  const { errorsLastHour, warningsLastHour } = log.stats();
  const detail = `${errorsLastHour} errors, ${warningsLastHour} warnings in the last hour`;
  return { name: 'server-errors', status: errorsLastHour > 0 ? 'warn' : 'ok', detail, durationMs: 0 };
}

function memoryCheck(): HealthCheckResult {
  const heap = getHeapStatistics();
  const ratio = heap.used_heap_size / heap.heap_size_limit;
  const detail = `heap ${(ratio * 100).toFixed(0)} % of its limit used`;
  return { name: 'memory', status: ratio >= HEAP_WARN_RATIO ? 'warn' : 'ok', detail, durationMs: 0 };
}

function firstRow<T>(result: unknown): T | undefined {
  // PGlite answers { rows }, node-postgres a QueryResult with rows as well.
  return (result as { rows?: T[] }).rows?.[0];
}

async function databaseFacts(db: PortalDb): Promise<Diagnostics['database']> {
  const server = await optional(async () => firstRow<{ version: string }>(await db.execute(sql`select version() as version`))?.version ?? null);
  const size = await optional(async () => firstRow<{ size: string | number }>(await db.execute(sql`select pg_database_size(current_database()) as size`))?.size);
  const migrations = await optional(async () => firstRow<{ n: string | number }>(await db.execute(sql`select count(*) as n from drizzle.__drizzle_migrations`))?.n);
  return {
    server,
    sizeBytes: size === null || size === undefined ? null : Number(size),
    migrationsApplied: migrations === null || migrations === undefined ? null : Number(migrations),
  };
}

async function counts(db: PortalDb, now: Date): Promise<Diagnostics['counts']> {
  const [[userCount], [sessionCount], [openCount]] = await readTogether(db, [
    () => db.select({ n: count() }).from(users),
    () => db.select({ n: count() }).from(sessions).where(gt(sessions.expiresAt, now)),
    () => db.select({ n: count() }).from(tickets).where(eq(tickets.status, 'open')),
  ]);
  return { users: userCount?.n ?? 0, activeSessions: sessionCount?.n ?? 0, openTickets: openCount?.n ?? 0 };
}

/** Versions, database, uptime, server-log figures and health checks: what support asks for first. */
export async function collectDiagnostics(db: PortalDb, log: PortalLogStore, startedAt: Date, now: Date): Promise<Diagnostics> {
  const memory = process.memoryUsage();
  const [settings, database, countFigures, databaseHealth] = await readTogether(db, [
    () => readPortalSettings(db),
    () => databaseFacts(db),
    () => counts(db, now),
    () => databaseCheck(db),
  ]);
  return {
    generatedAt: now.toISOString(),
    startedAt: startedAt.toISOString(),
    uptimeSeconds: Math.max(0, Math.round((now.getTime() - startedAt.getTime()) / 1000)),
    portal: toPortalInfo(settings),
    runtime: {
      node: process.version,
      platform: process.platform,
      arch: process.arch,
      memoryRssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
    },
    database,
    counts: countFigures,
    serverLog: log.stats(),
    checks: [databaseHealth, serverLogCheck(log), memoryCheck()],
  };
}
