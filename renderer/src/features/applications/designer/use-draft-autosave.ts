import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { callConsole } from '../../../lib/console-client';
import { draftsKeys } from '../api';
import { useDesignerStore } from './designer-store';

export const AUTOSAVE_DELAY_MS = 400;

/**
 * Writes the draft to disk (through main) shortly after every change, and right away when the designer
 * closes. Returns `flush` to save now (before publishing, on "retry").
 */
export function useDraftAutosave(): { flush: () => Promise<void> } {
  const queryClient = useQueryClient();
  const revision = useDesignerStore((state) => state.revision);
  const savedRevision = useDesignerStore((state) => state.savedRevision);
  const inFlight = useRef<Promise<void> | null>(null);

  const save = useCallback(async () => {
    // One write at a time; a change made meanwhile is written by the next round.
    if (inFlight.current) await inFlight.current;
    const state = useDesignerStore.getState();
    if (state.applicationId === null || state.base === null || state.revision <= state.savedRevision || !state.hasDraft) return;
    const { revision: writing, applicationId, base, definition } = state;
    state.savingStarted();
    const write = callConsole('drafts:save', { kind: 'application', id: applicationId, baseEtag: base.etag, baseVersion: base.version, content: definition })
      .then((summary) => {
        useDesignerStore.getState().savingDone(writing, summary.savedAt);
        void queryClient.invalidateQueries({ queryKey: draftsKeys.list('application') });
      })
      .catch((error: unknown) => useDesignerStore.getState().savingFailed(error));
    inFlight.current = write;
    await write;
    inFlight.current = null;
  }, [queryClient]);

  useEffect(() => {
    if (revision <= savedRevision) return;
    const timer = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [revision, savedRevision, save]);

  // Leaving the designer (or the window) must not lose the last keystrokes.
  useEffect(() => {
    const flushOnHide = () => void save();
    window.addEventListener('pagehide', flushOnHide);
    return () => {
      window.removeEventListener('pagehide', flushOnHide);
      void save();
    };
  }, [save]);

  return { flush: save };
}
