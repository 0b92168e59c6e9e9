import { sql } from 'drizzle-orm';
import type { PortalExecutor } from '../db/client';
import { users, type NewUserRow } from '../db/schema';
import { firstNames, lastNames, loginOf } from '../demo/names';

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 1000;

/** The n-th synthetic user: deterministic, varied names (umlauts included), every 17th disabled, every 5th never signed in. */
export function syntheticUser(n: number, now: Date, prefix = 'u'): NewUserRow {
  const first = firstNames[n % firstNames.length] as string;
  const last = lastNames[Math.floor(n / firstNames.length) % lastNames.length] as string;
  const login = `${loginOf(first, last)}.${prefix}${n}`;
  return {
    login,
    displayName: `${first} ${last}`,
    email: n % 11 === 0 ? null : `${login}@beispiel.de`,
    language: n % 7 === 0 ? 'en' : 'de',
    enabled: n % 17 !== 0,
    passwordHash: null,
    mustChangePassword: true,
    lastLoginAt: n % 5 === 0 ? null : new Date(now.getTime() - (n % 400) * DAY_MS - (n % 1440) * 60_000),
    lockedUntil: n % 101 === 0 ? new Date(now.getTime() + 30 * 60_000) : null,
    failedAttempts: n % 101 === 0 ? 3 : 0,
    createdAt: new Date(now.getTime() - (n % 900) * DAY_MS),
    updatedAt: now,
  };
}

/** Inserts `count` synthetic users in batches (tests and the bench: 100,000 users in seconds). */
export async function seedSyntheticUsers(db: PortalExecutor, count: number, now: Date, prefix = 'u'): Promise<void> {
  for (let start = 0; start < count; start += BATCH) {
    const rows: NewUserRow[] = [];
    for (let n = start; n < Math.min(count, start + BATCH); n += 1) rows.push(syntheticUser(n, now, prefix));
    await db.insert(users).values(rows);
  }
  // Fresh statistics, so the planner picks the sort and trigram indexes from the first query on.
  await db.execute(sql`analyze users`);
}
