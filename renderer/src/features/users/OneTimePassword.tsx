import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The generated password, shown exactly once: the console keeps it nowhere, the portal stores only its hash. */
export function OneTimePassword({ password, login, onDone }: { password: string; login: string; onDone(): void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" data-testid="one-time-password">
      <Alert color="yellow" icon={<IconKey aria-hidden />} title={t('users:oneTimePassword.title')}>
        {t('users:oneTimePassword.intro', { login })}
      </Alert>
      <Group gap="sm" wrap="nowrap">
        <Code fz="lg" p="sm" style={{ userSelect: 'all', letterSpacing: '0.06em' }} data-testid="one-time-password-value">
          {password}
        </Code>
        <CopyButton value={password}>
          {({ copied, copy }) => (
            <Button variant="light" color={copied ? 'green' : undefined} leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />} onClick={copy}>
              {copied ? t('users:oneTimePassword.copied') : t('users:oneTimePassword.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Text size="sm" c="dimmed">
        {t('users:oneTimePassword.mustChange')}
      </Text>
      <Group justify="flex-end">
        <Button onClick={onDone} data-autofocus>
          {t('users:oneTimePassword.done')}
        </Button>
      </Group>
    </Stack>
  );
}
