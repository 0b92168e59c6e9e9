import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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
