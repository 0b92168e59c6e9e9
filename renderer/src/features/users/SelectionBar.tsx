import { Button, Group, Text } from '@mantine/core';
import { IconKey, IconTrash, IconUserCheck, IconUserOff, IconUsersGroup, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { BulkActionName } from '../../../../common/portal-api/users';
import { useUsersUi } from './users-store';

/** Appears while rows are selected: the bulk actions and how many rows they apply to. */
export function SelectionBar({ onAction }: { onAction(action: BulkActionName): void }) {
  const { t } = useTranslation();
  const selected = useUsersUi((state) => state.selected);
  const clearSelection = useUsersUi((state) => state.clearSelection);
  if (selected.size === 0) return null;
  return (
    <Group gap="xs" data-testid="selection-bar" role="toolbar" aria-label={t('users:selection.label')}>
      <Text size="sm" fw={600}>
        {t('users:selection.count', { count: selected.size })}
      </Text>
      <Button size="xs" variant="light" leftSection={<IconUserCheck size={14} aria-hidden />} onClick={() => onAction('enable')}>
        {t('users:bulk.actions.enable')}
      </Button>
      <Button size="xs" variant="light" leftSection={<IconUserOff size={14} aria-hidden />} onClick={() => onAction('disable')} data-testid="bulk-disable">
        {t('users:bulk.actions.disable')}
      </Button>
      <Button size="xs" variant="light" leftSection={<IconUsersGroup size={14} aria-hidden />} onClick={() => onAction('add_to_group')}>
        {t('users:bulk.actions.add_to_group')}
      </Button>
      <Button size="xs" variant="light" leftSection={<IconKey size={14} aria-hidden />} onClick={() => onAction('issue_activation_code')} data-testid="bulk-issue-codes">
        {t('users:bulk.actions.issue_activation_code')}
      </Button>
      <Button size="xs" variant="light" color="red" leftSection={<IconTrash size={14} aria-hidden />} onClick={() => onAction('delete')}>
        {t('users:bulk.actions.delete')}
      </Button>
      <Button size="xs" variant="subtle" color="gray" leftSection={<IconX size={14} aria-hidden />} onClick={clearSelection}>
        {t('users:selection.clear')}
      </Button>
    </Group>
  );
}
