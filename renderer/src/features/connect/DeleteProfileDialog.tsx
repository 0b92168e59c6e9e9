import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProfileView } from '../../../../common/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDeleteProfile } from './api';

export function DeleteProfileDialog({ profile, onClose }: { profile: ProfileView; onClose(): void }) {
  const { t } = useTranslation();
  const remove = useDeleteProfile();
  return (
    <Modal opened onClose={onClose} title={t('connect:delete.title')} data-testid="delete-profile-dialog">
      <Stack gap="sm">
        <Text size="sm">{t('connect:delete.body', { name: profile.name })}</Text>
        {remove.error && <ErrorAlert error={remove.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common:actions.cancel')}
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(profile.id, { onSuccess: onClose })}>
            {t('connect:delete.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
