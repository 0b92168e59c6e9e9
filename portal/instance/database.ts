import { dirname } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PortalDb } from '../db/client';

/** What the portal runs on: an embedded PGlite (in a folder or in memory) or a PostgreSQL server. */
export type DatabaseTarget =
  | { engine: 'pglite'; client: PGlite; portalDataDir: string | null }
  | { engine: 'postgresql' };

/**
 * Looks at the driver behind the drizzle handle. A PGlite in a folder lives in `<portal data dir>/pgdata`
 * (see databaseTarget in portal/server.ts), so its parent is the portal's data folder.
 */
export function databaseTargetOf(db: PortalDb): DatabaseTarget {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (client instanceof PGlite) {
    const dataDir = client.dataDir;
    const onDisk = dataDir !== undefined && !dataDir.startsWith('memory://');
    return { engine: 'pglite', client, portalDataDir: onDisk ? dirname(dataDir) : null };
  }
  return { engine: 'postgresql' };
}

function firstRow<T>(result: unknown): T | undefined {
  // PGlite answers { rows }, node-postgres a QueryResult with rows as well.
  return (result as { rows?: T[] }).rows?.[0];
}

/** Milliseconds of one real round trip (`select 1`), one decimal; null when the query fails. */
export async function measureRoundTrip(db: PortalDb): Promise<number | null> {
  const started = performance.now();
  try {
    await db.execute(sql`select 1`);
  } catch {
    return null;
  }
  return Math.round((performance.now() - started) * 10) / 10;
}

/** `pg_database_size` of the current database; null when the server does not tell. */
export async function databaseSize(db: PortalDb): Promise<number | null> {
  try {
    const row = firstRow<{ size: string | number }>(await db.execute(sql`select pg_database_size(current_database()) as size`));
    return row === undefined ? null : Number(row.size);
  } catch {
    return null;
  }
}

export async function serverVersion(db: PortalDb): Promise<string | null> {
  try {
    return firstRow<{ version: string }>(await db.execute(sql`select version() as version`))?.version ?? null;
  } catch {
    return null;
  }
}
