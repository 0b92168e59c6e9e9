import { Alert, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconFileExport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useExportConfiguration } from './api';
import { followDownload } from '../../lib/download';

/** Export: the portal builds the file and it streams to disk (save dialog or a browser download); nothing stays in the console. */
export function ExportCard() {
  const { t } = useTranslation();
  const exporting = useExportConfiguration();
  const [saved, setSaved] = useState<string | null>(null);

  const run = () => {
    setSaved(null);
    exporting.mutate(undefined, {
      onSuccess: (result) => {
        followDownload(result);
        if (result.kind !== 'cancelled') setSaved(result.kind === 'saved' ? result.path : result.file);
      },
    });
  };

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="configuration-export-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="configuration-export-title">
          {t('configuration:export.title')}
        </Title>
        <Text size="sm">{t('configuration:export.description')}</Text>
        <Group>
          <Button leftSection={<IconFileExport size={18} aria-hidden />} onClick={run} loading={exporting.isPending} data-testid="configuration-export">
            {t('configuration:export.action')}
          </Button>
          {exporting.isPending && (
            <Group gap="xs" role="status">
              <Loader size="xs" aria-hidden />
              <Text size="sm">{t('configuration:export.running')}</Text>
            </Group>
          )}
        </Group>
        {saved !== null && (
          <Alert color="green" variant="light" role="status" data-testid="configuration-export-saved">
            {t('configuration:export.saved', { filename: saved })}
          </Alert>
        )}
        {exporting.error && <ErrorAlert error={exporting.error} onClose={() => exporting.reset()} />}
      </Stack>
    </Card>
  );
}
