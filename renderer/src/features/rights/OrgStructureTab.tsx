import { ActionIcon, Anchor, Badge, Button, Card, Grid, Group, NavLink, Stack, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBuilding, IconFolder, IconPencil, IconPlus, IconTrash, IconUserMinus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { VersionedOrgUnit } from '../../../../common/contract';
import type { OrgUnit, PrincipalRef } from '../../../../common/portal-api/rights';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useOrgUnitMembers, useOrgUnits, usePlaceInOrgUnit, useRemoveFromOrgUnit } from './api';
import { ChangeError } from './ChangeError';
import { InfiniteList } from './InfiniteList';
import { DeleteOrgUnitDialog, OrgUnitFormModal } from './OrgUnitDialogs';
import { PrincipalLabel } from './parts';
import { PrincipalPicker } from './PrincipalPicker';
import { useRightsConflict } from './use-rights-conflict';

export interface TreeRow {
  unit: VersionedOrgUnit;
  depth: number;
}

/** Depth of each unit in a list that has parents before children. */
export function treeRows(items: readonly VersionedOrgUnit[]): TreeRow[] {
  const depthById = new Map<string, number>();
  return items.map((unit) => {
    const depth = unit.value.parentId === null ? 0 : (depthById.get(unit.value.parentId) ?? 0) + 1;
    depthById.set(unit.value.id, depth);
    return { unit, depth };
  });
}

type Dialog = { kind: 'create'; parentId: string | null } | { kind: 'edit'; unit: VersionedOrgUnit } | { kind: 'delete'; unit: VersionedOrgUnit } | null;

/** Containers and org units as a tree; users and groups belong to one unit each. */
export function OrgStructureTab() {
  const { t } = useTranslation();
  const units = useOrgUnits();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const rows = useMemo(() => treeRows(units.data?.items ?? []), [units.data]);
  const selected = rows.find((row) => row.unit.value.id === selectedId)?.unit ?? null;

  return (
    <Grid gutter="md">
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Card withBorder padding="sm">
          <Stack gap="xs">
            <Group justify="space-between">
              <Title order={2} size="h5">
                {t('rights:org.heading')}
              </Title>
              <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setDialog({ kind: 'create', parentId: selectedId })} data-testid="org-new">
                {selected ? t('rights:org.newChild', { name: selected.value.name }) : t('rights:org.newRoot')}
              </Button>
            </Group>
            {units.error && <ErrorAlert error={units.error} onRetry={() => void units.refetch()} />}
            {units.isPending && <Text c="dimmed">{t('common:loading')}</Text>}
            <nav aria-label={t('rights:org.heading')} data-testid="org-tree">
              {rows.map(({ unit, depth }) => {
                const Icon = unit.value.kind === 'container' ? IconFolder : IconBuilding;
                return (
                  <NavLink
                    key={unit.value.id}
                    component="button"
                    type="button"
                    aria-pressed={unit.value.id === selectedId}
                    active={unit.value.id === selectedId}
                    onClick={() => setSelectedId(unit.value.id === selectedId ? null : unit.value.id)}
                    label={unit.value.name}
                    description={`${t('rights:org.userCount', { count: unit.value.userCount })} · ${t('rights:org.principalCount', { count: unit.value.principalCount })}`}
                    leftSection={<Icon size={16} aria-hidden />}
                    style={{ paddingLeft: 8 + depth * 20 }}
                    data-testid={`org-unit-${unit.value.name}`}
                  />
                );
              })}
            </nav>
          </Stack>
        </Card>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 7 }}>
        {selected ? (
          <UnitDetail
            key={selected.value.id}
            unit={selected}
            parentName={rows.find((row) => row.unit.value.id === selected.value.parentId)?.unit.value.name ?? null}
            onEdit={() => setDialog({ kind: 'edit', unit: selected })}
            onDelete={() => setDialog({ kind: 'delete', unit: selected })}
          />
        ) : (
          <Card withBorder>
            <Text c="dimmed">{t('rights:org.pick')}</Text>
          </Card>
        )}
      </Grid.Col>
      {dialog?.kind === 'create' && (
        <OrgUnitFormModal units={rows} parentId={dialog.parentId} onClose={() => setDialog(null)} onSaved={(unit) => setSelectedId(unit.id)} />
      )}
      {dialog?.kind === 'edit' && <OrgUnitFormModal units={rows} unit={dialog.unit} onClose={() => setDialog(null)} onSaved={() => undefined} />}
      {dialog?.kind === 'delete' && (
        <DeleteOrgUnitDialog
          unit={dialog.unit}
          onClose={() => setDialog(null)}
          onDeleted={() => {
            setDialog(null);
            setSelectedId(null);
          }}
        />
      )}
    </Grid>
  );
}

function UnitDetail({ unit, parentName, onEdit, onDelete }: { unit: VersionedOrgUnit; parentName: string | null; onEdit(): void; onDelete(): void }) {
  const { t } = useTranslation();
  const members = useOrgUnitMembers(unit.value.id);
  const place = usePlaceInOrgUnit();
  const remove = useRemoveFromOrgUnit();
  const { offer, dialog } = useRightsConflict(place.isPending || remove.isPending);
  const [candidate, setCandidate] = useState<PrincipalRef | null>(null);
  const items = members.data?.pages.flatMap((page) => page.items) ?? [];
  const summary = (value: OrgUnit) => ({
    [t('rights:org.name')]: value.name,
    [t('rights:org.users')]: value.userCount,
    [t('rights:org.principals')]: value.principalCount,
  });

  const placeMember = (member: PrincipalRef, ifMatch: string) =>
    place.mutate(
      { id: unit.value.id, memberId: member.id, ifMatch },
      {
        onSuccess: () => {
          setCandidate(null);
          notifications.show({ color: 'green', message: t('rights:org.placed', { member: member.name, unit: unit.value.name }) });
        },
        onError: (error) =>
          offer(error, {
            mine: { ...summary(unit.value), [t('rights:principals.change')]: t('rights:org.placeChange', { member: member.name }) },
            theirs: (current) => summary(current as OrgUnit),
            keepMine: (currentEtag) => placeMember(member, currentEtag),
            takeTheirs: () => undefined,
            onShown: () => place.reset(),
          }),
      },
    );

  const removeMember = (member: PrincipalRef, ifMatch: string) =>
    remove.mutate(
      { id: unit.value.id, memberId: member.id, ifMatch },
      {
        onError: (error) =>
          offer(error, {
            mine: { ...summary(unit.value), [t('rights:principals.change')]: t('rights:org.removeChange', { member: member.name }) },
            theirs: (current) => summary(current as OrgUnit),
            keepMine: (currentEtag) => removeMember(member, currentEtag),
            takeTheirs: () => undefined,
            onShown: () => remove.reset(),
          }),
      },
    );

  return (
    <Card withBorder data-testid="org-unit-detail">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Group gap="xs">
              <Badge variant="light">{t(`rights:org.kinds.${unit.value.kind}`)}</Badge>
              <Title order={2} size="h3" lineClamp={1}>
                {unit.value.name}
              </Title>
            </Group>
            <Text size="sm" c="dimmed">
              {parentName ? t('rights:org.under', { parent: parentName }) : t('rights:org.topLevel')}
              {unit.value.description ? ` · ${unit.value.description}` : ''}
            </Text>
          </Stack>
          <Group gap="xs" wrap="nowrap">
            <Button variant="default" size="xs" leftSection={<IconPencil size={14} aria-hidden />} onClick={onEdit}>
              {t('common:actions.edit')}
            </Button>
            <Button variant="outline" color="red" size="xs" leftSection={<IconTrash size={14} aria-hidden />} onClick={onDelete}>
              {t('common:actions.delete')}
            </Button>
          </Group>
        </Group>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (candidate) placeMember(candidate, unit.etag);
          }}
        >
          <Group align="flex-end" wrap="nowrap">
            <div style={{ flex: 1 }}>
              <PrincipalPicker
                label={t('rights:org.place')}
                description={t('rights:org.placeHint')}
                kinds={['user', 'group', 'role', 'distribution_list']}
                value={candidate}
                onChange={setCandidate}
                exclude={new Set(items.map((item) => item.id))}
                testId="org-picker"
              />
            </div>
            <Button type="submit" disabled={!candidate} loading={place.isPending}>
              {t('rights:principals.add')}
            </Button>
          </Group>
        </form>
        {place.error && !place.isPending && <ChangeError error={place.error} onClose={() => place.reset()} />}
        {remove.error && !remove.isPending && <ChangeError error={remove.error} onClose={() => remove.reset()} />}
        {members.error && <ErrorAlert error={members.error} onRetry={() => void members.refetch()} />}
        <InfiniteList<PrincipalRef>
          items={items}
          getKey={(item) => item.id}
          rowHeight={40}
          height={Math.min(420, Math.max(1, items.length) * 40 + 8)}
          label={t('rights:org.membersLabel', { name: unit.value.name })}
          empty={members.isPending ? t('common:loading') : t('rights:org.noMembers')}
          hasNextPage={members.hasNextPage}
          isFetchingNextPage={members.isFetchingNextPage}
          fetchNextPage={() => void members.fetchNextPage()}
          renderItem={(member) => (
            <Group justify="space-between" wrap="nowrap" h="100%" px="xs">
              {member.kind === 'user' ? (
                <PrincipalLabel principal={member} />
              ) : (
                <Anchor component={Link} to={`/rights/principals/${member.id}`}>
                  <PrincipalLabel principal={member} />
                </Anchor>
              )}
              <Tooltip label={t('rights:org.remove', { name: member.name })}>
                <ActionIcon variant="subtle" color="red" aria-label={t('rights:org.remove', { name: member.name })} onClick={() => removeMember(member, unit.etag)}>
                  <IconUserMinus size={16} aria-hidden />
                </ActionIcon>
              </Tooltip>
            </Group>
          )}
        />
      </Stack>
      {dialog}
    </Card>
  );
}
