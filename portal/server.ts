import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Environment } from '../common/portal-api/common';
import { buildApp } from './app';
import { ensureInitialAdmin } from './auth/bootstrap-admin';
import type { PortalContext, RateLimitOptions } from './context';
import { openDatabase, type DatabaseTarget, type OpenDatabase, type PortalDb } from './db/client';
import { seedDemoData } from './demo/seed';
import { ensureStandardLayout } from './designer/layouts';
import { PortalLogStore } from './logs/log-store';
import { ensureSingletons, setEnvironment } from './settings';
import type { BackupHooks } from './instance/backups';
import { markInterruptedImports } from './users/import';
import { directoryServiceFor } from './directory/runner';
import { loadSecretKey, secretBox } from './directory/secret-box';
import { timedStep, type StartTimings } from './start-timings';
import { resolveTls, type TlsMaterial } from './tls';

export { buildApp, type AppOptions } from './app';
export type { PortalContext } from './context';
export type { PortalDb } from './db/client';

export interface PortalOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** PGlite data (in DIR/pgdata) and the kept certificate (DIR/cert.pem, DIR/key.pem). */
  dataDir?: string;
  /** In-memory PGlite and an in-memory certificate (also the default when no other store is given). */
  memory?: boolean;
  /** PostgreSQL via node-postgres instead of PGlite. */
  databaseUrl?: string;
  /** PGlite with small Postgres buffers (SMALL_PGLITE_SETTINGS): the console's embedded portal. */
  smallMemory?: boolean;
  /** Seed the German demo company into an empty database. */
  demo?: boolean;
  certFile?: string;
  keyFile?: string;
  /** Sets the portal's environment; a new database defaults to `test` with demo data, else `prod`. */
  environment?: Environment;
  rateLimit?: RateLimitOptions;
  loginRateLimit?: RateLimitOptions;
  /** How long a stop waits for requests in flight before it cuts them (default 10 s). */
  drainTimeoutMs?: number;
  /** Request logs (pino, to stderr). */
  logger?: boolean;
  /** Injectable clock for tests. */
  now?: () => Date;
  /** Test seam: hooks of the portal's backup service (hold a backup open instead of racing it). */
  backupHooks?: BackupHooks;
  /** Creates `admin` with this password (must change at first sign-in) when a non-demo database has no users. */
  initialAdminPassword?: string;
  /** Where the SQL migrations are; defaults to portal/db/migrations next to the sources. */
  migrationsFolder?: string;
}

export interface RunningPortal {
  /** https://127.0.0.1:PORT */
  url: string;
  port: number;
  /** base64(SHA-256(DER SubjectPublicKeyInfo)) of the served certificate. */
  spki: string;
  close(): Promise<void>;
  app: FastifyInstance;
  db: PortalDb;
  /** How long each step of the start took, and what the database came up from (PGlite). */
  startTimings: StartTimings;
  databaseOrigin?: OpenDatabase['origin'];
}

function databaseTarget(opts: PortalOptions): DatabaseTarget {
  if (opts.databaseUrl !== undefined) return { kind: 'postgres', databaseUrl: opts.databaseUrl };
  const small = opts.smallMemory === true;
  if (opts.memory === true || opts.dataDir === undefined) return { kind: 'pglite-memory', small };
  return { kind: 'pglite-dir', dataDir: join(opts.dataDir, 'pgdata'), small };
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

async function prepareData(ctx: PortalContext, opts: PortalOptions): Promise<void> {
  await ensureSingletons(ctx.db, opts.environment ?? (opts.demo === true ? 'test' : 'prod'));
  await ensureStandardLayout(ctx.db);
  if (opts.environment !== undefined) await setEnvironment(ctx.db, opts.environment);
  if (opts.demo === true) await seedDemoData(ctx.db, ctx.now());
  else if (opts.initialAdminPassword !== undefined) await ensureInitialAdmin(ctx.db, opts.initialAdminPassword, ctx.now());
}

/**
 * The certificate and the opened database, side by side: a first run generates its certificate while PGlite reads
 * and compiles its files. A database opened beside a certificate that failed is closed again.
 */
async function certificateAndDatabase(opts: PortalOptions, timings: StartTimings): Promise<{ tls: TlsMaterial; database: OpenDatabase }> {
  const [tls, database] = await Promise.allSettled([
    timedStep(timings, 'tls', () => resolveTls({ certFile: opts.certFile, keyFile: opts.keyFile, dataDir: opts.memory === true ? undefined : opts.dataDir })),
    openDatabase(databaseTarget(opts), opts.migrationsFolder),
  ]);
  if (tls.status === 'rejected') {
    if (database.status === 'fulfilled') await database.value.close().catch(() => undefined);
    throw tls.reason;
  }
  if (database.status === 'rejected') throw database.reason;
  return { tls: tls.value, database: database.value };
}

/** Opens (and migrates) the database, prepares data, and serves the admin API over HTTPS. */
export async function startPortal(opts: PortalOptions = {}): Promise<RunningPortal> {
  const timings: StartTimings = [];
  const { tls, database } = await certificateAndDatabase(opts, timings);
  timings.push(...database.timings);
  let app: FastifyInstance | undefined;
  try {
    const secrets = secretBox(await loadSecretKey(opts.memory === true || opts.dataDir === undefined ? undefined : join(opts.dataDir, 'secret')));
    const ctx: PortalContext = { db: database.db, now: opts.now ?? (() => new Date()), backupHooks: opts.backupHooks, secrets };
    await timedStep(timings, 'data', () => prepareData(ctx, opts));
    app = await timedStep(timings, 'app', async () =>
      buildApp(ctx, {
        logger: opts.logger ?? false,
        serverLog: await openServerLog(opts, ctx.now),
        rateLimit: opts.rateLimit,
        loginRateLimit: opts.loginRateLimit,
        ...(opts.drainTimeoutMs === undefined ? {} : { drainTimeoutMs: opts.drainTimeoutMs }),
        https: { key: tls.key, cert: tls.cert },
      }),
    );
    const built = app;
    await timedStep(timings, 'sweep', async () => {
      await sweepInterruptedImports(built, ctx);
      const directory = directoryServiceFor(ctx);
      const directoryInterrupted = await directory.markInterrupted();
      if (directoryInterrupted > 0) built.serverLog.warn('directory runs interrupted by the last stop', { count: directoryInterrupted });
      directory.startSchedule();
    });
    const host = opts.host ?? '127.0.0.1';
    await timedStep(timings, 'listen', () => built.listen({ port: opts.port ?? 0, host }));
    const { port } = app.server.address() as AddressInfo;
    return {
      url: `https://${urlHost(host)}:${port}`,
      port,
      spki: tls.spki,
      close: closeOnce(app, database),
      app,
      db: database.db,
      startTimings: timings,
      databaseOrigin: database.origin,
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.close().catch(() => undefined);
    throw error;
  }
}

/** Imports still running in the database were cut off by the last stop: they become interrupted. */
async function sweepInterruptedImports(app: FastifyInstance, ctx: PortalContext): Promise<void> {
  const interrupted = await markInterruptedImports(ctx.db, ctx.now());
  if (interrupted > 0) app.serverLog.warn('imports interrupted by the last stop', { count: interrupted });
}

/** The server log goes to DIR/logs/portal.log when the portal keeps its data in a folder. */
function openServerLog(opts: PortalOptions, now: () => Date): Promise<PortalLogStore> {
  const keepsFiles = opts.memory !== true && opts.dataDir !== undefined;
  return PortalLogStore.open(keepsFiles ? { file: join(opts.dataDir!, 'logs', 'portal.log'), now } : { now });
}

function closeOnce(app: FastifyInstance, database: OpenDatabase): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= (async () => {
      await app.close();
      await database.close();
    })();
    return closing;
  };
}
