import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CallResult } from '../../../../common/contract';
import { ConsoleError } from '../../../../common/errors';
import { RestoreResult } from '../../../../common/portal-api/instance';
import { callConsole } from '../../lib/console-client';
import { forgetSession } from '../../lib/session';
import { useUiStore } from '../../lib/ui-store';

/** Browser mode: the browser itself saves what the one-time address streams (no copy through the page). */
function followDownload(url: string, file: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = file;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

export function useDownloadBackup() {
  return useMutation({
    mutationFn: async (id: string) => {
      const answer = await callConsole('instance:downloadBackup', { id });
      if (answer.kind === 'url') followDownload(answer.url, answer.file);
      return answer;
    },
  });
}

/** Sends the file to the one-time address as it is read, reporting the share sent (0..1). */
export function uploadArchive(url: string, file: Blob, onProgress: (share: number) => void): Promise<RestoreResult> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.setRequestHeader('content-type', 'application/gzip');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onerror = () => reject(new ConsoleError('UNREACHABLE', 'The archive could not be sent to the console.'));
    request.onload = () => {
      let parsed: ReturnType<typeof CallResult.safeParse>;
      try {
        parsed = CallResult.safeParse(JSON.parse(request.responseText));
      } catch {
        reject(new ConsoleError('MALFORMED_RESPONSE', `The console answered the upload with HTTP ${request.status}.`));
        return;
      }
      if (!parsed.success) return reject(new ConsoleError('MALFORMED_RESPONSE', 'The answer to the upload is not a call result.'));
      if (!parsed.data.ok) return reject(ConsoleError.from(parsed.data.error));
      const result = RestoreResult.safeParse(parsed.data.value);
      if (result.success) resolve(result.data);
      else reject(new ConsoleError('MALFORMED_RESPONSE', 'The answer to the restore does not match the contract.'));
    };
    request.send(file);
  });
}

export type RestoreChoice = { kind: 'backup'; id: string } | { kind: 'file'; file: File | null };

/**
 * Restores a backup or an archive file. Afterwards the portal knows no session: the console forgets its own
 * and the sign-in page says why. `uploaded` is the share of the file sent so far (browser mode).
 */
export function useRestore() {
  const queryClient = useQueryClient();
  const [uploaded, setUploaded] = useState<number | null>(null);
  const mutation = useMutation({
    mutationFn: async ({ choice, confirm }: { choice: RestoreChoice; confirm: string }): Promise<RestoreResult | null> => {
      if (choice.kind === 'backup') return callConsole('instance:restoreBackup', { id: choice.id, confirm });
      const answer = await callConsole('instance:restoreFromFile', { confirm });
      if (answer.kind === 'cancelled') return null;
      if (answer.kind === 'restored') return answer.result;
      if (choice.file === null) throw new ConsoleError('VALIDATION', 'Choose an archive file first.');
      setUploaded(0);
      return uploadArchive(answer.url, choice.file, setUploaded);
    },
    onSuccess: (result) => {
      if (result === null) return;
      useUiStore.getState().setConnectNotice({
        error: new ConsoleError('SESSION_EXPIRED', 'The portal ended every session after the restore.'),
        contextKey: 'diagnostics:backups.restore.signInAgain',
      });
      forgetSession(queryClient);
    },
    onSettled: () => setUploaded(null),
  });
  return { ...mutation, uploaded };
}
