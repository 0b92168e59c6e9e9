import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconDownload, IconKey } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ACTIVATION_CODE_VALID_DAYS } from '../../../../common/domain/activation-code';
import { ErrorAlert } from '../../components/ErrorAlert';

/**
 * Offers freshly issued activation codes as a CSV download, once, and says what to do with the file.
 * `download` saves the file and answers its name.
 */
export function ActivationCodesOffer({ count, download }: { count: number; download(): Promise<string> }) {
  const { t } = useTranslation();
  const save = useMutation({ mutationFn: download });
  return (
    <Alert color="orange" icon={<IconKey aria-hidden />} title={t('users:activation.title')} data-testid="activation-codes">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t('users:activation.body', { days: ACTIVATION_CODE_VALID_DAYS })}</Text>
        {save.data === undefined ? (
          <>
            <Button size="xs" leftSection={<IconDownload size={14} aria-hidden />} loading={save.isPending} onClick={() => save.mutate()} data-testid="activation-codes-download">
              {t('users:activation.download', { count })}
            </Button>
            <Text size="xs" c="dimmed">
              {t('users:activation.closeWarning')}
            </Text>
          </>
        ) : (
          <Text size="sm" fw={600} data-testid="activation-codes-saved">
            {t('users:activation.downloaded', { filename: save.data })}
          </Text>
        )}
        {save.error && <ErrorAlert error={save.error} onClose={() => save.reset()} />}
      </Stack>
    </Alert>
  );
}
