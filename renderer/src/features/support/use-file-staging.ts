import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StagedAttachment } from '../../../../common/contract/support';
import { ATTACHMENT_MAX_BYTES } from '../../../../common/portal-api/support';
import { useStageFile } from './api';
import { bytesToBase64, formatBytes } from './format';

/**
 * Picks files, refuses those over the limit before reading them, and stages the rest (main redacts).
 * `tooLarge` lists the refused files with a message each.
 */
export function useFileStaging(onStaged: (attachment: StagedAttachment) => void) {
  const { t, i18n } = useTranslation();
  const stage = useStageFile();
  const [tooLarge, setTooLarge] = useState<string[]>([]);
  const stageFiles = async (files: File[]) => {
    const refused: string[] = [];
    for (const file of files) {
      if (file.size > ATTACHMENT_MAX_BYTES) {
        const bytes = new Intl.NumberFormat(i18n.language);
        refused.push(
          t('support:attachments.fileTooLarge', {
            name: file.name,
            bytes: bytes.format(file.size),
            limit: formatBytes(ATTACHMENT_MAX_BYTES, i18n.language),
            limitBytes: bytes.format(ATTACHMENT_MAX_BYTES),
          }),
        );
        continue;
      }
      const dataBase64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      const staged = await stage.mutateAsync({ name: file.name, contentType: file.type, dataBase64 }).catch(() => null);
      if (staged) onStaged(staged);
    }
    setTooLarge(refused);
  };
  return { stageFiles, tooLarge, clearTooLarge: () => setTooLarge([]), error: stage.error, reset: stage.reset, pending: stage.isPending };
}
