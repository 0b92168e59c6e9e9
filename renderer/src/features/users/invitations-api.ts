import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { RequestOf } from '../../../../common/contract';
import type { InvitationPage, InvitationRequestPage } from '../../../../common/portal-api/invitations';
import { callConsole } from '../../lib/console-client';

const INVITATION_PAGE_SIZE = 100;
const invitationsKey = ['users', 'invitations'] as const;
const requestsKey = ['users', 'invitation-requests'] as const;

/** Server-paged invitations, newest first. */
export function useInvitations() {
  return useInfiniteQuery({
    queryKey: invitationsKey,
    queryFn: ({ pageParam }) => callConsole('users:invitations', { limit: INVITATION_PAGE_SIZE, ...(pageParam === null ? {} : { cursor: pageParam }) }),
    initialPageParam: null as string | null,
    getNextPageParam: (page: InvitationPage) => page.nextCursor,
  });
}

export function useInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RequestOf<'users:invite'>) => callConsole('users:invite', request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsKey }),
  });
}

export function useRevokeInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RequestOf<'users:revokeInvitation'>) => callConsole('users:revokeInvitation', request),
    onSettled: () => queryClient.invalidateQueries({ queryKey: invitationsKey }),
  });
}

/** Requests for an invitation ("anyone may request an invitation"), newest first. */
export function useInvitationRequests(enabled: boolean) {
  return useInfiniteQuery({
    queryKey: requestsKey,
    enabled,
    queryFn: ({ pageParam }) => callConsole('users:invitationRequests', { limit: INVITATION_PAGE_SIZE, ...(pageParam === null ? {} : { cursor: pageParam }) }),
    initialPageParam: null as string | null,
    getNextPageParam: (page: InvitationRequestPage) => page.nextCursor,
  });
}

/** Granting creates an invitation: both lists change. */
export function useGrantInvitationRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RequestOf<'users:grantInvitationRequest'>) => callConsole('users:grantInvitationRequest', request),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: requestsKey });
      await queryClient.invalidateQueries({ queryKey: invitationsKey });
    },
  });
}

export function useRefuseInvitationRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RequestOf<'users:refuseInvitationRequest'>) => callConsole('users:refuseInvitationRequest', request),
    onSettled: () => queryClient.invalidateQueries({ queryKey: requestsKey }),
  });
}
