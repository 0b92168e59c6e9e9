import { and, count, eq, inArray, isNotNull, isNull, lte, not, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { SecurityPolicy } from '../../common/portal-api/security-policy';
import { SEARCH_TOTAL_CAP, type SortDirection, type UserFilter, type UserPage, type UserSortField } from '../../common/portal-api/users';
import type { PortalExecutor } from '../db/client';
import { principalMembers, principals, users, type UserRow } from '../db/schema';
import { emailMissingKey, emailSortKey, lastLoginSortKey, loginSortKey, nameSortKey, searchBigrams, statusRankKey } from '../db/schema/user-sort-keys';
import { CursorText, decodeCursor, encodeCursor } from '../http/cursor';
import { problem } from '../http/problem';
import { toUserSummary, type ViewContext } from './representation';

/**
 * The user list: filters, search and keyset paging. Each sort is a tuple of non-null key expressions
 * ending in a unique one, so `(keys) > (cursor)` continues exactly after the last row; every tuple has
 * an index (schema/users.ts), so a page costs the same at row 100 and at row 99,900.
 */

type KeyType = 'text' | 'boolean' | 'integer' | 'timestamptz' | 'uuid';

interface KeyPart {
  expr: SQL;
  type: KeyType;
}

const idKey: KeyPart = { expr: sql`${users.id}`, type: 'uuid' };

const sortKeys: Record<UserSortField, KeyPart[]> = {
  displayName: [{ expr: nameSortKey(users), type: 'text' }, idKey],
  // lower(login) is unique (users_login_lower_unique), so it needs no tie-breaker.
  login: [{ expr: loginSortKey(users), type: 'text' }],
  email: [{ expr: emailMissingKey(users), type: 'boolean' }, { expr: emailSortKey(users), type: 'text' }, idKey],
  lastLoginAt: [{ expr: lastLoginSortKey(users), type: 'timestamptz' }, idKey],
  status: [{ expr: statusRankKey(users), type: 'integer' }, { expr: nameSortKey(users), type: 'text' }, idKey],
};

/** [sort, dir, key values as text] of the previous page's last row. */
const UserCursor = z.tuple([z.string().max(20), z.string().max(4), z.array(CursorText).max(3)]);

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** timestamptz as PostgreSQL writes it as text (`2026-03-02 09:00:00.123+00`), or -infinity (never signed in). */
const TIMESTAMPTZ_TEXT = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?[+-]\d{2}(?::\d{2}){0,2}$/;

function isTimestampText(value: string): boolean {
  if (value === '-infinity' || value === 'infinity') return true;
  const match = TIMESTAMPTZ_TEXT.exec(value);
  if (match === null) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const calendarDay = new Date(Date.UTC(year, month - 1, day));
  return year >= 1 && calendarDay.getUTCDate() === day && calendarDay.getUTCMonth() === month - 1 && hour < 24 && minute < 60 && second < 61;
}

/** Whether a key value read from a cursor is something the SQL cast of its part can take. */
function castable(type: KeyType, value: string): boolean {
  switch (type) {
    case 'text':
      return true;
    case 'boolean':
      return value === 'true' || value === 'false';
    case 'integer':
      return /^-?\d{1,9}$/.test(value);
    case 'timestamptz':
      return isTimestampText(value);
    case 'uuid':
      return UUID_TEXT.test(value);
  }
}

function cursorValue(part: KeyPart, value: string): SQL {
  switch (part.type) {
    case 'text':
      return sql`${value}::text`;
    case 'boolean':
      return sql`${value}::boolean`;
    case 'integer':
      return sql`${value}::integer`;
    case 'timestamptz':
      return sql`${value}::timestamptz`;
    case 'uuid':
      return sql`${value}::uuid`;
  }
}

function readCursor(cursor: string, sort: UserSortField, dir: SortDirection): string[] {
  const [cursorSort, cursorDir, key] = decodeCursor(cursor, UserCursor);
  const parts = sortKeys[sort];
  if (cursorSort !== sort || cursorDir !== dir || key.length !== parts.length || !key.every((value, index) => castable(parts[index]!.type, value))) {
    throw problem(400, 'Bad Request', {
      code: 'invalid_cursor',
      detail: 'The cursor does not belong to this sort order; start again from the first page.',
      errors: [{ path: 'cursor', message: 'Cursor does not match sort and dir' }],
    });
  }
  return key;
}

function afterCursor(parts: KeyPart[], values: string[], dir: SortDirection): SQL {
  const left = sql.join(
    parts.map((part) => part.expr),
    sql`, `,
  );
  const right = sql.join(
    parts.map((part, index) => cursorValue(part, values[index] ?? '')),
    sql`, `,
  );
  return dir === 'asc' ? sql`(${left}) > (${right})` : sql`(${left}) < (${right})`;
}

function orderBy(parts: KeyPart[], dir: SortDirection): SQL[] {
  return parts.map((part) => (dir === 'asc' ? sql`${part.expr} asc` : sql`${part.expr} desc`));
}

/** Escapes LIKE wildcards so a search for `50%` or `a_b` means the characters themselves. */
export function likePattern(word: string): string {
  return `%${word.replace(/[\\%_]/gu, (char) => `\\${char}`)}%`;
}

const MAX_SEARCH_WORDS = 6;
/** pg_trgm needs three characters to use the index; shorter words are matched while scanning. */
const TRIGRAM_MIN_LENGTH = 3;

/** Characters as PostgreSQL counts them (code points; "𝔘" is one, two UTF-16 units). */
function characterCount(word: string): number {
  return [...word].length;
}

/** A two-character word is found through the bigram index (users_search_bigrams_idx), pg_trgm cannot. */
function isBigram(word: string): boolean {
  return characterCount(word) === 2;
}

function containsWord(word: string): SQL {
  return sql`${users.searchText} like ${likePattern(word)}`;
}

/**
 * The same test for a two-character word, stated as well through the bigram the index holds. Only where the
 * index is meant to be read: evaluated row by row (a scan), the bigram function costs far more than LIKE.
 */
function containsBigram(word: string): SQL {
  return and(hasBigram(word), containsWord(word)) as SQL;
}

function hasBigram(word: string): SQL {
  return sql`${searchBigrams(users)} @> array[${word}::text]`;
}

export function searchWords(q: string | undefined): string[] {
  if (q === undefined) return [];
  return q
    .normalize('NFKC')
    .toLowerCase()
    .split(/\s+/u)
    .filter((word) => word.length > 0)
    .slice(0, MAX_SEARCH_WORDS);
}

/**
 * "Password expired / to change": accounts whose password must be replaced at the next sign-in, because
 * it expired under the policy or is flagged "must change". Only accounts that have a password: one
 * without (imported, or created without) has nothing to expire; it waits for a first password or an
 * activation code. The same rows the list marks (hasPassword && (passwordExpired || mustChangePassword)).
 */
function expiredPasswordCondition(policy: Pick<SecurityPolicy, 'password'>, now: Date): SQL {
  const hasPassword = isNotNull(users.passwordHash);
  const flagged = eq(users.mustChangePassword, true);
  if (policy.password.expiryDays === 0) return and(hasPassword, flagged) as SQL;
  const cutoff = new Date(now.getTime() - policy.password.expiryDays * 24 * 60 * 60 * 1000);
  const expired = or(isNull(users.passwordChangedAt), lte(users.passwordChangedAt, cutoff));
  return and(hasPassword, or(flagged, expired)) as SQL;
}

function statusCondition(status: UserFilter['status'], view: ViewContext): SQL | undefined {
  const lockedNow = sql`${users.lockedUntil} > ${view.now.toISOString()}::timestamptz`;
  switch (status) {
    case 'all':
      return undefined;
    case 'active':
      return and(eq(users.enabled, true), or(isNull(users.lockedUntil), not(lockedNow)));
    case 'disabled':
      return eq(users.enabled, false);
    case 'locked':
      return and(eq(users.enabled, true), lockedNow);
    case 'never_signed_in':
      return isNull(users.lastLoginAt);
    case 'password_expired':
      return expiredPasswordCondition(view.policy, view.now);
  }
}

/** The group and every group nested in it (members of kind principal, transitively). */
export async function groupWithNestedGroups(db: PortalExecutor, groupId: string): Promise<string[]> {
  const result = (await db.execute(sql`
    with recursive tree(id) as (
      select ${principals.id} from ${principals} where ${principals.id} = ${groupId}::uuid and ${principals.kind} = 'group'
      union
      select ${principalMembers.memberPrincipalId} from ${principalMembers}
        join tree on ${principalMembers.containerId} = tree.id
        where ${principalMembers.memberPrincipalId} is not null
    )
    select id from tree`)) as unknown as { rows: { id: string }[] };
  return result.rows.map((row) => row.id);
}

export interface ResolvedFilter {
  where: SQL | undefined;
  /** The same rows, stated so that the matches are found through an index: differs from `where` on `bigramSearch`. */
  indexedWhere: SQL | undefined;
  /** On `bigramSearch`: the bigrams alone, whose number of rows PostgreSQL's statistics estimate well. */
  bigrams?: SQL | undefined;
  /** False when the filter can match nobody (an unknown group), so no query is needed. */
  satisfiable: boolean;
  searching: boolean;
  /** A search word is long enough for the trigram index: its matches can be found (and counted) through it. */
  indexedSearch: boolean;
  /** No word for the trigram index, but a two-character one: its matches can be found through the bigram index. */
  bigramSearch: boolean;
}

/**
 * Up to this many matches a search collects them through the trigram index and sorts them: walking a sort
 * index and testing every row would read thousands of rows for a rare word ("u4321", "weber"). With more,
 * the walk finds a page of matches after a few rows, and sorting them all would cost more ("sch").
 */
export const MATCHES_FIRST_MAX = 4000;

export async function resolveFilter(db: PortalExecutor, filter: Omit<UserFilter, 'sort' | 'dir'>, view: ViewContext): Promise<ResolvedFilter> {
  const words = searchWords(filter.q);
  const indexedSearch = words.some((word) => characterCount(word) >= TRIGRAM_MIN_LENGTH);
  const bigramSearch = !indexedSearch && words.some(isBigram);
  const search = { searching: words.length > 0, indexedSearch, bigramSearch };
  const conditions: (SQL | undefined)[] = [statusCondition(filter.status, view)];
  if (filter.groupId !== undefined) {
    const groupIds = await groupWithNestedGroups(db, filter.groupId);
    if (groupIds.length === 0) return { where: undefined, indexedWhere: undefined, satisfiable: false, ...search };
    const members = db
      .select({ id: principalMembers.memberUserId })
      .from(principalMembers)
      .where(inArray(principalMembers.containerId, groupIds));
    conditions.push(inArray(users.id, sql`(${members})`));
  }
  const where = and(...conditions, ...words.map(containsWord));
  if (!bigramSearch) return { where, indexedWhere: where, satisfiable: true, ...search };
  const indexedWhere = and(...conditions, ...words.map((word) => (isBigram(word) ? containsBigram(word) : containsWord(word))));
  return { where, indexedWhere, bigrams: and(...words.filter(isBigram).map(hasBigram)), satisfiable: true, ...search };
}

/**
 * Lock expiry changes nothing in the row, so the status sort key would still say "locked". Clearing
 * expired locks first keeps that key exact; it means the same to sign-in (an expired lock starts a
 * fresh failure count, see afterFailure in auth/login.ts).
 */
export async function clearExpiredLocks(db: PortalExecutor, now: Date): Promise<void> {
  await db
    .update(users)
    .set({ lockedUntil: null, failedAttempts: 0 })
    .where(and(isNotNull(users.lockedUntil), lte(users.lockedUntil, now)));
}

export interface UserBatchQuery {
  sort: UserSortField;
  dir: SortDirection;
  cursor?: string | undefined;
  limit: number;
}

export interface UserBatch {
  rows: UserRow[];
  nextCursor: string | null;
}

/** A row's sort key values as text: the cursor after it. */
function keyArray(parts: KeyPart[]): SQL<string[]> {
  const keyText = sql.join(
    parts.map((part) => sql`(${part.expr})::text`),
    sql`, `,
  );
  return sql<string[]>`array[${keyText}]`;
}

/** Limit + 1 rows as a page and the cursor after it, if more follow. */
function toBatch(rows: { user: UserRow; key: string[] }[], query: UserBatchQuery): UserBatch {
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > query.limit && last !== undefined ? encodeCursor([query.sort, query.dir, last.key]) : null;
  return { rows: page.map((row) => row.user), nextCursor };
}

/** The query behind a page: filter, keyset condition, order and limit + 1 (to know whether more follow). */
export function userBatchQuery(db: PortalExecutor, filter: ResolvedFilter, query: UserBatchQuery) {
  const parts = sortKeys[query.sort];
  const after = query.cursor === undefined ? undefined : afterCursor(parts, readCursor(query.cursor, query.sort, query.dir), query.dir);
  return db
    .select({ user: users, key: keyArray(parts) })
    .from(users)
    .where(and(filter.where, after))
    .orderBy(...orderBy(parts, query.dir))
    .limit(query.limit + 1);
}

/** One page of rows in the requested order, after the cursor. */
export async function selectUserBatch(db: PortalExecutor, filter: ResolvedFilter, query: UserBatchQuery): Promise<UserBatch> {
  if (!filter.satisfiable) return { rows: [], nextCursor: null };
  return toBatch(await userBatchQuery(db, filter, query), query);
}

export interface UserCount {
  total: number;
  capped: boolean;
}

/** The filter's total; while searching it stops counting after SEARCH_TOTAL_CAP ("1,000+ users"). */
export async function countUsers(db: PortalExecutor, filter: ResolvedFilter): Promise<UserCount> {
  if (!filter.satisfiable) return { total: 0, capped: false };
  if (!filter.searching) {
    const [row] = await db.select({ n: count() }).from(users).where(filter.where);
    return { total: row?.n ?? 0, capped: false };
  }
  return searchTotal(await countMatches(db, filter, SEARCH_TOTAL_CAP));
}

/** How many rows match, counting no further than `cap` + 1. */
async function countMatches(db: PortalExecutor, filter: ResolvedFilter, cap: number): Promise<number> {
  if (!filter.satisfiable) return 0;
  const [row] = await countMatchesQuery(db, filter, cap);
  return row?.n ?? 0;
}

/** The query of countMatches. */
export function countMatchesQuery(db: PortalExecutor, filter: ResolvedFilter, cap: number) {
  const matches = db.select({ one: sql`1` }).from(users).where(filter.where).limit(cap + 1).as('matches');
  return db.select({ n: count() }).from(matches);
}

/**
 * Runs `read` in a transaction whose plans avoid sequential scans. PostgreSQL estimates `like '%word%'` from its
 * statistics of whole strings, not of trigrams: for "u43" (1,111 matches among 110,050 users) it expected up to
 * 4,446 and, with the count's LIMIT, read the whole table (3,155 pages, 150-170 ms in a freshly started portal)
 * instead of the trigram index (50-58 ms). Each way to a search page has an index, so none needs the table scan.
 */
export async function withoutSequentialScans<T>(db: PortalExecutor, read: (tx: PortalExecutor) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    return read(tx);
  });
}

function searchTotal(matches: number): UserCount {
  return { total: Math.min(matches, SEARCH_TOTAL_CAP), capped: matches > SEARCH_TOTAL_CAP };
}

/**
 * GET /users: one page; the first page (no cursor) also carries the filter's total. With `signal` (the client
 * has gone), no further query is started: the answer would go nowhere.
 */
export async function listUsers(
  db: PortalExecutor,
  query: UserFilter & { cursor?: string | undefined; limit: number },
  view: ViewContext,
  signal?: AbortSignal,
): Promise<UserPage> {
  signal?.throwIfAborted();
  if (query.sort === 'status') await clearExpiredLocks(db, view.now);
  const filter = await resolveFilter(db, query, view);
  signal?.throwIfAborted();
  if (query.cursor === undefined && filter.bigramSearch) return firstBigramPage(db, filter, query, view, signal);
  if (query.cursor === undefined && filter.indexedSearch) return firstSearchPage(db, filter, query, view, signal);
  const batch = await selectUserBatch(db, filter, query);
  const items = batch.rows.map((row) => toUserSummary(row, view));
  if (query.cursor !== undefined) return { items, nextCursor: batch.nextCursor };
  signal?.throwIfAborted();
  const { total, capped } = await countUsers(db, filter);
  return { items, nextCursor: batch.nextCursor, total, ...(capped ? { totalCapped: true } : {}) };
}

/**
 * Up to `cap` + 1 matches found through the index, how many they are, and the first page of them in list order,
 * in one query: each matching row is read once (counting first and sorting after read them twice, and with
 * the embedded portal's small buffers the second pass read them again from storage).
 */
export async function sortedMatches(db: PortalExecutor, filter: ResolvedFilter, query: UserBatchQuery, cap: number): Promise<{ matches: number; batch: UserBatch }> {
  const rows = await sortedMatchesQuery(db, filter, query, cap);
  return { matches: rows[0]?.matches ?? 0, batch: toBatch(rows, query) };
}

/** The query of sortedMatches (first page only: no cursor). */
export function sortedMatchesQuery(db: PortalExecutor, filter: ResolvedFilter, query: UserBatchQuery, cap: number) {
  const parts = sortKeys[query.sort];
  // The matches as a subquery named like the table, so the columns and sort keys apply to it unchanged; its
  // LIMIT also keeps the planner from folding it back into a walk along the sort index (which read thousands
  // of rows for a name late in the alphabet, "weber").
  const capped = db.select().from(users).where(filter.indexedWhere).limit(cap + 1).as('users');
  return db
    .select({ user: users, key: keyArray(parts), matches: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(capped)
    .orderBy(...orderBy(parts, query.dir))
    .limit(query.limit + 1);
}

/** Counted far enough for both uses: the way to the page, and the total (capped at SEARCH_TOTAL_CAP). */
const FIRST_PAGE_COUNT_CAP = Math.max(MATCHES_FIRST_MAX, SEARCH_TOTAL_CAP);

/**
 * The first page of a search through the trigram index: counting the matches first (cheap through the index, and
 * needed for the total anyway) tells which way to the page is shorter. pg_trgm cannot estimate it: collecting
 * and sorting up to MATCHES_FIRST_MAX matches in vain cost a frequent word ("anna", "sch") more than the count.
 */
async function firstSearchPage(db: PortalExecutor, filter: ResolvedFilter, query: UserBatchQuery, view: ViewContext, signal?: AbortSignal): Promise<UserPage> {
  if (!filter.satisfiable) return searchPage({ rows: [], nextCursor: null }, 0, view);
  return withoutSequentialScans(db, async (tx) => {
    const matches = await countMatches(tx, filter, FIRST_PAGE_COUNT_CAP);
    signal?.throwIfAborted();
    if (matches > MATCHES_FIRST_MAX) return searchPage(await selectUserBatch(tx, filter, query), matches, view);
    return searchPage((await sortedMatches(tx, filter, query, matches)).batch, matches, view);
  });
}

/**
 * The first page of a search the statistics expect few matches for: they are collected, counted and sorted in one
 * query, each read once; if they are more after all, walking the sort index is shorter.
 */
async function firstSortedPage(db: PortalExecutor, filter: ResolvedFilter, query: UserBatchQuery, view: ViewContext, signal?: AbortSignal): Promise<UserPage> {
  if (!filter.satisfiable) return searchPage({ rows: [], nextCursor: null }, 0, view);
  const sorted = await sortedMatches(db, filter, query, FIRST_PAGE_COUNT_CAP);
  if (sorted.matches <= MATCHES_FIRST_MAX) return searchPage(sorted.batch, sorted.matches, view);
  signal?.throwIfAborted();
  return searchPage(await selectUserBatch(db, filter, query), sorted.matches, view);
}

function searchPage(batch: UserBatch, matches: number, view: ViewContext): UserPage {
  const { total, capped } = searchTotal(matches);
  return { items: batch.rows.map((row) => toUserSummary(row, view)), nextCursor: batch.nextCursor, total, ...(capped ? { totalCapped: true } : {}) };
}

/** PostgreSQL's estimate of the rows a condition matches (EXPLAIN: planned, not run). */
async function estimatedMatches(db: PortalExecutor, where: SQL | undefined): Promise<number> {
  const matches = db.select({ one: sql`1` }).from(users).where(where);
  const result = (await db.execute(sql`explain (format json) ${matches}`)) as unknown as { rows: Record<string, unknown>[] };
  const cell = Object.values(result.rows[0] ?? {})[0];
  const parsed = EstimatePlan.safeParse(typeof cell === 'string' ? JSON.parse(cell) : cell);
  return parsed.success ? (parsed.data[0]?.Plan['Plan Rows'] ?? 0) : 0;
}

const EstimatePlan = z.array(z.object({ Plan: z.object({ 'Plan Rows': z.number() }) }));

/**
 * The first page of a search whose words are at most two characters long. pg_trgm estimates poorly, but the
 * bigram statistics say well how many rows a two-character word matches: few ("lu", "mü": a few thousand,
 * Lukas late in the alphabet) are collected, counted and sorted through the bigram index; frequent ones ("an",
 * "er") walk the sort index, which soon fills a page, and count by a scan that soon reaches the cap.
 */
async function firstBigramPage(db: PortalExecutor, filter: ResolvedFilter, query: UserBatchQuery, view: ViewContext, signal?: AbortSignal): Promise<UserPage> {
  // The bigrams alone: with the LIKE as well, the planner multiplies both selectivities as if independent.
  if ((await estimatedMatches(db, filter.bigrams)) <= MATCHES_FIRST_MAX) return firstSortedPage(db, filter, query, view, signal);
  signal?.throwIfAborted();
  const batch = await selectUserBatch(db, filter, query);
  signal?.throwIfAborted();
  return searchPage(batch, await countMatches(db, filter, SEARCH_TOTAL_CAP), view);
}

/** Every matching row in list order, a batch at a time (the CSV export). */
export async function* iterateUsers(db: PortalExecutor, query: UserFilter, view: ViewContext, batchSize = 1000): AsyncGenerator<UserRow[]> {
  if (query.sort === 'status') await clearExpiredLocks(db, view.now);
  const filter = await resolveFilter(db, query, view);
  let cursor: string | undefined;
  do {
    const batch = await selectUserBatch(db, filter, { sort: query.sort, dir: query.dir, cursor, limit: batchSize });
    if (batch.rows.length > 0) yield batch.rows;
    cursor = batch.nextCursor ?? undefined;
  } while (cursor !== undefined);
}
