import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { VersionedPublishedDefinition } from '../../../../../common/contract';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useDefinition, useDiscardDraft } from '../api';
import { appliedDataSentence, dataLossOf } from './data-loss';
import { DataLossNotice } from './DataLossNotice';
import { useDesignerStore } from './designer-store';
import { useRollback } from './version-api';

/**
 * Rolls the application back to `version`: the portal publishes a copy of it as a new version (audited).
 * The draft, if any, is discarded; the designer then shows the new version. If the rollback would drop or
 * retype parts that hold data, the portal refuses until the administrator has seen what happens to it.
 */
export function RollbackDialog({ applicationId, version, onClose, onDone }: {
  applicationId: string;
  version: number;
  onClose: () => void;
  onDone: (result: VersionedPublishedDefinition) => void;
}) {
  const { t } = useTranslation();
  const published = useDefinition(applicationId);
  const hasDraft = useDesignerStore((state) => state.hasDraft);
  const reset = useDesignerStore((state) => state.reset);
  const rollback = useRollback();
  const discard = useDiscardDraft();
  const dataLoss = dataLossOf(rollback.error);
  const busy = rollback.isPending || discard.isPending;

  const finish = (result: VersionedPublishedDefinition) => {
    reset(result.value.definition, { etag: result.etag, version: result.value.version });
    const applied = appliedDataSentence(result.value.dataChanges, t);
    notifications.show({
      color: 'green',
      message: [t('applications:versions.rollback.done', { version, newVersion: result.value.version }), applied].filter(Boolean).join(' '),
    });
    onDone(result);
  };

  const run = (confirmDataLoss: boolean) => {
    const current = published.data;
    if (!current) return;
    rollback.mutate(
      { applicationId, version, ifMatch: current.etag, confirmDataLoss },
      {
        onSuccess: (result) => {
          if (!hasDraft) return finish(result);
          // The draft was based on the version before the rollback: it would only come back as a stale draft.
          discard.mutate({ kind: 'application', id: applicationId }, { onSettled: () => finish(result) });
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t('applications:versions.rollback.title', { version })} data-testid="rollback-dialog">
      <Stack gap="sm">
        {published.data && (
          <Text size="sm">{t('applications:versions.rollback.message', { version, newVersion: published.data.value.version + 1 })}</Text>
        )}
        {hasDraft && (
          <Text size="sm" fw={600} data-testid="rollback-draft-warning">
            {t('applications:versions.rollback.draft')}
          </Text>
        )}
        {published.error && <ErrorAlert error={published.error} onRetry={() => void published.refetch()} />}
        {dataLoss && <DataLossNotice entries={dataLoss} action="rollback" />}
        {rollback.error && !dataLoss && <ErrorAlert error={rollback.error} onClose={() => rollback.reset()} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy} data-autofocus>
            {t('common:actions.cancel')}
          </Button>
          {dataLoss ? (
            <Button color="red" loading={busy} onClick={() => run(true)} data-testid="rollback-confirm-data-loss">
              {t('applications:versions.rollback.confirmDataLoss')}
            </Button>
          ) : (
            <Button color="red" loading={busy} disabled={!published.data} onClick={() => run(false)} data-testid="rollback-confirm">
              {t('applications:versions.rollback.confirm', { version })}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
