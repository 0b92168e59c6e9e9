import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileExport } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../lib/errors';
import { downloadText } from '../../../lib/download';
import { useExportApplication } from './api';

/** Exports one application as a file: a download in the browser, the save dialog in the desktop console. */
export function ExportButton({ applicationId, name }: { applicationId: string; name: string }) {
  const { t } = useTranslation();
  const exporting = useExportApplication();
  const run = () =>
    exporting.mutate(applicationId, {
      onSuccess: (file) => {
        downloadText(file.filename, file.text, 'application/json;charset=utf-8');
        notifications.show({ color: 'green', message: t('applications:transfer.exported', { name, filename: file.filename, interpolation: { escapeValue: false } }) });
      },
      onError: (error) => {
        const described = describeError(error, t);
        notifications.show({ color: 'red', title: described.title, message: described.message });
      },
    });
  return (
    <Button
      size="xs"
      variant="default"
      leftSection={<IconFileExport size={14} aria-hidden />}
      onClick={run}
      loading={exporting.isPending}
      aria-label={t('applications:transfer.exportOne', { name })}
      data-testid="application-export"
    >
      {t('applications:transfer.export')}
    </Button>
  );
}
