import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { errorCodeOf } from '../lib/errors';
import { handleSessionLoss } from '../lib/session';

/** Only failures that may pass by themselves are retried; a wrong password or a 412 is not. */
const transientCodes = new Set(['UNREACHABLE', 'TIMEOUT', 'SERVER_ERROR']);

export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => handleSessionLoss(queryClient, error) }),
    mutationCache: new MutationCache({ onError: (error) => handleSessionLoss(queryClient, error) }),
    defaultOptions: {
      queries: {
        retry: (failureCount, error) => failureCount < 2 && transientCodes.has(errorCodeOf(error)),
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
