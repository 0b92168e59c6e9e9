import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CalendarFile,
  CalendarRequest,
  CancelDeferral,
  ChangeDeferral,
  DeferRequest,
  ExportCalendarRequest,
  SetTrackRequest,
} from '../../../../common/contract';
import { callConsole } from '../../lib/console-client';
import { queryKeys } from '../../lib/query-keys';

const PAGE_SIZE = 100;

/** Query keys of this area; `updatesKeys.all` refreshes everything shown on the updates page. */
export const updatesKeys = {
  all: ['updates'] as const,
  settings: () => ['updates', 'settings'] as const,
  releases: () => ['updates', 'releases'] as const,
  history: () => ['updates', 'history'] as const,
  calendar: (range: CalendarRequest) => ['updates', 'calendar', range.from, range.to] as const,
};

export function useUpdateSettings() {
  return useQuery({ queryKey: updatesKeys.settings(), queryFn: () => callConsole('updates:settings', {}) });
}

/** The whole catalogue, newest first; pending releases are the newest, so the first page holds them. */
export function useReleases() {
  return useInfiniteQuery({
    queryKey: updatesKeys.releases(),
    queryFn: ({ pageParam }) => callConsole('updates:releases', { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

export function useHistory() {
  return useInfiniteQuery({
    queryKey: updatesKeys.history(),
    queryFn: ({ pageParam }) => callConsole('updates:history', { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

export function useCalendar(range: CalendarRequest) {
  return useQuery({ queryKey: updatesKeys.calendar(range), queryFn: () => callConsole('maintenance:calendar', range) });
}

/** After every change, successful or refused: a refusal (409, 412) often means the list is out of date. */
function useRefreshUpdates() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: updatesKeys.all });
}

/** Switching the track changes the header (session) and which releases are available. */
export function useSetTrack() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: SetTrackRequest) => callConsole('updates:setTrack', request),
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: updatesKeys.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.session.current() }),
        queryClient.invalidateQueries({ queryKey: queryKeys.portal.all }),
      ]);
    },
  });
}

export function useDefer() {
  const refresh = useRefreshUpdates();
  return useMutation({ mutationFn: (request: DeferRequest) => callConsole('updates:defer', request), onSettled: refresh });
}

export function useChangeDeferral() {
  const refresh = useRefreshUpdates();
  return useMutation({ mutationFn: (request: ChangeDeferral) => callConsole('updates:changeDeferral', request), onSettled: refresh });
}

export function useCancelDeferral() {
  const refresh = useRefreshUpdates();
  return useMutation({ mutationFn: (request: CancelDeferral) => callConsole('updates:cancelDeferral', request), onSettled: refresh });
}

export function useExportCalendar() {
  return useMutation({ mutationFn: (request: ExportCalendarRequest) => callConsole('maintenance:exportCalendar', request) });
}

/**
 * Offers a text file as a download through a Blob and an `<a download>`: works in the browser mode and in
 * Electron, where the default download handler saves it.
 */
export function downloadFile(file: CalendarFile): void {
  const blob = new Blob([file.content], { type: `${file.contentType};charset=utf-8` });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoking right away can cancel the download in Chromium; the URL is only needed until it starts.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
