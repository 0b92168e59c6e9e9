import { Alert, Button, Group, Modal, PasswordInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import { useSecurityPolicy } from '../features/users/api';
import { passwordAcceptable, PasswordRequirements } from '../features/users/PasswordRequirements';
import { useChangePassword, useSession, useSignOut } from '../lib/session';

interface ChangePasswordValues {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

/**
 * The signed-in user's own password; the portal checks its password policy and answers VALIDATION if unmet.
 * The same rules are checked live while typing. `required`: the portal demands a new password (expired,
 * reset, or below a tightened policy) and allows nothing else, so the dialog offers only "change" or "sign out".
 */
export function ChangePasswordDialog({ onClose, required = false }: { onClose(): void; required?: boolean }) {
  const { t } = useTranslation();
  const change = useChangePassword();
  const signOut = useSignOut();
  const queryClient = useQueryClient();
  const user = useSession().data?.user;
  const policy = useSecurityPolicy();
  const form = useForm<ChangePasswordValues>({ defaultValues: { currentPassword: '', newPassword: '', repeat: '' } });
  const { errors } = form.formState;
  const newPassword = useWatch({ control: form.control, name: 'newPassword' }) ?? '';
  const context = { login: user?.login, displayName: user?.displayName };
  const submit = form.handleSubmit(({ currentPassword, newPassword }) =>
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          notifications.show({ message: t('app:changePassword.done'), color: 'green' });
          // Requests refused while the change was required can now succeed.
          void queryClient.invalidateQueries();
          onClose();
        },
      },
    ),
  );
  return (
    <Modal
      opened
      onClose={required ? () => undefined : onClose}
      withCloseButton={!required}
      closeOnEscape={!required}
      closeOnClickOutside={!required}
      title={t('app:changePassword.title')}
      data-testid="change-password-dialog"
    >
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Stack gap="sm">
          {required && <Alert color="orange">{t('overview:mustChangePassword')}</Alert>}
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
          {policy.data && <PasswordRequirements password={newPassword} policy={policy.data.value} context={context} />}
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
            {required ? (
              <Button variant="default" onClick={() => signOut.mutate()}>
                {t('app:userMenu.signOut')}
              </Button>
            ) : (
              <Button variant="default" onClick={onClose}>
                {t('common:actions.cancel')}
              </Button>
            )}
            <Button type="submit" loading={change.isPending} disabled={!passwordAcceptable(newPassword, policy.data?.value, context)}>
              {t('app:changePassword.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
