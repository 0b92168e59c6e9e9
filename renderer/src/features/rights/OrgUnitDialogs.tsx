import { Button, Group, List, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionedOrgUnit } from '../../../../common/contract';
import { OrgUnitKind, type OrgUnit } from '../../../../common/portal-api/rights';
import { useCreateOrgUnit, useDeleteOrgUnit, useUpdateOrgUnit } from './api';
import { ChangeError } from './ChangeError';
import type { TreeRow } from './OrgStructureTab';
import { useRightsConflict } from './use-rights-conflict';

const TOP_LEVEL = '';

/** Creates a unit (under `parentId`) or edits `unit`: name, description and where it sits. */
export function OrgUnitFormModal({
  units,
  unit,
  parentId,
  onClose,
  onSaved,
}: {
  units: readonly TreeRow[];
  unit?: VersionedOrgUnit;
  parentId?: string | null;
  onClose(): void;
  onSaved(unit: OrgUnit): void;
}) {
  const { t } = useTranslation();
  const create = useCreateOrgUnit();
  const update = useUpdateOrgUnit();
  const mutation = unit ? update : create;
  const { offer, dialog } = useRightsConflict(mutation.isPending);
  const [kind, setKind] = useState<OrgUnitKind>(unit?.value.kind ?? 'org_unit');
  const [name, setName] = useState(unit?.value.name ?? '');
  const [description, setDescription] = useState(unit?.value.description ?? '');
  const [parent, setParent] = useState<string>(unit?.value.parentId ?? parentId ?? TOP_LEVEL);
  const nameOf = (id: string | null) => (id === null ? t('rights:org.topLevel') : (units.find((row) => row.unit.value.id === id)?.unit.value.name ?? id));
  const parentOptions = [
    { value: TOP_LEVEL, label: t('rights:org.topLevel') },
    ...units
      .filter((row) => row.unit.value.id !== unit?.value.id)
      .map((row) => ({ value: row.unit.value.id, label: `${'· '.repeat(row.depth)}${row.unit.value.name}` })),
  ];
  const comparable = (value: Pick<OrgUnit, 'name' | 'description' | 'parentId'>) => ({
    [t('rights:org.name')]: value.name,
    [t('rights:org.description')]: value.description,
    [t('rights:org.parent')]: nameOf(value.parentId),
  });

  const done = (saved: OrgUnit) => {
    notifications.show({ color: 'green', message: t('rights:org.saved', { name: saved.name }) });
    onSaved(saved);
    onClose();
  };

  const submit = (ifMatch?: string) => {
    const change = { name: name.trim(), description: description.trim(), parentId: parent === TOP_LEVEL ? null : parent };
    if (!unit) {
      create.mutate({ ...change, kind }, { onSuccess: (saved) => done(saved.value) });
      return;
    }
    update.mutate(
      { id: unit.value.id, ifMatch: ifMatch ?? unit.etag, ...change },
      {
        onSuccess: (saved) => done(saved.value),
        onError: (error) =>
          offer(error, {
            mine: comparable(change),
            theirs: (current) => comparable(current as OrgUnit),
            keepMine: (currentEtag) => submit(currentEtag),
            takeTheirs: () => onClose(),
            onShown: () => update.reset(),
          }),
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={unit ? t('rights:org.editTitle', { name: unit.value.name }) : t('rights:org.createTitle')} data-testid="org-unit-form">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim()) submit();
        }}
      >
        <Stack gap="sm">
          {!unit && (
            <Select
              label={t('rights:org.kind')}
              data={OrgUnitKind.options.map((k) => ({ value: k, label: t(`rights:org.kinds.${k}`) }))}
              value={kind}
              allowDeselect={false}
              onChange={(value) => value && setKind(OrgUnitKind.parse(value))}
            />
          )}
          <TextInput label={t('rights:org.name')} required data-autofocus value={name} maxLength={120} onChange={(e) => setName(e.currentTarget.value)} />
          <Textarea label={t('rights:org.description')} value={description} maxLength={1000} autosize minRows={2} onChange={(e) => setDescription(e.currentTarget.value)} />
          <Select label={t('rights:org.parent')} data={parentOptions} value={parent} allowDeselect={false} searchable onChange={(value) => setParent(value ?? TOP_LEVEL)} />
          {mutation.error && !mutation.isPending && <ChangeError error={mutation.error} onClose={() => mutation.reset()} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} disabled={!name.trim()}>
              {unit ? t('common:actions.save') : t('rights:org.create')}
            </Button>
          </Group>
        </Stack>
      </form>
      {dialog}
    </Modal>
  );
}

export function DeleteOrgUnitDialog({ unit, onClose, onDeleted }: { unit: VersionedOrgUnit; onClose(): void; onDeleted(): void }) {
  const { t } = useTranslation();
  const remove = useDeleteOrgUnit();
  const { offer, dialog } = useRightsConflict(remove.isPending);
  const summary = (value: OrgUnit) => ({
    [t('rights:org.name')]: value.name,
    [t('rights:org.users')]: value.userCount,
    [t('rights:org.principals')]: value.principalCount,
    [t('rights:org.children')]: value.childCount,
  });
  const confirm = (ifMatch: string) =>
    remove.mutate(
      { id: unit.value.id, ifMatch },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('rights:org.deleted', { name: unit.value.name }) });
          onDeleted();
        },
        onError: (error) =>
          offer(error, {
            mine: summary(unit.value),
            theirs: (current) => summary(current as OrgUnit),
            keepMine: (currentEtag) => confirm(currentEtag),
            takeTheirs: () => onClose(),
            onShown: () => remove.reset(),
          }),
      },
    );
  return (
    <Modal opened onClose={onClose} title={t('rights:org.deleteTitle', { name: unit.value.name })} data-testid="delete-org-unit-dialog">
      <Stack gap="sm">
        <Text size="sm">{t('rights:org.deleteIntro')}</Text>
        <List size="sm">
          <List.Item>{t('rights:org.deleteUsers', { count: unit.value.userCount })}</List.Item>
          <List.Item>{t('rights:org.deletePrincipals', { count: unit.value.principalCount })}</List.Item>
          {unit.value.childCount > 0 && <List.Item>{t('rights:org.deleteChildren', { count: unit.value.childCount })}</List.Item>}
        </List>
        {remove.error && !remove.isPending && <ChangeError error={remove.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common:actions.cancel')}
          </Button>
          <Button color="red" loading={remove.isPending} disabled={unit.value.childCount > 0} onClick={() => confirm(unit.etag)}>
            {t('common:actions.delete')}
          </Button>
        </Group>
      </Stack>
      {dialog}
    </Modal>
  );
}
