import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Release } from '../../../../common/portal-api/updates';
import { ConflictDialog } from '../../components/ConflictDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { preconditionConflict } from '../../lib/errors';
import { useCancelDeferral } from './api';
import { conflictView, fieldLabels } from './DeferDialog';
import { plannedWindow } from './schedule';
import { useUpdatesView } from './view';
import { formatZonedRange } from './zoned-format';

/** Confirms cancelling a deferral and says when the major update then lands. */
export function CancelDeferralDialog({ release, onClose }: { release: Release; onClose(): void }) {
  const { t } = useTranslation();
  const { zone, language, now, windows } = useUpdatesView();
  const [deferral] = useState(release.deferral);
  const cancel = useCancelDeferral();
  const conflict = cancel.error ? preconditionConflict(cancel.error) : null;
  if (deferral === null) return null;

  const window = plannedWindow({ ...release, deferral: null }, windows, now);
  const confirm = (ifMatch: string) => cancel.mutate({ releaseId: release.id, ifMatch }, { onSuccess: onClose });
  return (
    <>
      <Modal opened={conflict === null} onClose={onClose} title={t('updates:cancelDialog.title')} data-testid="cancel-deferral-dialog">
        <Stack gap="sm">
          <Text size="sm">
            {window
              ? t('updates:cancelDialog.body', { version: release.version, when: formatZonedRange(window.start, window.end, language, zone) })
              : t('updates:cancelDialog.bodyNoWindow', { version: release.version })}
          </Text>
          {cancel.error && conflict === null && <ErrorAlert error={cancel.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-autofocus>
              {t('common:actions.cancel')}
            </Button>
            <Button color="red" loading={cancel.isPending} onClick={() => confirm(deferral.etag)}>
              {t('updates:cancelDialog.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      {conflict && (
        <ConflictDialog
          mine={conflictView(deferral.value, language, zone)}
          theirs={conflictView(conflict.current, language, zone)}
          labels={{ title: t('updates:conflict.deferralTitle'), keepMine: t('updates:conflict.keepCancel'), fields: fieldLabels(t) }}
          busy={cancel.isPending}
          onKeepMine={() => confirm(conflict.currentEtag ?? deferral.etag)}
          onTakeTheirs={onClose}
          onCancel={() => cancel.reset()}
        />
      )}
    </>
  );
}
