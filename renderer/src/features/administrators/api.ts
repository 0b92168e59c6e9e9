import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AdminArea } from '../../../../common/domain/admin-areas';
import { callConsole } from '../../lib/console-client';

export const administratorsKeys = {
  all: ['administrators'] as const,
  list: () => ['administrators', 'list'] as const,
  detail: (userId: string) => ['administrators', 'detail', userId] as const,
};

export function useAdministrators() {
  return useQuery({ queryKey: administratorsKeys.list(), queryFn: () => callConsole('administrators:list', {}) });
}

/** One administrator's areas with the ETag the next change sends as If-Match. */
export function useAdministrator(userId: string) {
  return useQuery({ queryKey: administratorsKeys.detail(userId), queryFn: () => callConsole('administrators:get', { userId }) });
}

export function useSetAreas() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: { userId: string; ifMatch: string; areas: AdminArea[] }) => callConsole('administrators:setAreas', request),
    onSettled: () => queryClient.invalidateQueries({ queryKey: administratorsKeys.all }),
  });
}
