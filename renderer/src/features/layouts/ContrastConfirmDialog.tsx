import { Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ContrastFailure } from './contrast-failures';

/** Saving colours below WCAG AA: names every failing pair with its ratio and lets the administrator decide. */
export function ContrastConfirmDialog({ failures, onSave, onClose }: {
  failures: readonly ContrastFailure[];
  onSave: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={t('layouts:contrastConfirm.title', { count: failures.length })} data-testid="contrast-confirm">
      <Stack gap="sm">
        <Text size="sm">{t('layouts:contrastConfirm.intro')}</Text>
        <List size="sm" spacing={4}>
          {failures.map((failure) => (
            <List.Item key={failure.pair} data-testid={`contrast-failure-${failure.pair}`}>
              {t(`layouts:contrastConfirm.pairs.${failure.pair}`, {
                foreground: failure.foreground,
                background: failure.background,
                ratio: failure.ratio,
              })}
            </List.Item>
          ))}
        </List>
        <Text size="sm">{t('layouts:contrastConfirm.question')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus data-testid="contrast-confirm-cancel">
            {t('layouts:contrastConfirm.fix')}
          </Button>
          <Button color="red" onClick={onSave} data-testid="contrast-confirm-save">
            {t('layouts:contrastConfirm.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
