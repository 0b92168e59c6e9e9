import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StagedAttachment } from '../../../../common/contract/support';
import { ATTACHMENT_MAX_BYTES, TICKET_MAX_ATTACHMENTS } from '../../../../common/portal-api/support';
import { useStageFile } from './api';
import { bytesToBase64, formatBytes } from './format';

/** Picked files sorted: those to stage, those over the size limit, those beyond the number the ticket may still take. */
export function partitionFiles<F extends { name: string; size: number }>(files: readonly F[], room: number) {
  const tooLarge = files.filter((file) => file.size > ATTACHMENT_MAX_BYTES);
  const fitting = files.filter((file) => file.size <= ATTACHMENT_MAX_BYTES);
  const free = Math.max(0, room);
  return { stage: fitting.slice(0, free), tooLarge, noRoom: fitting.slice(free) };
}

/**
 * Picks files, refuses those over the size limit (before reading them) and those beyond `room` more
 * attachments, and stages the rest (main redacts). `refused` has a message for each refusal.
 */
export function useFileStaging(onStaged: (attachment: StagedAttachment) => void, room = Number.POSITIVE_INFINITY) {
  const { t, i18n } = useTranslation();
  const stage = useStageFile();
  const [refused, setRefused] = useState<string[]>([]);
  const tooLargeMessage = (file: File) => {
    const bytes = new Intl.NumberFormat(i18n.language);
    return t('support:attachments.fileTooLarge', {
      name: file.name,
      bytes: bytes.format(file.size),
      limit: formatBytes(ATTACHMENT_MAX_BYTES, i18n.language),
      limitBytes: bytes.format(ATTACHMENT_MAX_BYTES),
    });
  };
  const stageFiles = async (files: File[]) => {
    const sorted = partitionFiles(files, room);
    const messages = sorted.tooLarge.map(tooLargeMessage);
    if (sorted.noRoom.length > 0) {
      const names = sorted.noRoom.map((file) => t('support:attachments.quoted', { name: file.name })).join(', ');
      messages.push(t('support:attachments.tooMany', { count: sorted.noRoom.length, names, max: TICKET_MAX_ATTACHMENTS }));
    }
    setRefused(messages);
    for (const file of sorted.stage) {
      const dataBase64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      const staged = await stage.mutateAsync({ name: file.name, contentType: file.type, dataBase64 }).catch(() => null);
      if (staged) onStaged(staged);
    }
  };
  return { stageFiles, refused, clearRefused: () => setRefused([]), error: stage.error, reset: stage.reset, pending: stage.isPending };
}
