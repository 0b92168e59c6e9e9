import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSecurityPolicy } from '../../common/portal-api/security-policy';
import type { UserFilter, UserSortField } from '../../common/portal-api/users';
import { openDatabase, type OpenDatabase, type PortalExecutor } from '../db/client';
import { users } from '../db/schema';
import { countMatchesQuery, countUsers, likePattern, listUsers, MATCHES_FIRST_MAX, resolveFilter, searchWords, selectUserBatch, sortedMatches, sortedMatchesQuery, userBatchQuery, withoutSequentialScans } from './list-query';
import { seedSyntheticUsers } from './seed-users';

const now = new Date('2026-03-02T10:00:00Z');
const view = { policy: defaultSecurityPolicy, now };
let database: OpenDatabase;

/** The plan PostgreSQL picks for the page query (EXPLAIN, no execution). */
async function planOf(filter: Partial<UserFilter>, sort: UserSortField, dir: 'asc' | 'desc' = 'asc', withCursor = false): Promise<string> {
  const full: UserFilter = { status: 'all', sort, dir, ...filter };
  const resolved = await resolveFilter(database.db, full, view);
  const cursor = withCursor ? (await listUsers(database.db, { ...full, limit: 100 }, view)).nextCursor ?? undefined : undefined;
  const query = { sort, dir, cursor, limit: 100 };
  const { sql, params } = (filter.q === undefined ? userBatchQuery(database.db, resolved, query) : sortedMatchesQuery(database.db, resolved, query, MATCHES_FIRST_MAX)).toSQL();
  const client = (database.db as unknown as { $client: { query(q: string, p: unknown[]): Promise<{ rows: Record<string, string>[] }> } }).$client;
  const result = await client.query(`explain ${sql}`, params as unknown[]);
  return result.rows.map((row) => Object.values(row)[0]).join('\n');
}

beforeAll(async () => {
  database = await openDatabase({ kind: 'pglite-memory' });
  await database.db.insert(users).values([
    { login: 'aagot.oye', displayName: 'Ågot Øye' },
    { login: 'emoji.fan', displayName: 'Smiley 😀 Fan' },
    { login: 'percent', displayName: 'Rabatt 5% Meier' },
  ]);
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

  it.each([
    ['a rare term', 'käthe.weiß.u18'],
    ['a name late in the alphabet', 'weiß'],
    ['a long and a short word', 'lukas m'],
  ])('finds %s through the trigram index, then sorts the matches', async (_case, q) => {
    const plan = await planOf({ q }, 'displayName');
    expect(plan).toContain('users_search_text_trgm_idx');
    expect(plan).not.toContain('Seq Scan');
    expect(plan).not.toContain('users_name_sort_idx');
  });

  it('counts a trigram word through the trigram index, where the planner alone would read the whole table ("lukas")', async () => {
    const filter = await resolveFilter(database.db, { q: 'lukas', status: 'all' }, view);
    const countPlan = async (executor: PortalExecutor) => {
      const result = (await executor.execute(sql`explain ${countMatchesQuery(executor, filter, MATCHES_FIRST_MAX)}`)) as unknown as { rows: Record<string, string>[] };
      return result.rows.map((row) => Object.values(row)[0]).join('\n');
    };
    // The premise: PostgreSQL's estimate for like '%lukas%' makes a table scan look cheaper under the count's LIMIT.
    expect(await countPlan(database.db)).toContain('Seq Scan');
    const guided = await withoutSequentialScans(database.db, countPlan);
    expect(guided).toContain('users_search_text_trgm_idx');
    expect(guided).not.toContain('Seq Scan');
    // The setting ends with its transaction.
    expect(await countPlan(database.db)).toContain('Seq Scan');
  });

  it('finds a two-character word through the bigram index, then sorts the matches', async () => {
    const plan = await planOf({ q: 'lu' }, 'displayName');
    expect(plan).toContain('users_search_bigrams_idx');
    expect(plan).not.toContain('users_name_sort_idx');
  });
});

describe('listUsers on 20,000 users', () => {
  it('counts what it filters and finds the one matching user', async () => {
    const page = await listUsers(database.db, { status: 'all', sort: 'displayName', dir: 'asc', q: 'u12345@', limit: 100 }, view);
    expect(page.total).toBe(1);
    expect(page.items[0]?.login).toMatch(/\.u12345$/);
    const disabled = await listUsers(database.db, { status: 'disabled', sort: 'login', dir: 'asc', limit: 500 }, view);
    expect(disabled.total).toBe(Math.ceil(20_000 / 17));
    expect(disabled.totalCapped).toBeUndefined();
  });

  it('stops counting search matches at 1,000 and says so', async () => {
    const frequent = await listUsers(database.db, { status: 'all', sort: 'displayName', dir: 'asc', q: 'a', limit: 100 }, view);
    expect(frequent).toMatchObject({ total: 1000, totalCapped: true });
    expect(frequent.items).toHaveLength(100);
    const rare = await listUsers(database.db, { status: 'all', sort: 'displayName', dir: 'asc', q: 'u1999', limit: 100 }, view);
    expect(rare.total).toBe(11);
    expect(rare.totalCapped).toBeUndefined();
  });

  it.each([
    ['few matches', 'müller'],
    ['many matches', '.u1'],
  ])('gives the same first page either way to it (%s)', async (_case, q) => {
    const filter = await resolveFilter(database.db, { q, status: 'all' }, view);
    const query = { sort: 'displayName' as const, dir: 'asc' as const, limit: 100 };
    const sorted = (await sortedMatches(database.db, filter, query, 20_000)).batch;
    const walked = await selectUserBatch(database.db, filter, query);
    expect(sorted.rows.length).toBeGreaterThan(10);
    expect(sorted.rows.map((row) => row.id)).toEqual(walked.rows.map((row) => row.id));
    expect(sorted.nextCursor).toEqual(walked.nextCursor);
    const page = await listUsers(database.db, { ...query, q, status: 'all' }, view);
    expect(page.items.map((item) => item.id)).toEqual(sorted.rows.map((row) => row.id));
  });

  it.each([
    ['rare and late in the alphabet (Lukas)', 'lu'],
    ['with an umlaut', 'Mü'],
    ['frequent', 'an'],
    ['with a one-character word', 'lu m'],
    ['of two words', 'lu ka'],
    ['not ASCII', 'øy'],
    ['of one character that is two UTF-16 units', '😀'],
    ['with a LIKE wildcard', '5%'],
  ])('finds the same first page and total for a short word %s as a plain scan does (%j)', async (_case, q) => {
    const query = { sort: 'displayName' as const, dir: 'asc' as const, limit: 100 };
    const filter = await resolveFilter(database.db, { q, status: 'all' }, view);
    const walked = await selectUserBatch(database.db, filter, query);
    const counted = await countUsers(database.db, filter);
    const page = await listUsers(database.db, { ...query, q, status: 'all' }, view);
    expect(page.items.map((item) => item.id)).toEqual(walked.rows.map((row) => row.id));
    expect(page.nextCursor).toEqual(walked.nextCursor);
    expect({ total: page.total, capped: page.totalCapped === true }).toEqual(counted);
  });

  it('pages through the matches of a search in order, without gaps', async () => {
    const query = { status: 'all' as const, sort: 'displayName' as const, dir: 'asc' as const, q: 'müller' };
    const whole = await listUsers(database.db, { ...query, limit: 500 }, view);
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listUsers(database.db, { ...query, limit: 37, cursor }, view);
      paged.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined && paged.length < 500);
    expect(paged.slice(0, whole.items.length)).toEqual(whole.items.map((item) => item.id));
    expect(whole.items.every((item) => `${item.displayName} ${item.login}`.toLowerCase().includes('müller'))).toBe(true);
  });
});

describe('the "password expired" filter', () => {
  const DAY_MS = 24 * 60 * 60 * 1000;
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const accounts = [
    { login: 'pwexp.flagged', passwordHash: 'scrypt$test', mustChangePassword: true, passwordChangedAt: daysAgo(1) },
    { login: 'pwexp.fresh', passwordHash: 'scrypt$test', mustChangePassword: false, passwordChangedAt: daysAgo(1) },
    { login: 'pwexp.old', passwordHash: 'scrypt$test', mustChangePassword: false, passwordChangedAt: daysAgo(40) },
    { login: 'pwexp.unknown', passwordHash: 'scrypt$test', mustChangePassword: false, passwordChangedAt: null },
    { login: 'pwexp.none', passwordHash: null, mustChangePassword: true, passwordChangedAt: null },
  ];

  beforeAll(async () => {
    await database.db.insert(users).values(accounts.map((account) => ({ ...account, displayName: account.login })));
  });

  const logins = async (status: UserFilter['status'], expiryDays: number) => {
    const policyView = { policy: { password: { ...defaultSecurityPolicy.password, expiryDays } }, now };
    const page = await listUsers(database.db, { status, sort: 'login', dir: 'asc', q: 'pwexp.', limit: 100 }, policyView);
    return page.items;
  };

  it.each([
    [0, ['pwexp.flagged']],
    [30, ['pwexp.flagged', 'pwexp.old', 'pwexp.unknown']],
  ])('with expiry %i days lists only accounts with a password to replace: %j', async (expiryDays, expected) => {
    expect((await logins('password_expired', expiryDays)).map((item) => item.login)).toEqual(expected);
  });

  it.each([0, 30])('agrees with the per-row flags (expiry %i days)', async (expiryDays) => {
    const marked = (await logins('all', expiryDays))
      .filter((item) => item.hasPassword && (item.passwordExpired || item.mustChangePassword))
      .map((item) => item.login);
    expect((await logins('password_expired', expiryDays)).map((item) => item.login)).toEqual(marked);
  });
});
