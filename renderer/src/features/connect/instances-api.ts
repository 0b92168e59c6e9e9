import { useQuery } from '@tanstack/react-query';
import { callConsole } from '../../lib/console-client';
import { queryKeys } from '../../lib/query-keys';

/** The -test and -dev instances of a production profile, probed when asked for; under `profiles` so profile changes refresh it. */
export function useProfileInstances(profileId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...queryKeys.profiles.all, 'instances', profileId] as const,
    queryFn: () => callConsole('profiles:instances', { profileId }),
    enabled,
    staleTime: 30_000,
    retry: false,
  });
}
