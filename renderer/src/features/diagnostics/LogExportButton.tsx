import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileExport } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { callConsole } from '../../lib/console-client';
import { downloadText } from '../../lib/download';
import type { LogQuery } from './logs-query';

/**
 * Saves the range on screen (with its level and text filter) as a redacted text file. A range that ends now
 * (`openEnded`) is exported up to the newest entry, so what follow mode added since is in the file too.
 */
export function LogExportButton({ query, openEnded }: { query: LogQuery; openEnded: boolean }) {
  const { t } = useTranslation();
  const exportRange = useMutation({
    mutationFn: () =>
      callConsole('instance:exportLogs', { from: query.from, to: openEnded ? undefined : query.to, level: query.level, contains: query.contains }),
    onSuccess: (exported) => {
      downloadText(exported.filename, exported.text, 'text/plain;charset=utf-8');
      const message = t('diagnostics:logs.exported', { count: exported.entries, filename: exported.filename });
      notifications.show({ color: 'green', message: exported.truncated ? `${message} ${t('diagnostics:logs.exportTruncated', { count: exported.entries })}` : message });
    },
    onError: (error) => notifications.show({ color: 'red', title: t('diagnostics:logs.exportFailed'), message: <ErrorAlert error={error} /> }),
  });
  return (
    <Button
      variant="default"
      size="xs"
      leftSection={<IconFileExport size={14} aria-hidden />}
      loading={exportRange.isPending}
      onClick={() => exportRange.mutate()}
      data-testid="log-export"
    >
      {t('diagnostics:logs.export')}
    </Button>
  );
}
