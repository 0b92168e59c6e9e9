import { Button, Group, Modal, PasswordInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { useChangePassword } from '../lib/session';

interface ChangePasswordValues {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

/** The signed-in user's own password; the portal checks its password policy and answers VALIDATION if unmet. */
export function ChangePasswordDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const change = useChangePassword();
  const form = useForm<ChangePasswordValues>({ defaultValues: { currentPassword: '', newPassword: '', repeat: '' } });
  const { errors } = form.formState;
  const submit = form.handleSubmit(({ currentPassword, newPassword }) =>
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          notifications.show({ message: t('app:changePassword.done'), color: 'green' });
          onClose();
        },
      },
    ),
  );
  return (
    <Modal opened onClose={onClose} title={t('app:changePassword.title')}>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Stack gap="sm">
          <PasswordInput
            label={t('app:changePassword.current')}
            autoComplete="current-password"
            required
            data-autofocus
            error={errors.currentPassword && t('app:changePassword.required')}
            {...form.register('currentPassword', { required: true })}
          />
          <PasswordInput
            label={t('app:changePassword.next')}
            autoComplete="new-password"
            required
            error={errors.newPassword?.message && t(errors.newPassword.message)}
            {...form.register('newPassword', {
              required: 'app:changePassword.required',
              validate: (value, values) => value !== values.currentPassword || 'app:changePassword.sameAsCurrent',
            })}
          />
          <PasswordInput
            label={t('app:changePassword.repeat')}
            autoComplete="new-password"
            required
            error={errors.repeat?.message && t(errors.repeat.message)}
            {...form.register('repeat', {
              required: 'app:changePassword.required',
              validate: (value, values) => value === values.newPassword || 'app:changePassword.mismatch',
            })}
          />
          {change.error && <ErrorAlert error={change.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={change.isPending}>
              {t('app:changePassword.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
