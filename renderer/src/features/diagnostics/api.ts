import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { AuditListRequest } from '../../../../common/contract';
import type { BackupPage } from '../../../../common/portal-api/instance';
import type { ServerLogPage } from '../../../../common/portal-api/support';
import { callConsole } from '../../lib/console-client';
import { forgetSession } from '../../lib/session';
import type { LogQuery } from './logs-query';

/** The health board reads the instance again this often. */
export const HEALTH_REFRESH_MS = 15_000;
/** While a backup runs, its row is followed this often. */
const BACKUP_POLL_MS = 1_000;
const PAGE_SIZE = 100;
const AUDIT_PAGE_SIZE = 200;
const LOG_PAGE_SIZE = 200;
/** Follow mode asks the portal for newer log entries this often. */
export const LOG_FOLLOW_MS = 3_000;

export type AuditFilters = Omit<AuditListRequest, 'cursor' | 'limit'>;

/** Query keys of this area; `diagnosticsKeys.all` refreshes everything the diagnostics pages show. */
export const diagnosticsKeys = {
  all: ['diagnostics'] as const,
  health: () => ['diagnostics', 'health'] as const,
  sessions: () => ['diagnostics', 'sessions'] as const,
  backups: () => ['diagnostics', 'backups'] as const,
  audit: (filters: AuditFilters) => ['diagnostics', 'audit', filters] as const,
  auditFacets: () => ['diagnostics', 'audit-facets'] as const,
  logs: (query: LogQuery) => ['diagnostics', 'logs', query] as const,
};

export function useInstanceHealth() {
  return useQuery({
    queryKey: diagnosticsKeys.health(),
    queryFn: () => callConsole('instance:health', {}),
    refetchInterval: HEALTH_REFRESH_MS,
  });
}

export function useAdminSessions() {
  return useInfiniteQuery({
    queryKey: diagnosticsKeys.sessions(),
    queryFn: ({ pageParam }) => callConsole('instance:sessions', { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** Ending the console's own session signs it out: the shell gives way to the connect screen. */
export function useRevokeSession(onOwnSessionEnded: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => callConsole('instance:revokeSession', { id }),
    onSuccess: (result) => {
      if (!result.endedOwnSession) return;
      onOwnSessionEnded();
      forgetSession(queryClient);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: diagnosticsKeys.sessions() }),
  });
}

function anyRunning(pages: BackupPage[] | undefined): boolean {
  return pages?.some((page) => page.items.some((backup) => backup.status === 'running')) ?? false;
}

/** The history; followed every second while a backup runs, so its end shows without a reload. */
export function useBackups() {
  return useInfiniteQuery({
    queryKey: diagnosticsKeys.backups(),
    queryFn: ({ pageParam }) => callConsole('instance:backups', { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: (query) => (anyRunning(query.state.data?.pages) ? BACKUP_POLL_MS : false),
  });
}

export function useStartBackup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => callConsole('instance:startBackup', {}),
    // A refusal (409) means one runs already: the refreshed list shows it.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: diagnosticsKeys.backups() }),
        queryClient.invalidateQueries({ queryKey: diagnosticsKeys.health() }),
      ]),
  });
}

export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: diagnosticsKeys.audit(filters),
    queryFn: ({ pageParam }) =>
      callConsole('audit:list', { ...filters, limit: AUDIT_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

export function useAuditFacets() {
  return useQuery({ queryKey: diagnosticsKeys.auditFacets(), queryFn: () => callConsole('audit:facets', {}), staleTime: 60_000 });
}

/** The range a log page was read with; a cursor only continues the range it came from. */
interface LogPageParam {
  from: string;
  to: string;
  cursor?: string;
}

type LogData = InfiniteData<ServerLogPage, LogPageParam>;

function fetchLogPage(query: LogQuery, param: LogPageParam): Promise<ServerLogPage> {
  return callConsole('instance:logs', { ...query, ...param, limit: LOG_PAGE_SIZE });
}

/** The server log of `query`, oldest first, a page at a time. */
export function useServerLog(query: LogQuery) {
  return useInfiniteQuery({
    queryKey: diagnosticsKeys.logs(query),
    queryFn: ({ pageParam }) => fetchLogPage(query, pageParam),
    initialPageParam: { from: query.from, to: query.to } as LogPageParam,
    getNextPageParam: (page, _pages, param): LogPageParam | undefined =>
      page.nextCursor === null ? undefined : { from: param.from, to: param.to, cursor: page.nextCursor },
    // Follow mode appends pages by hand; a background refetch would only re-read the same entries.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

/**
 * Reads what was logged since the last loaded entry and appends it as a page. Does nothing while older
 * pages are still to be loaded or a page is being fetched: the list loads those itself.
 * Returns the number of new entries.
 */
export async function appendNewerLogEntries(queryClient: QueryClient, query: LogQuery, now = new Date()): Promise<number> {
  const key = diagnosticsKeys.logs(query);
  const data = queryClient.getQueryData<LogData>(key);
  if (data === undefined || data.pages.at(-1)?.nextCursor || queryClient.isFetching({ queryKey: key }) > 0) return 0;
  const last = data.pages.flatMap((page) => page.items).at(-1);
  const param: LogPageParam = { from: last?.at ?? query.from, to: now.toISOString() };
  if (Date.parse(param.from) > Date.parse(param.to)) return 0;
  // Through the query cache, so that a lost session is noticed like on any other read.
  const page = await queryClient.fetchQuery({
    queryKey: ['diagnostics', 'logs-tail', query, param],
    queryFn: () => fetchLogPage(query, param),
    gcTime: 0,
  });
  const seen = new Set(data.pages.flatMap((loaded) => loaded.items.map((entry) => entry.seq)));
  const fresh = page.items.filter((entry) => !seen.has(entry.seq));
  if (fresh.length === 0 && page.nextCursor === null) return 0;
  queryClient.setQueryData<LogData>(key, (current) =>
    current === undefined ? current : { pages: [...current.pages, { ...page, items: fresh }], pageParams: [...current.pageParams, param] },
  );
  return fresh.length;
}

/** While `active`, newer entries are appended every `intervalMs`; the error of the last poll, if it failed. */
export function useFollowServerLog(query: LogQuery, active: boolean, intervalMs = LOG_FOLLOW_MS): unknown {
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!active) return;
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      // A failed poll is tried again on the next tick; the list keeps what it has.
      appendNewerLogEntries(queryClient, query)
        .then(() => setError(null), setError)
        .finally(() => {
          busy = false;
        });
    }, intervalMs);
    return () => {
      clearInterval(timer);
      setError(null);
    };
  }, [active, intervalMs, query, queryClient]);
  return error;
}
