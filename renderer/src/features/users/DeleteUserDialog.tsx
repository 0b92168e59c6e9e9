import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { VersionedUser } from '../../../../common/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDeleteUser } from './api';
import { comparableDetail, useUserConflict } from './conflict';

/** Deleting cannot be undone: the dialog names the account and asks once more. */
export function DeleteUserDialog({ user, onClose, onDeleted }: { user: VersionedUser; onClose(): void; onDeleted(): void }) {
  const { t } = useTranslation();
  const remove = useDeleteUser();
  const conflict = useUserConflict(remove.isPending);
  const detail = user.value;
  const submit = (ifMatch: string) =>
    remove.mutate(
      { id: detail.id, ifMatch },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('users:notify.deleted', { name: detail.displayName }) });
          onDeleted();
        },
        onError: (error) =>
          conflict.offer(error, {
            mine: comparableDetail(detail),
            keepMine: (currentEtag) => submit(currentEtag),
            takeTheirs: () => onClose(),
          }),
      },
    );
  return (
    <Modal opened onClose={onClose} title={t('users:delete.title')} size="md">
      <Stack gap="sm" data-testid="delete-user-dialog">
        <Alert color="red" icon={<IconAlertTriangle aria-hidden />}>
          <Text size="sm">{t('users:delete.confirm', { name: detail.displayName, login: detail.login })}</Text>
        </Alert>
        {remove.error && <ErrorAlert error={remove.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common:actions.cancel')}
          </Button>
          <Button color="red" onClick={() => submit(user.etag)} loading={remove.isPending} data-testid="delete-user-confirm">
            {t('users:delete.submit')}
          </Button>
        </Group>
      </Stack>
      {conflict.dialog}
    </Modal>
  );
}
