import { useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ServerLogFollowPage } from '../../../../common/portal-api/log-follow';
import type { ServerLogEntry, ServerLogPage } from '../../../../common/portal-api/support';
import { callConsole } from '../../lib/console-client';
import { diagnosticsKeys } from './api';
import type { LogQuery } from './logs-query';

/** Entries kept while following: older pages are dropped, so the view's memory stays flat however long it runs. */
export const FOLLOW_KEEP_ENTRIES = 5_000;
/** How long the portal holds one follow request when nothing is logged. */
export const FOLLOW_WAIT_SECONDS = 20;
/**
 * After a failed request (the portal restarting, a lost connection), or an empty answer that came at once (a
 * portal that does not hold the request), the next one waits this long: never a tight loop.
 */
export const FOLLOW_RETRY_MS = 2_000;
/** An empty answer sooner than this was not held by the portal. */
const HELD_AT_LEAST_MS = 1_000;

type LogData = InfiniteData<ServerLogPage, unknown>;

/** The sequence number of the newest entry shown, or undefined when the list is empty. */
export function lastShownSeq(data: LogData | undefined): number | undefined {
  for (let index = (data?.pages.length ?? 0) - 1; index >= 0; index -= 1) {
    const last = data!.pages[index]!.items.at(-1);
    if (last !== undefined) return last.seq;
  }
  return undefined;
}

/** The list with `items` appended as a page and the oldest pages dropped beyond `keep` entries. */
export function withFollowedEntries(data: LogData, items: readonly ServerLogEntry[], keep = FOLLOW_KEEP_ENTRIES): LogData {
  const pages = [...data.pages, { items: [...items], nextCursor: null }];
  const pageParams = [...data.pageParams, { followed: items.at(-1)?.seq ?? null }];
  let total = pages.reduce((sum, page) => sum + page.items.length, 0);
  while (total > keep && pages.length > 1) {
    total -= pages.shift()!.items.length;
    pageParams.shift();
  }
  return { pages, pageParams };
}

function followRequest(query: LogQuery, after: number | undefined) {
  return { after, level: query.level, contains: query.contains, waitSeconds: FOLLOW_WAIT_SECONDS };
}

/** One held request, through the query cache so that a lost session is noticed like on any other read. */
function fetchFollowPage(queryClient: QueryClient, query: LogQuery, after: number | undefined): Promise<ServerLogFollowPage> {
  return queryClient.fetchQuery({
    queryKey: ['diagnostics', 'logs-follow', query, after ?? 'now'],
    queryFn: () => callConsole('instance:followLogs', followRequest(query, after)),
    gcTime: 0,
    retry: false,
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * While `active`, keeps one follow request open to the portal and appends what it answers: new entries show
 * as they are logged, without polling. Returns the error of the last request, if it failed (the next one
 * is tried after FOLLOW_RETRY_MS; the list keeps what it has).
 */
export function useFollowServerLog(query: LogQuery, active: boolean, retryMs = FOLLOW_RETRY_MS): unknown {
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    const key = diagnosticsKeys.logs(query);
    const follow = async () => {
      let cursor = lastShownSeq(queryClient.getQueryData<LogData>(key));
      while (!stopped) {
        try {
          const askedAt = Date.now();
          const page = await fetchFollowPage(queryClient, query, cursor);
          if (stopped) return;
          if (page.items.length > 0) queryClient.setQueryData<LogData>(key, (data) => (data === undefined ? data : withFollowedEntries(data, page.items)));
          cursor = page.lastSeq;
          setError(null);
          // Yields to rendering and timers between requests; an empty answer that was not held waits a while.
          await pause(page.items.length === 0 && Date.now() - askedAt < HELD_AT_LEAST_MS ? retryMs : 0);
        } catch (failure) {
          if (stopped) return;
          setError(failure);
          await pause(retryMs);
        }
      }
    };
    void follow();
    return () => {
      stopped = true;
      setError(null);
    };
  }, [active, query, queryClient, retryMs]);
  return error;
}
