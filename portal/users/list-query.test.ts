import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSecurityPolicy } from '../../common/portal-api/security-policy';
import type { UserFilter, UserSortField } from '../../common/portal-api/users';
import { openDatabase, type OpenDatabase } from '../db/client';
import { likePattern, listUsers, resolveFilter, searchWords, userBatchQuery } from './list-query';
import { seedSyntheticUsers } from './seed-users';

const now = new Date('2026-03-02T10:00:00Z');
const view = { policy: defaultSecurityPolicy, now };
let database: OpenDatabase;

/** The plan PostgreSQL picks for the page query (EXPLAIN, no execution). */
async function planOf(filter: Partial<UserFilter>, sort: UserSortField, dir: 'asc' | 'desc' = 'asc', withCursor = false): Promise<string> {
  const full: UserFilter = { status: 'all', sort, dir, ...filter };
  const resolved = await resolveFilter(database.db, full, view);
  const cursor = withCursor ? (await listUsers(database.db, { ...full, limit: 100 }, view)).nextCursor ?? undefined : undefined;
  const { sql, params } = userBatchQuery(database.db, resolved, { sort, dir, cursor, limit: 100 }).toSQL();
  const client = (database.db as unknown as { $client: { query(q: string, p: unknown[]): Promise<{ rows: Record<string, string>[] }> } }).$client;
  const result = await client.query(`explain ${sql}`, params as unknown[]);
  return result.rows.map((row) => Object.values(row)[0]).join('\n');
}

beforeAll(async () => {
  database = await openDatabase({ kind: 'pglite-memory' });
  await seedSyntheticUsers(database.db, 20_000, now);
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe('searchWords and likePattern', () => {
  it.each([
    [undefined, []],
    ['', []],
    ['  Müller   anna ', ['müller', 'anna']],
    ['Ｍüller', ['müller']],
    ['a b c d e f g h', ['a', 'b', 'c', 'd', 'e', 'f']],
  ])('%j -> %j', (q, words) => {
    expect(searchWords(q)).toEqual(words);
  });

  it.each([
    ['anna', '%anna%'],
    ['50%', '%50\\%%'],
    ['a_b', '%a\\_b%'],
    ['back\\slash', '%back\\\\slash%'],
  ])('%j -> %j', (word, pattern) => {
    expect(likePattern(word)).toBe(pattern);
  });
});

describe('the page query uses an index for every sort (20,000 users)', () => {
  it.each<[UserSortField, 'asc' | 'desc', string]>([
    ['displayName', 'asc', 'users_name_sort_idx'],
    ['displayName', 'desc', 'users_name_sort_idx'],
    ['login', 'asc', 'users_login_lower_unique'],
    ['email', 'asc', 'users_email_sort_idx'],
    ['lastLoginAt', 'desc', 'users_last_login_sort_idx'],
    ['status', 'asc', 'users_status_sort_idx'],
  ])('sort=%s dir=%s scans %s, also after a cursor', async (sort, dir, index) => {
    expect(await planOf({}, sort, dir)).toContain(index);
    expect(await planOf({}, sort, dir, true)).toContain(index);
  });

  it('finds a rare search term through the trigram index instead of reading every row', async () => {
    const plan = await planOf({ q: 'käthe.weiß.u18' }, 'displayName');
    expect(plan).toContain('users_search_trgm_idx');
    expect(plan).not.toContain('Seq Scan');
  });
});

describe('listUsers on 20,000 users', () => {
  it('counts what it filters and finds the one matching user', async () => {
    const page = await listUsers(database.db, { status: 'all', sort: 'displayName', dir: 'asc', q: 'u12345@', limit: 100 }, view);
    expect(page.total).toBe(1);
    expect(page.items[0]?.login).toMatch(/\.u12345$/);
    const disabled = await listUsers(database.db, { status: 'disabled', sort: 'login', dir: 'asc', limit: 500 }, view);
    expect(disabled.total).toBe(Math.ceil(20_000 / 17));
  });
});
