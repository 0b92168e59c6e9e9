import { ActionIcon, Anchor, Button, Card, Group, Modal, Stack, Text, Textarea, TextInput, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash, IconUserMinus, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { VersionedPrincipal } from '../../../../common/contract';
import type { PrincipalDetail as Detail, PrincipalRef } from '../../../../common/portal-api/rights';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAddMember, useMembers, usePrincipal, useRemoveMember, useUpdatePrincipal } from './api';
import { ChangeError } from './ChangeError';
import { DeletePrincipalDialog } from './DeletePrincipalDialog';
import { InfiniteList } from './InfiniteList';
import { KindBadge, PrincipalLabel } from './parts';
import { PrincipalPicker } from './PrincipalPicker';
import { useRightsConflict } from './use-rights-conflict';

/** One group, role or list: its name and description, where it is a member, and its members. */
export function PrincipalDetail({ id, onDeleted }: { id: string; onDeleted(): void }) {
  const { t } = useTranslation();
  const principal = usePrincipal(id);
  const [deleting, setDeleting] = useState(false);
  if (principal.error) return <ErrorAlert error={principal.error} onRetry={() => void principal.refetch()} />;
  if (!principal.data) return <Text c="dimmed">{t('common:loading')}</Text>;
  const { value } = principal.data;
  return (
    <Stack gap="md" data-testid="principal-detail">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <KindBadge kind={value.kind} />
          <Title order={2} size="h3" lineClamp={1} data-testid="principal-title">
            {value.name}
          </Title>
        </Group>
        <Button color="red" variant="outline" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => setDeleting(true)}>
          {t('rights:principals.delete')}
        </Button>
      </Group>
      <PropertiesCard principal={principal.data} />
      <MemberOfCard memberOf={value.memberOf} />
      <MembersCard principal={principal.data} />
      {deleting && (
        <DeletePrincipalDialog
          principal={principal.data}
          onClose={() => setDeleting(false)}
          onDeleted={() => {
            setDeleting(false);
            onDeleted();
          }}
        />
      )}
    </Stack>
  );
}

function PropertiesCard({ principal }: { principal: VersionedPrincipal }) {
  const { t } = useTranslation();
  const update = useUpdatePrincipal();
  const { offer, dialog } = useRightsConflict(update.isPending);
  // The version the form is based on: saving sends its ETag, so a change made meanwhile by someone else is a 412.
  const [base, setBase] = useState(principal);
  const [name, setName] = useState(principal.value.name);
  const [description, setDescription] = useState(principal.value.description);
  const dirty = name.trim() !== base.value.name || description.trim() !== base.value.description;
  const adopt = (next: VersionedPrincipal) => {
    setBase(next);
    setName(next.value.name);
    setDescription(next.value.description);
  };
  // A newer version arrived (e.g. after adding a member) and nothing is typed: follow it.
  if (principal.etag !== base.etag && !dirty) adopt(principal);
  const fields = (value: Pick<Detail, 'name' | 'description'>) => ({
    [t('rights:principals.name')]: value.name,
    [t('rights:principals.description')]: value.description,
  });

  const save = (ifMatch: string) => {
    const mine = { name: name.trim(), description: description.trim() };
    update.mutate(
      { id: principal.value.id, ifMatch, ...mine },
      {
        onSuccess: (saved) => {
          adopt(saved);
          notifications.show({ color: 'green', message: t('rights:principals.saved') });
        },
        onError: (error) => {
          offer(error, {
            mine: fields(mine),
            theirs: (current) => fields(current as Detail),
            keepMine: (currentEtag) => save(currentEtag),
            takeTheirs: (current, currentEtag) => adopt({ etag: currentEtag, value: current as Detail }),
            onShown: () => update.reset(),
          });
        },
      },
    );
  };

  return (
    <Card withBorder>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (dirty && name.trim()) save(base.etag);
        }}
      >
        <Stack gap="sm">
          <TextInput label={t('rights:principals.name')} required value={name} maxLength={120} onChange={(e) => setName(e.currentTarget.value)} />
          <Textarea
            label={t('rights:principals.description')}
            value={description}
            maxLength={1000}
            autosize
            minRows={2}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          {update.error && !update.isPending && <ChangeError error={update.error} onClose={() => update.reset()} />}
          <Group justify="flex-end">
            <Button
              variant="default"
              disabled={!dirty}
              onClick={() => adopt(principal)}
            >
              {t('rights:actions.discard')}
            </Button>
            <Button type="submit" disabled={!dirty || !name.trim()} loading={update.isPending}>
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
      {dialog}
    </Card>
  );
}

function MemberOfCard({ memberOf }: { memberOf: PrincipalRef[] }) {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('rights:principals.memberOf')}
        </Title>
        {memberOf.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('rights:principals.memberOfNone')}
          </Text>
        )}
        <Group gap="xs">
          {memberOf.map((container) => (
            <Anchor key={container.id} component={Link} to={`/rights/principals/${container.id}`} size="sm">
              <PrincipalLabel principal={container} />
            </Anchor>
          ))}
        </Group>
      </Stack>
    </Card>
  );
}

function MembersCard({ principal }: { principal: VersionedPrincipal }) {
  const { t } = useTranslation();
  const members = useMembers(principal.value.id);
  const add = useAddMember();
  const remove = useRemoveMember();
  const { offer, dialog } = useRightsConflict(add.isPending || remove.isPending);
  const [candidate, setCandidate] = useState<PrincipalRef | null>(null);
  const [removing, setRemoving] = useState<PrincipalRef | null>(null);
  const items = members.data?.pages.flatMap((page) => page.items) ?? [];
  const excluded = new Set([principal.value.id, ...items.map((item) => item.id)]);
  const summary = (detail: Detail) => ({
    [t('rights:principals.name')]: detail.name,
    [t('rights:principals.memberCount')]: detail.memberCount,
  });

  const addMember = (member: PrincipalRef, ifMatch: string) =>
    add.mutate(
      { id: principal.value.id, memberId: member.id, ifMatch },
      {
        onSuccess: () => {
          setCandidate(null);
          notifications.show({ color: 'green', message: t('rights:principals.memberAdded', { member: member.name, container: principal.value.name }) });
        },
        onError: (error) =>
          offer(error, {
            mine: { ...summary(principal.value), [t('rights:principals.change')]: t('rights:principals.addChange', { member: member.name }) },
            theirs: (current) => summary(current as Detail),
            keepMine: (currentEtag) => addMember(member, currentEtag),
            takeTheirs: () => undefined,
            onShown: () => add.reset(),
          }),
      },
    );

  const removeMember = (member: PrincipalRef, ifMatch: string) =>
    remove.mutate(
      { id: principal.value.id, memberId: member.id, ifMatch },
      {
        onSuccess: () => setRemoving(null),
        onError: (error) => {
          const handled = offer(error, {
            mine: { ...summary(principal.value), [t('rights:principals.change')]: t('rights:principals.removeChange', { member: member.name }) },
            theirs: (current) => summary(current as Detail),
            keepMine: (currentEtag) => removeMember(member, currentEtag),
            takeTheirs: () => undefined,
            onShown: () => remove.reset(),
          });
          if (handled) setRemoving(null);
        },
      },
    );

  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('rights:principals.membersHeading', { count: principal.value.memberCount })}
        </Title>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (candidate) addMember(candidate, principal.etag);
          }}
        >
          <Group align="flex-end" wrap="nowrap">
            <div style={{ flex: 1 }}>
              <PrincipalPicker
                label={t('rights:principals.addMember')}
                kinds={['user', 'group', 'role', 'distribution_list']}
                value={candidate}
                onChange={setCandidate}
                exclude={excluded}
                testId="member-picker"
              />
            </div>
            <Button type="submit" leftSection={<IconUserPlus size={16} aria-hidden />} disabled={!candidate} loading={add.isPending}>
              {t('rights:principals.add')}
            </Button>
          </Group>
        </form>
        {add.error && !add.isPending && <ChangeError error={add.error} onClose={() => add.reset()} />}
        {members.error && <ErrorAlert error={members.error} onRetry={() => void members.refetch()} />}
        <InfiniteList<PrincipalRef>
          items={items}
          getKey={(item) => item.id}
          rowHeight={40}
          height={Math.min(360, Math.max(1, items.length) * 40 + 8)}
          label={t('rights:principals.membersLabel', { name: principal.value.name })}
          empty={members.isPending ? t('common:loading') : t('rights:principals.noMembers')}
          hasNextPage={members.hasNextPage}
          isFetchingNextPage={members.isFetchingNextPage}
          fetchNextPage={() => void members.fetchNextPage()}
          testId="member-list"
          renderItem={(member) => (
            <Group justify="space-between" wrap="nowrap" h="100%" px="xs" data-testid={`member-${member.name}`}>
              {member.kind === 'user' ? (
                <PrincipalLabel principal={member} />
              ) : (
                <Anchor component={Link} to={`/rights/principals/${member.id}`}>
                  <PrincipalLabel principal={member} />
                </Anchor>
              )}
              <Tooltip label={t('rights:principals.removeMember', { name: member.name })}>
                <ActionIcon variant="subtle" color="red" aria-label={t('rights:principals.removeMember', { name: member.name })} onClick={() => setRemoving(member)}>
                  <IconUserMinus size={16} aria-hidden />
                </ActionIcon>
              </Tooltip>
            </Group>
          )}
        />
      </Stack>
      {removing && (
        <Modal opened onClose={() => setRemoving(null)} title={t('rights:principals.removeTitle')} data-testid="remove-member-dialog">
          <Stack gap="sm">
            <Text size="sm">{t('rights:principals.removeBody', { member: removing.name, container: principal.value.name })}</Text>
            {remove.error && <ChangeError error={remove.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRemoving(null)} data-autofocus>
                {t('common:actions.cancel')}
              </Button>
              <Button color="red" loading={remove.isPending} onClick={() => removeMember(removing, principal.etag)}>
                {t('rights:principals.removeConfirm')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
      {dialog}
    </Card>
  );
}
