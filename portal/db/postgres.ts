import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { timedStep, type StartTimings } from '../start-timings';
import type { OpenDatabase } from './client';
import * as schema from './schema';

export async function openPostgres(databaseUrl: string, migrationsFolder: string): Promise<OpenDatabase> {
  const pool = resilientPool(databaseUrl);
  try {
    const db = drizzleNodePg({ client: pool.pool, schema });
    const timings: StartTimings = [];
    await timedStep(timings, 'migrations', () => migrateNodePg(db, { migrationsFolder }));
    return { db, target: 'postgres', timings, close: pool.close };
  } catch (error) {
    await pool.close().catch(() => undefined);
    throw error;
  }
}

/**
 * A pool that survives losing an idle connection and closes completely.
 * pg's Pool emits 'error' when the server drops an idle connection (restart, failover, a firewall's
 * idle timeout, pg_terminate_backend); with no listener that is an uncaught exception that takes the
 * portal down. The pool has already discarded that connection, so the next query simply opens another.
 * Its end() resolves before the connections have closed; close() waits for them, so that whoever drops
 * or stops the database next does not hit connections still saying goodbye.
 */
export function resilientPool(databaseUrl: string, onLost: (error: Error) => void = reportLostConnection): { pool: pg.Pool; close(): Promise<void> } {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  let open = 0;
  let allRemoved: (() => void) | undefined;
  let closing = false;
  pool.on('connect', () => (open += 1));
  pool.on('remove', () => {
    open -= 1;
    if (open === 0) allRemoved?.();
  });
  pool.on('error', (error) => {
    if (!closing) onLost(error);
  });
  const close = async () => {
    closing = true;
    const removed = open === 0 ? Promise.resolve() : new Promise<void>((resolve) => (allRemoved = resolve));
    await pool.end();
    await removed;
  };
  return { pool, close };
}

function reportLostConnection(error: Error): void {
  process.stderr.write(`portal: an idle database connection was lost (${error.message}); the next query opens a new one\n`);
}
