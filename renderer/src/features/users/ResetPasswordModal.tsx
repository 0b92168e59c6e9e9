import { Button, Checkbox, Group, Modal, PasswordInput, Radio, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionedUser } from '../../../../common/contract';
import type { PasswordResetRequest } from '../../../../common/portal-api/users';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useResetPassword, useSecurityPolicy } from './api';
import { comparableDetail, useUserConflict } from './conflict';
import { OneTimePassword } from './OneTimePassword';
import { passwordAcceptable, PasswordRequirements } from './PasswordRequirements';

type Mode = PasswordResetRequest['mode'];

/** Reset: a generated one-time password (shown once), a password the administrator types, or "must change". */
export function ResetPasswordModal({ user, onClose }: { user: VersionedUser; onClose(): void }) {
  const { t } = useTranslation();
  const detail = user.value;
  const [mode, setMode] = useState<Mode>('generate');
  const [password, setPassword] = useState('');
  const [mustChange, setMustChange] = useState(true);
  const [oneTimePassword, setOneTimePassword] = useState<string | null>(null);
  const policy = useSecurityPolicy();
  const reset = useResetPassword();
  const conflict = useUserConflict(reset.isPending);
  const context = { login: detail.login, displayName: detail.displayName, email: detail.email ?? undefined };
  const modes: Mode[] = detail.hasPassword ? ['generate', 'set', 'require_change'] : ['generate', 'set'];

  const request = (): PasswordResetRequest => (mode === 'set' ? { mode, password, mustChange } : { mode });
  const submit = (ifMatch: string) =>
    reset.mutate(
      { id: detail.id, ifMatch, reset: request() },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'green', message: t('users:notify.passwordReset', { name: detail.displayName }) });
          if (saved.oneTimePassword !== null) setOneTimePassword(saved.oneTimePassword);
          else onClose();
        },
        onError: (error) =>
          conflict.offer(error, {
            mine: comparableDetail(detail),
            keepMine: (currentEtag) => submit(currentEtag),
            takeTheirs: () => onClose(),
          }),
      },
    );

  const blocked = mode === 'set' && !passwordAcceptable(password, policy.data?.value, context);
  return (
    <Modal opened onClose={onClose} title={t('users:reset.title', { name: detail.displayName })} size="md">
      {oneTimePassword !== null ? (
        <OneTimePassword password={oneTimePassword} login={detail.login} onDone={onClose} />
      ) : (
        <Stack gap="sm" data-testid="reset-password-dialog">
          <Radio.Group value={mode} onChange={(value) => setMode(value as Mode)} label={t('users:reset.how')}>
            <Stack gap={6} mt={4}>
              {modes.map((option) => (
                <Radio key={option} value={option} label={t(`users:reset.mode.${option}`)} description={t(`users:reset.hint.${option}`)} />
              ))}
            </Stack>
          </Radio.Group>
          {mode === 'set' && (
            <>
              <PasswordInput label={t('users:reset.newPassword')} value={password} onChange={(event) => setPassword(event.currentTarget.value)} autoComplete="new-password" data-autofocus />
              {policy.data && <PasswordRequirements password={password} policy={policy.data.value} context={context} />}
              <Checkbox label={t('users:form.password.mustChange')} checked={mustChange} onChange={(event) => setMustChange(event.currentTarget.checked)} />
            </>
          )}
          {policy.data?.value.password.neverSendByEmail && (
            <Text size="xs" c="dimmed">
              {t('users:reset.noEmail')}
            </Text>
          )}
          {reset.error && <ErrorAlert error={reset.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button onClick={() => submit(user.etag)} loading={reset.isPending} disabled={blocked} data-testid="reset-password-submit">
              {t('users:reset.submit')}
            </Button>
          </Group>
        </Stack>
      )}
      {conflict.dialog}
    </Modal>
  );
}
