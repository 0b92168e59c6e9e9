import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { VersionedPrincipal } from '../../../../common/contract';
import type { PrincipalDetail } from '../../../../common/portal-api/rights';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDeletePrincipal, useImpact } from './api';
import { ChangeError } from './ChangeError';
import { LevelBadge } from './parts';
import { useRightsConflict } from './use-rights-conflict';

/** Confirms a delete after showing what it removes and whose access it changes. */
export function DeletePrincipalDialog({ principal, onClose, onDeleted }: { principal: VersionedPrincipal; onClose(): void; onDeleted(): void }) {
  const { t } = useTranslation();
  const impact = useImpact(principal.value.id);
  const remove = useDeletePrincipal();
  const { offer, dialog } = useRightsConflict(remove.isPending);
  const summary = (detail: PrincipalDetail) => ({
    [t('rights:principals.name')]: detail.name,
    [t('rights:principals.description')]: detail.description,
    [t('rights:principals.memberCount')]: detail.memberCount,
  });

  const confirm = (ifMatch: string) =>
    remove.mutate(
      { id: principal.value.id, ifMatch },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('rights:principals.deleted', { name: principal.value.name }) });
          onDeleted();
        },
        onError: (error) =>
          offer(error, {
            mine: summary(principal.value),
            theirs: (current) => summary(current as PrincipalDetail),
            keepMine: (currentEtag) => confirm(currentEtag),
            takeTheirs: () => onClose(),
            onShown: () => remove.reset(),
          }),
      },
    );

  const data = impact.data;
  return (
    <Modal opened onClose={onClose} title={t('rights:impact.title', { name: principal.value.name })} size="lg" data-testid="delete-principal-dialog">
      <Stack gap="sm">
        {impact.error && <ErrorAlert error={impact.error} onRetry={() => void impact.refetch()} />}
        {!data && !impact.error && <Text c="dimmed">{t('rights:impact.loading')}</Text>}
        {data && (
          <>
            <Text size="sm">{t('rights:impact.intro')}</Text>
            <List size="sm" spacing={4} data-testid="impact-facts">
              <List.Item>{t('rights:impact.directMembers', { count: data.directMembers })}</List.Item>
              <List.Item>{t('rights:impact.usersReached', { count: data.usersReached })}</List.Item>
              <List.Item>{t('rights:impact.memberOf', { count: data.memberOf.length, names: data.memberOf.map((c) => c.name).join(', ') })}</List.Item>
              <List.Item>{t('rights:impact.rightsEntries', { count: data.rightsEntries.length })}</List.Item>
            </List>
            {data.rightsEntries.length > 0 && (
              <List size="sm" spacing={4} withPadding>
                {data.rightsEntries.map((entry) => (
                  <List.Item key={entry.applicationId}>
                    <Group gap="xs">
                      <Text size="sm">{entry.applicationName}</Text>
                      <LevelBadge level={entry.level} />
                    </Group>
                  </List.Item>
                ))}
              </List>
            )}
            {data.accessChanges.length > 0 ? (
              <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} title={t('rights:impact.changesTitle')}>
                <List size="sm" spacing={2}>
                  {data.accessChanges.map((change) => (
                    <List.Item key={change.applicationId}>{t('rights:impact.change', { application: change.applicationName, count: change.users })}</List.Item>
                  ))}
                </List>
              </Alert>
            ) : (
              <Text size="sm" c="dimmed">
                {t('rights:impact.noChanges')}
              </Text>
            )}
          </>
        )}
        {remove.error && !remove.isPending && <ChangeError error={remove.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common:actions.cancel')}
          </Button>
          <Button color="red" loading={remove.isPending} disabled={!data} onClick={() => confirm(principal.etag)}>
            {t('rights:impact.confirm')}
          </Button>
        </Group>
      </Stack>
      {dialog}
    </Modal>
  );
}
