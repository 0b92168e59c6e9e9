/**
 * Skips the keys of one fast burst and no more: a search the next key supersedes is cancelled all the way to the
 * portal, so a short pause costs one query that is dropped, not a queue of them. (Its own module: the bench reads it.)
 */
export const SEARCH_DEBOUNCE_MS = 30;
