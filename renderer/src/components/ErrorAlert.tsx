import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../lib/errors';

export interface ErrorAlertProps {
  error: unknown;
  onRetry?: () => void;
  onClose?: () => void;
  /** Extra actions under the message, e.g. "Re-pin…". */
  children?: ReactNode;
}

/** Shows a ConsoleError in the user's language: title, message, hints (fields, pins, details). */
export function ErrorAlert({ error, onRetry, onClose, children }: ErrorAlertProps) {
  const { t } = useTranslation();
  const description = describeError(error, t);
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle aria-hidden />}
      title={description.title}
      withCloseButton={onClose !== undefined}
      closeButtonLabel={t('common:actions.close')}
      onClose={onClose}
      data-testid="error-alert"
      data-error-code={description.code}
    >
      <Stack gap="xs">
        <Text size="sm">{description.message}</Text>
        {description.hints && (
          <List size="sm" spacing={2}>
            {description.hints.map((hint, index) => (
              <List.Item key={`${index}:${hint}`} style={{ wordBreak: 'break-all' }}>
                {hint}
              </List.Item>
            ))}
          </List>
        )}
        {(onRetry || children) && (
          <Group gap="xs">
            {children}
            {onRetry && (
              <Button size="xs" variant="light" color="red" onClick={onRetry}>
                {t('common:actions.retry')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
