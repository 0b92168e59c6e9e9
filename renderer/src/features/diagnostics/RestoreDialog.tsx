import { Alert, Button, FileInput, Group, Modal, Progress, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Backup } from '../../../../common/portal-api/instance';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePortalInfo } from '../../lib/session';
import { useRestore } from './backup-transfer-api';
import { formatTimestamp } from './format';

interface RestoreDialogProps {
  /** The backup to restore; null: an archive file the person chooses. */
  backup: Backup | null;
  /** Electron picks the file in its own open dialog; the browser needs a file field. */
  pickFileHere: boolean;
  onClose: () => void;
}

/**
 * Restoring replaces every piece of data and ends every session: the portal's name must be typed to confirm.
 * While it runs the dialog cannot be closed and shows the upload's progress, then the restore's.
 */
export function RestoreDialog({ backup, pickFileHere, onClose }: RestoreDialogProps) {
  const { t, i18n } = useTranslation();
  const portal = usePortalInfo();
  const restore = useRestore();
  const [typed, setTyped] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const name = portal.data?.name ?? null;
  const confirmed = name !== null && typed.trim() === name;
  const needsFile = backup === null && pickFileHere;
  const ready = confirmed && (!needsFile || file !== null) && !restore.isPending;
  const start = () => restore.mutate({ choice: backup === null ? { kind: 'file', file } : { kind: 'backup', id: backup.id }, confirm: typed.trim() });
  const what =
    backup === null
      ? t('diagnostics:backups.restore.fromFile')
      : t('diagnostics:backups.restore.fromBackup', { time: formatTimestamp(backup.startedAt, i18n.language) });
  return (
    <Modal
      opened
      onClose={() => !restore.isPending && onClose()}
      closeOnEscape={!restore.isPending}
      withCloseButton={!restore.isPending}
      title={t('diagnostics:backups.restore.title')}
      data-testid="restore-dialog"
    >
      <Stack gap="md">
        <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />}>
          <Text size="sm" fw={600}>
            {what}
          </Text>
          <Text size="sm">{t('diagnostics:backups.restore.warning')}</Text>
        </Alert>
        {needsFile && (
          <FileInput
            label={t('diagnostics:backups.restore.file')}
            accept=".gz,application/gzip"
            value={file}
            onChange={setFile}
            disabled={restore.isPending}
            clearable
            data-testid="restore-file"
          />
        )}
        <TextInput
          label={t('diagnostics:backups.restore.typeName', { name: name ?? '…' })}
          value={typed}
          onChange={(event) => setTyped(event.currentTarget.value)}
          disabled={restore.isPending || name === null}
          autoComplete="off"
          data-testid="restore-confirm"
        />
        {restore.isPending && (
          <Stack gap={4} data-testid="restore-progress">
            <Progress
              value={restore.uploaded === null || restore.uploaded >= 1 ? 100 : Math.round(restore.uploaded * 100)}
              animated={restore.uploaded === null || restore.uploaded >= 1}
              striped
              aria-label={t('diagnostics:backups.restore.progressLabel')}
            />
            <Text size="sm" aria-live="polite">
              {restore.uploaded !== null && restore.uploaded < 1
                ? t('diagnostics:backups.restore.uploading', { percent: Math.round(restore.uploaded * 100) })
                : t('diagnostics:backups.restore.running')}
            </Text>
          </Stack>
        )}
        {restore.error &&
          (refusalCode(restore.error) === null ? (
            <ErrorAlert error={restore.error} onClose={() => restore.reset()} />
          ) : (
            <RestoreRefusal code={refusalCode(restore.error)!} />
          ))}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={restore.isPending}>
            {t('common:actions.cancel')}
          </Button>
          <Button color="red" onClick={start} disabled={!ready} loading={restore.isPending} data-testid="restore-start">
            {t('diagnostics:backups.restore.start')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Refusals the portal explains by code; each one says that nothing was changed. */
const REFUSALS = ['archive_damaged', 'archive_schema_mismatch', 'restore_not_confirmed', 'backup_running', 'restore_running', 'archive_too_large'];

function refusalCode(error: unknown): string | null {
  const code = (error as { details?: { problemCode?: unknown } }).details?.problemCode;
  return typeof code === 'string' && REFUSALS.includes(code) ? code : null;
}

function RestoreRefusal({ code }: { code: string }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" c="red" fw={600} role="status" data-testid="restore-refusal" data-code={code}>
      {t(`diagnostics:backups.restore.refused.${code}`)}
    </Text>
  );
}
