import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * SQL expressions the user list sorts and searches by. The indexes on `users` are built on exactly
 * these expressions, so the list queries (portal/users/list-query.ts) must use the same functions:
 * PostgreSQL only uses an expression index for an identical expression.
 */
export interface UserKeyColumns {
  login: AnyPgColumn;
  displayName: AnyPgColumn;
  email: AnyPgColumn;
  enabled: AnyPgColumn;
  lockedUntil: AnyPgColumn;
  lastLoginAt: AnyPgColumn;
}

/** ICU root collation: "Özdemir" sorts next to "Otto", not after "Zander" as in the C collation. */
export function nameSortKey(t: UserKeyColumns): SQL {
  return sql`(${t.displayName} collate "und-x-icu")`;
}

export function loginSortKey(t: UserKeyColumns): SQL {
  return sql`lower(${t.login})`;
}

/** Users without an e-mail address come after all others (first part of the key), never as NULL. */
export function emailMissingKey(t: UserKeyColumns): SQL {
  return sql`(${t.email} is null)`;
}

export function emailSortKey(t: UserKeyColumns): SQL {
  return sql`(coalesce(lower(${t.email}), '') collate "und-x-icu")`;
}

/** Never signed in sorts as the longest ago. */
export function lastLoginSortKey(t: UserKeyColumns): SQL {
  return sql`coalesce(${t.lastLoginAt}, '-infinity'::timestamptz)`;
}

/** 0 active, 1 locked, 2 disabled. Expired locks are cleared before a status sort (see clearExpiredLocks). */
export function statusRankKey(t: UserKeyColumns): SQL {
  return sql`(case when not ${t.enabled} then 2 when ${t.lockedUntil} is not null then 1 else 0 end)`;
}

/** What search-as-you-type matches substrings of (pg_trgm GIN index). */
export function searchText(t: UserKeyColumns): SQL {
  return sql`lower(${t.displayName} || ' ' || ${t.login} || ' ' || coalesce(${t.email}, ''))`;
}

/**
 * The distinct two-character substrings of the search text (SQL function of migration 0022, GIN index): a word
 * of two characters is in the search text exactly when its bigram is in this array, which pg_trgm cannot tell
 * (it needs three characters), so "lu" or "mü" no longer walks the whole name index.
 */
export function searchBigrams(t: { searchText: AnyPgColumn }): SQL {
  return sql`users_search_bigrams(${t.searchText})`;
}
