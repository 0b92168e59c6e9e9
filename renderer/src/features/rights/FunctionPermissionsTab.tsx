import { Alert, Badge, Button, Card, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionedFunctionPermissions } from '../../../../common/contract';
import {
  GuestFunctionRight,
  MemberFunctionRight,
  type FunctionPermission,
  type FunctionPermissions,
} from '../../../../common/portal-api/rights';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFunctionPermissions, useSaveFunctionPermissions } from './api';
import { ChangeError } from './ChangeError';
import { functionsDirty, functionsForComparison, withFunction } from './rights-draft';
import { useRightsConflict } from './use-rights-conflict';

/** Per portal function: may members add content or only admins; may guests take part, read, or not. */
export function FunctionPermissionsTab() {
  const { t } = useTranslation();
  const permissions = useFunctionPermissions();
  if (permissions.error) return <ErrorAlert error={permissions.error} onRetry={() => void permissions.refetch()} />;
  if (!permissions.data) return <Text c="dimmed">{t('common:loading')}</Text>;
  return <FunctionMatrix latest={permissions.data} />;
}

function FunctionMatrix({ latest }: { latest: VersionedFunctionPermissions }) {
  const { t } = useTranslation();
  const save = useSaveFunctionPermissions();
  const { offer, dialog } = useRightsConflict(save.isPending);
  const [base, setBase] = useState(latest);
  const [draft, setDraft] = useState<FunctionPermission[]>(latest.value.functions);
  const dirty = functionsDirty(draft, base.value.functions);
  const adopt = (next: VersionedFunctionPermissions) => {
    setBase(next);
    setDraft(next.value.functions);
  };
  if (latest.etag !== base.etag && !dirty) adopt(latest);

  const describe = (f: FunctionPermission) => ({
    [t('rights:functions.members')]: t(`rights:functions.memberRights.${f.members}`),
    [t('rights:functions.guests')]: t(`rights:functions.guestRights.${f.guests}`),
  });
  const comparable = (functions: readonly FunctionPermission[]) =>
    Object.fromEntries(Object.entries(functionsForComparison(functions, describe)).map(([key, value]) => [t(`rights:functions.names.${key}`), value]));

  const submit = (ifMatch: string) =>
    save.mutate(
      { ifMatch, functions: draft },
      {
        onSuccess: (saved) => {
          adopt(saved);
          notifications.show({ color: 'green', message: t('rights:functions.saved') });
        },
        onError: (error) =>
          offer(error, {
            mine: comparable(draft),
            theirs: (current) => comparable((current as FunctionPermissions).functions),
            keepMine: (currentEtag) => submit(currentEtag),
            takeTheirs: (current, currentEtag) => adopt({ etag: currentEtag, value: current as FunctionPermissions }),
            onShown: () => save.reset(),
          }),
      },
    );

  return (
    <Card withBorder>
      <Stack gap="md">
        <Group justify="space-between">
          <Stack gap={2}>
            <Title order={2} size="h3">
              {t('rights:functions.heading')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('rights:functions.intro')}
            </Text>
          </Stack>
          {dirty && (
            <Badge color="orange" variant="light">
              {t('rights:actions.unsaved')}
            </Badge>
          )}
        </Group>
        {!base.value.guestsEnabled && (
          <Alert color="gray" icon={<IconInfoCircle aria-hidden />} data-testid="guests-disabled">
            {t('rights:functions.guestsDisabled')}
          </Alert>
        )}
        <Table withTableBorder striped data-testid="function-matrix">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('rights:functions.function')}</Table.Th>
              <Table.Th scope="col">{t('rights:functions.members')}</Table.Th>
              <Table.Th scope="col">{t('rights:functions.guests')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {draft.map((f) => {
              const name = t(`rights:functions.names.${f.function}`);
              return (
                <Table.Tr key={f.function} data-testid={`function-${f.function}`}>
                  <Table.Th scope="row">{name}</Table.Th>
                  <Table.Td>
                    <SegmentedControl
                      size="xs"
                      aria-label={t('rights:functions.membersFor', { name })}
                      value={f.members}
                      onChange={(value) => setDraft(withFunction(draft, { ...f, members: MemberFunctionRight.parse(value) }))}
                      data={MemberFunctionRight.options.map((option) => ({ value: option, label: t(`rights:functions.memberRights.${option}`) }))}
                    />
                  </Table.Td>
                  <Table.Td>
                    <SegmentedControl
                      size="xs"
                      aria-label={t('rights:functions.guestsFor', { name })}
                      value={f.guests}
                      onChange={(value) => setDraft(withFunction(draft, { ...f, guests: GuestFunctionRight.parse(value) }))}
                      data={GuestFunctionRight.options.map((option) => ({ value: option, label: t(`rights:functions.guestRights.${option}`) }))}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {save.error && !save.isPending && <ChangeError error={save.error} onClose={() => save.reset()} />}
        <Group justify="flex-end">
          <Button variant="default" disabled={!dirty} onClick={() => adopt(latest)}>
            {t('rights:actions.discard')}
          </Button>
          <Button disabled={!dirty} loading={save.isPending} onClick={() => submit(base.etag)} data-testid="functions-save">
            {t('common:actions.save')}
          </Button>
        </Group>
      </Stack>
      {dialog}
    </Card>
  );
}
