import { Badge, Button, Drawer, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey, IconLockOpen, IconPencil, IconTrash, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionedUser } from '../../../../common/contract';
import type { UserDetail } from '../../../../common/portal-api/users';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/format';
import { useGroupOptions, useUnlockUser, useUpdateUser, useUser, usersKeys } from './api';
import { comparableDetail, comparableFields, fieldsOf, useUserConflict } from './conflict';
import { DeleteUserDialog } from './DeleteUserDialog';
import { ResetPasswordModal } from './ResetPasswordModal';

const statusColor = { active: 'green', locked: 'orange', disabled: 'gray' } as const;

/** One user: the facts, and the actions that change it (each with If-Match). */
export function UserDrawer({ id, onClose, onEdit }: { id: string; onClose(): void; onEdit(user: VersionedUser): void }) {
  const { t } = useTranslation();
  const user = useUser(id);
  const [dialog, setDialog] = useState<'reset' | 'delete' | null>(null);
  return (
    <Drawer opened onClose={onClose} position="right" size="lg" title={<span data-testid="user-detail-title">{user.data?.value.displayName ?? t('users:detail.title')}</span>}>
      {user.isPending && <Loader />}
      {user.error && <ErrorAlert error={user.error} onRetry={() => void user.refetch()} />}
      {user.data && (
        <Stack gap="md" data-testid="user-detail">
          <Facts user={user.data.value} />
          <Actions user={user.data} onEdit={() => onEdit(user.data)} onReset={() => setDialog('reset')} onDelete={() => setDialog('delete')} />
          {dialog === 'reset' && <ResetPasswordModal user={user.data} onClose={() => setDialog(null)} />}
          {dialog === 'delete' && (
            <DeleteUserDialog
              user={user.data}
              onClose={() => setDialog(null)}
              onDeleted={() => {
                setDialog(null);
                onClose();
              }}
            />
          )}
        </Stack>
      )}
    </Drawer>
  );
}

function Facts({ user }: { user: UserDetail }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string | null) => (iso === null ? t('users:list.never') : formatDateTime(iso, i18n.language));
  const passwordState = !user.hasPassword ? 'none' : user.passwordExpired ? 'expired' : user.mustChangePassword ? 'mustChange' : 'ok';
  const rows: [string, ReactNode][] = [
    [t('users:form.login'), <Text key="login" ff="monospace" size="sm">{user.login}</Text>],
    [t('users:form.email'), user.email ?? t('users:list.noEmail')],
    [t('users:form.language'), t(`users:form.languages.${user.language}`)],
    [
      t('users:list.columns.status'),
      <Group key="status" gap={4}>
        <Badge color={statusColor[user.status]} variant="light">
          {t(`users:status.${user.status}`)}
        </Badge>
        {user.isAdmin && (
          <Badge color="violet" variant="light">
            {t('users:flags.admin')}
          </Badge>
        )}
      </Group>,
    ],
    ...(user.status === 'locked' && user.lockedUntil !== null ? [[t('users:detail.lockedUntil'), when(user.lockedUntil)] as [string, ReactNode]] : []),
    [t('users:detail.failedAttempts'), String(user.failedAttempts)],
    [t('users:form.groups'), user.groups.length === 0 ? t('users:detail.noGroups') : user.groups.map((group) => group.name).join(', ')],
    [t('users:list.columns.lastLoginAt'), when(user.lastLoginAt)],
    [t('users:detail.password'), t(`users:detail.passwordState.${passwordState}`)],
    [t('users:detail.passwordChangedAt'), when(user.passwordChangedAt)],
    [t('users:detail.createdAt'), when(user.createdAt)],
    [t('users:detail.updatedAt'), when(user.updatedAt)],
  ];
  return (
    <Table variant="vertical" layout="fixed" data-testid="user-facts">
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w="40%">{label}</Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

interface ActionsProps {
  user: VersionedUser;
  onEdit(): void;
  onReset(): void;
  onDelete(): void;
}

function Actions({ user, onEdit, onReset, onDelete }: ActionsProps) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  const unlock = useUnlockUser();
  const groups = useGroupOptions();
  const conflict = useUserConflict(update.isPending || unlock.isPending);
  const queryClient = useQueryClient();
  const detail = user.value;
  const showTheirs = (current: UserDetail, currentEtag: string) => {
    update.reset();
    unlock.reset();
    queryClient.setQueryData<VersionedUser>(usersKeys.detail(detail.id), { etag: currentEtag, value: current });
  };

  const setEnabled = (enabled: boolean, ifMatch: string, base: UserDetail = detail) => {
    const fields = { ...fieldsOf(base), enabled };
    update.mutate(
      { id: detail.id, ifMatch, value: fields },
      {
        onSuccess: () => notifications.show({ color: 'green', message: t(enabled ? 'users:notify.enabled' : 'users:notify.disabled', { name: detail.displayName }) }),
        onError: (error) =>
          conflict.offer(error, {
            mine: comparableFields(fields, groups.data ?? []),
            keepMine: (currentEtag) => setEnabled(enabled, currentEtag, base),
            takeTheirs: showTheirs,
          }),
      },
    );
  };

  const doUnlock = (ifMatch: string) =>
    unlock.mutate(
      { id: detail.id, ifMatch },
      {
        onSuccess: () => notifications.show({ color: 'green', message: t('users:notify.unlocked', { name: detail.displayName }) }),
        onError: (error) =>
          conflict.offer(error, {
            mine: comparableDetail(detail),
            keepMine: (currentEtag) => doUnlock(currentEtag),
            takeTheirs: showTheirs,
          }),
      },
    );

  const error = update.error ?? unlock.error;
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Button leftSection={<IconPencil size={16} aria-hidden />} onClick={onEdit} data-testid="edit-user">
          {t('users:actions.edit')}
        </Button>
        {detail.enabled ? (
          <Button variant="default" leftSection={<IconUserOff size={16} aria-hidden />} onClick={() => setEnabled(false, user.etag)} loading={update.isPending}>
            {t('users:actions.disable')}
          </Button>
        ) : (
          <Button variant="default" leftSection={<IconUserCheck size={16} aria-hidden />} onClick={() => setEnabled(true, user.etag)} loading={update.isPending}>
            {t('users:actions.enable')}
          </Button>
        )}
        {(detail.status === 'locked' || detail.failedAttempts > 0) && (
          <Button variant="default" leftSection={<IconLockOpen size={16} aria-hidden />} onClick={() => doUnlock(user.etag)} loading={unlock.isPending} data-testid="unlock-user">
            {t('users:actions.unlock')}
          </Button>
        )}
        <Button variant="default" leftSection={<IconKey size={16} aria-hidden />} onClick={onReset} data-testid="reset-password">
          {t('users:actions.resetPassword')}
        </Button>
        <Button variant="light" color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={onDelete} data-testid="delete-user">
          {t('users:actions.delete')}
        </Button>
      </Group>
      {error && <ErrorAlert error={error} />}
      {conflict.dialog}
    </Stack>
  );
}
