import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { RequestOf } from '../../../../common/contract';
import type { OfflineTicketDraft, TicketDraft } from '../../../../common/contract/support';
import type { Versioned } from '../../../../common/portal-api/common';
import type { Ticket, TicketListFilter, TicketUpdate } from '../../../../common/portal-api/support';
import { callConsole } from '../../lib/console-client';

/** Query keys of the support area (all start with 'support', so one invalidation refreshes the area). */
export const supportKeys = {
  all: ['support'] as const,
  lists: () => ['support', 'list'] as const,
  list: (status: TicketListFilter | 'all') => ['support', 'list', status] as const,
  ticket: (id: string) => ['support', 'ticket', id] as const,
  areas: () => ['support', 'areas'] as const,
  outbox: () => ['support', 'outbox'] as const,
  /** Outside 'support' on purpose: refreshing the area must not poll again at once. */
  activity: () => ['support-activity'] as const,
};

/** How often the console asks for answers from the support desk (an unchanged answer is a bodiless 304). */
export const ACTIVITY_POLL_MS = 5_000;

const PAGE_SIZE = 50;
const OUTBOX_POLL_MS = 4_000;

export function useTickets(status: TicketListFilter | 'all') {
  return useInfiniteQuery({
    queryKey: supportKeys.list(status),
    queryFn: ({ pageParam }) =>
      callConsole('support:list', { limit: PAGE_SIZE, ...(pageParam && { cursor: pageParam }), ...(status !== 'all' && { status }) }),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useTicket(id: string) {
  return useQuery({ queryKey: supportKeys.ticket(id), queryFn: () => callConsole('support:get', { id }) });
}

/** `enabled` false while not signed in: a ticket written offline names its area by hand. */
export function useSupportAreas(enabled = true) {
  return useQuery({ queryKey: supportKeys.areas(), queryFn: () => callConsole('support:areas', {}), staleTime: 5 * 60_000, enabled });
}

/** The outbox is sent by main in the background; polling shows its progress. */
export function useOutbox() {
  return useQuery({ queryKey: supportKeys.outbox(), queryFn: () => callConsole('support:outbox', {}), refetchInterval: OUTBOX_POLL_MS });
}

function storeTicket(queryClient: QueryClient, ticket: Versioned<Ticket>): void {
  queryClient.setQueryData(supportKeys.ticket(ticket.value.id), ticket);
  void queryClient.invalidateQueries({ queryKey: supportKeys.lists() });
  void queryClient.invalidateQueries({ queryKey: supportKeys.activity() });
}

/**
 * Polls the support desk's activity (mounted once, in the navbar). When its revision changes (an agent
 * answered, asked or changed a status; a read mark changed), the ticket lists and open tickets are fetched
 * again. A portal that refuses the call (no support right) stops the polling.
 */
export function useSupportActivity() {
  const queryClient = useQueryClient();
  const activity = useQuery({
    queryKey: supportKeys.activity(),
    queryFn: () => callConsole('support:activity', {}),
    refetchInterval: (query) => (query.state.error ? false : ACTIVITY_POLL_MS),
    retry: false,
  });
  const revision = activity.data?.revision;
  const previous = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (revision === undefined) return;
    if (previous.current !== undefined && previous.current !== revision) {
      void queryClient.invalidateQueries({ queryKey: supportKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: ['support', 'ticket'] });
    }
    previous.current = revision;
  }, [revision, queryClient]);
  return activity;
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RequestOf<'support:markRead'>) => callConsole('support:markRead', request),
    onSuccess: (ticket) => storeTicket(queryClient, ticket),
  });
}

export function useCreateTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (draft: TicketDraft) => callConsole('support:create', draft),
    onSuccess: (result) => {
      if (result.outcome === 'sent') storeTicket(queryClient, result.ticket);
      void queryClient.invalidateQueries({ queryKey: supportKeys.outbox() });
    },
  });
}

/** A ticket for a profile while not signed in: it waits in the outbox until the next sign-in to that profile. */
export function useQueueOfflineTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (draft: OfflineTicketDraft) => callConsole('support:queueOffline', draft),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: supportKeys.outbox() }),
  });
}

export function useUpdateTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: { id: string; ifMatch: string; change: TicketUpdate }) => callConsole('support:update', request),
    onSuccess: (ticket) => storeTicket(queryClient, ticket),
  });
}

export function useAddComment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RequestOf<'support:comment'>) => callConsole('support:comment', request),
    onSuccess: (ticket) => storeTicket(queryClient, ticket),
  });
}

export function useAttachToTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RequestOf<'support:attach'>) => callConsole('support:attach', request),
    onSuccess: (ticket) => storeTicket(queryClient, ticket),
  });
}

export function useAttachmentText(ticketId: string, attachmentId: string) {
  return useQuery({
    queryKey: ['support', 'attachment', ticketId, attachmentId] as const,
    queryFn: () => callConsole('support:attachmentText', { ticketId, attachmentId }),
    staleTime: Infinity,
  });
}

/** After a 412 the administrator may take the portal's version: it becomes the cached one. */
export function useAdoptTicket() {
  const queryClient = useQueryClient();
  return (ticket: Versioned<Ticket>) => storeTicket(queryClient, ticket);
}

export function useStageServerLog() {
  return useMutation({ mutationFn: (request: RequestOf<'support:stageServerLog'>) => callConsole('support:stageServerLog', request) });
}

export function useStageConsoleLog() {
  return useMutation({ mutationFn: (request: RequestOf<'support:stageConsoleLog'>) => callConsole('support:stageConsoleLog', request) });
}

/** `profileId`: the portal the ticket is written for while not signed in. */
export function useStageDiagnostics(profileId?: string) {
  return useMutation({ mutationFn: () => callConsole('support:stageDiagnostics', profileId === undefined ? {} : { profileId }) });
}

export function useStageFile() {
  return useMutation({ mutationFn: (request: RequestOf<'support:stageFile'>) => callConsole('support:stageFile', request) });
}

export function useUnstage() {
  return useMutation({ mutationFn: (id: string) => callConsole('support:unstage', { id }) });
}

export function useSendOutbox() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id?: string) => callConsole('support:sendOutbox', id === undefined ? {} : { id }),
    onSuccess: (result) => {
      queryClient.setQueryData(supportKeys.outbox(), result.entries);
      if (result.sent > 0) void queryClient.invalidateQueries({ queryKey: supportKeys.lists() });
    },
  });
}

export function useDiscardOutbox() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => callConsole('support:discardOutbox', { id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: supportKeys.outbox() }),
  });
}
