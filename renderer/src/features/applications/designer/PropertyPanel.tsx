import { Button, Divider, NumberInput, Select, Stack, Switch, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  compatibleFieldTypes,
  fieldTypes,
  GRID_COLUMNS,
  isBindable,
  type ApplicationDefinition,
  type ControlDefinition,
  type DataGroupDefinition,
  type FieldDefinition,
  type PageDefinition,
} from '../../../../../common/domain/application-definition';
import { ConfirmButton } from './ConfirmButton';
import {
  addField,
  controlsBoundTo,
  moveControl,
  removeControl,
  removeDataGroup,
  removeField,
  removePage,
  updateControl,
  updateDataGroup,
  updateField,
  updatePage,
} from './definition-ops';
import { useDesignerStore, type Selection } from './designer-store';
import { IssueList } from './IssuesPanel';
import type { DefinitionIssue } from '../../../../../common/domain/application-definition';

/** Properties of what is selected (the active page when nothing is). */
export function PropertyPanel({ definition, issues }: { definition: ApplicationDefinition; issues: readonly DefinitionIssue[] }) {
  const { t } = useTranslation();
  const selection = useDesignerStore((state) => state.selection);
  const activePageId = useDesignerStore((state) => state.activePageId);
  const target: Selection | null = selection ?? (activePageId ? { kind: 'page', id: activePageId } : null);
  const own = issues.filter((issue) => target !== null && issue.target.kind === target.kind && issue.target.id === target.id);
  return (
    <Stack gap="sm" data-testid="property-panel" component="section" aria-label={t('applications:properties.heading')}>
      <Title order={2} size="h5">
        {t('applications:properties.heading')}
      </Title>
      {target === null && <Text c="dimmed" size="sm">{t('applications:properties.nothing')}</Text>}
      {target?.kind === 'control' && <ControlProperties definition={definition} pageId={target.pageId} controlId={target.id} />}
      {target?.kind === 'field' && <FieldProperties definition={definition} dataGroupId={target.dataGroupId} fieldId={target.id} />}
      {target?.kind === 'dataGroup' && <DataGroupProperties definition={definition} dataGroupId={target.id} />}
      {target?.kind === 'page' && <PageProperties definition={definition} pageId={target.id} />}
      {own.length > 0 && (
        <>
          <Divider />
          <IssueList issues={own} />
        </>
      )}
    </Stack>
  );
}

function ControlProperties({ definition, pageId, controlId }: { definition: ApplicationDefinition; pageId: string; controlId: string }) {
  const { t } = useTranslation();
  const edit = useDesignerStore((state) => state.edit);
  const page = definition.pages.find((candidate) => candidate.id === pageId);
  const control = page?.controls.find((candidate) => candidate.id === controlId);
  if (!page || !control) return null;
  const change = (patch: Partial<Omit<ControlDefinition, 'id' | 'kind'>>) => edit((d) => updateControl(d, pageId, controlId, patch));
  const group = definition.dataGroups.find((candidate) => candidate.id === page.dataGroupId);
  return (
    <Stack gap="xs">
      <Text size="sm">
        {t('applications:properties.kind')}: <strong>{t(`applications:kinds.${control.kind}`)}</strong>
      </Text>
      <TextInput label={t('applications:properties.label')} value={control.label} onChange={(e) => change({ label: e.currentTarget.value })} data-testid="prop-label" />
      {isBindable(control.kind) && <BindingSelect control={control} group={group} onChange={(fieldId) => change({ fieldId })} />}
      <Stack gap={4}>
        <NumberInput
          label={t('applications:properties.column')}
          min={1}
          max={GRID_COLUMNS}
          value={control.x + 1}
          onChange={(value) => typeof value === 'number' && edit((d) => moveControl(d, pageId, controlId, value - 1, control.y))}
          data-testid="prop-x"
        />
        <NumberInput
          label={t('applications:properties.row')}
          min={1}
          value={control.y + 1}
          onChange={(value) => typeof value === 'number' && edit((d) => moveControl(d, pageId, controlId, control.x, value - 1))}
          data-testid="prop-y"
        />
        <NumberInput
          label={t('applications:properties.width')}
          min={1}
          max={GRID_COLUMNS}
          value={control.w}
          onChange={(value) => typeof value === 'number' && change({ w: value })}
          data-testid="prop-w"
        />
      </Stack>
      <Button
        color="red"
        variant="subtle"
        leftSection={<IconTrash size={14} aria-hidden />}
        onClick={() => edit((d) => removeControl(d, pageId, controlId), null)}
        data-testid="remove-control"
      >
        {t('applications:properties.removeControl')}
      </Button>
    </Stack>
  );
}

function BindingSelect({ control, group, onChange }: { control: ControlDefinition; group: DataGroupDefinition | undefined; onChange: (fieldId: string | null) => void }) {
  const { t } = useTranslation();
  const fits = compatibleFieldTypes[control.kind];
  const options = (group?.fields ?? []).map((field) => ({
    value: field.id,
    label: `${field.name || '…'} (${t(`applications:types.${field.type}`)})`,
    disabled: !fits.includes(field.type),
  }));
  const known = options.some((option) => option.value === control.fieldId);
  return (
    <Select
      label={t('applications:properties.field')}
      description={group ? t('applications:properties.fieldHint', { types: fits.map((type) => t(`applications:types.${type}`)).join(', ') }) : t('applications:properties.noDataGroup')}
      data={options}
      value={known ? control.fieldId : null}
      placeholder={control.fieldId !== null && !known ? t('applications:canvas.missingField') : t('applications:properties.unbound')}
      onChange={onChange}
      clearable
      allowDeselect={false}
      data-testid="prop-field"
    />
  );
}

function FieldProperties({ definition, dataGroupId, fieldId }: { definition: ApplicationDefinition; dataGroupId: string; fieldId: string }) {
  const { t } = useTranslation();
  const edit = useDesignerStore((state) => state.edit);
  const field = definition.dataGroups.find((group) => group.id === dataGroupId)?.fields.find((candidate) => candidate.id === fieldId);
  if (!field) return null;
  const change = (patch: Partial<Omit<FieldDefinition, 'id'>>) => edit((d) => updateField(d, dataGroupId, fieldId, patch));
  const bound = controlsBoundTo(definition, fieldId);
  return (
    <Stack gap="xs">
      <TextInput label={t('applications:properties.fieldName')} value={field.name} onChange={(e) => change({ name: e.currentTarget.value })} data-testid="prop-field-name" />
      <Select
        label={t('applications:properties.type')}
        data={fieldTypes.map((type) => ({ value: type, label: t(`applications:types.${type}`) }))}
        value={field.type}
        onChange={(value) => value && change({ type: value as FieldDefinition['type'] })}
        allowDeselect={false}
        data-testid="prop-field-type"
      />
      <Switch label={t('applications:properties.required')} checked={field.required} onChange={(e) => change({ required: e.currentTarget.checked })} />
      {field.type === 'text' && (
        <NumberInput
          label={t('applications:properties.maxLength')}
          description={t('applications:properties.maxLengthHint')}
          min={1}
          value={field.maxLength ?? ''}
          onChange={(value) => change({ maxLength: typeof value === 'number' ? value : null })}
        />
      )}
      {field.type === 'choice' && (
        <TagsInput label={t('applications:properties.choices')} description={t('applications:properties.choicesHint')} value={field.choices.map((choice) => choice.value)} onChange={(values) => change({ choices: values.map((value) => ({ value, label: field.choices.find((choice) => choice.value === value)?.label ?? value })) })} />
      )}
      <ConfirmButton
        variant="subtle"
        leftSection={<IconTrash size={14} aria-hidden />}
        title={t('applications:properties.removeFieldTitle', { name: field.name })}
        message={bound > 0 ? t('applications:properties.removeFieldBound', { count: bound }) : t('applications:properties.removeFieldMessage')}
        confirmLabel={t('common:actions.delete')}
        onConfirm={() => edit((d) => removeField(d, dataGroupId, fieldId), null)}
      >
        {t('applications:properties.removeField')}
      </ConfirmButton>
    </Stack>
  );
}

function DataGroupProperties({ definition, dataGroupId }: { definition: ApplicationDefinition; dataGroupId: string }) {
  const { t } = useTranslation();
  const edit = useDesignerStore((state) => state.edit);
  const group = definition.dataGroups.find((candidate) => candidate.id === dataGroupId);
  if (!group) return null;
  const addNewField = () => {
    let created = '';
    edit((d) => {
      const result = addField(d, dataGroupId, t('applications:defaults.field'));
      created = result.id;
      return result.definition;
    });
    useDesignerStore.getState().select({ kind: 'field', id: created, dataGroupId });
  };
  return (
    <Stack gap="xs">
      <TextInput label={t('applications:properties.dataGroupName')} value={group.name} onChange={(e) => edit((d) => updateDataGroup(d, dataGroupId, { name: e.currentTarget.value }))} data-testid="prop-group-name" />
      <TextInput
        label={t('applications:properties.tableName')}
        description={t('applications:properties.tableNameHint')}
        value={group.tableName}
        onChange={(e) => edit((d) => updateDataGroup(d, dataGroupId, { tableName: e.currentTarget.value }))}
        ff="monospace"
        data-testid="prop-table-name"
      />
      <Button variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={addNewField}>
        {t('applications:tree.addField')}
      </Button>
      <ConfirmButton
        variant="subtle"
        leftSection={<IconTrash size={14} aria-hidden />}
        title={t('applications:properties.removeDataGroupTitle', { name: group.name })}
        message={t('applications:properties.removeDataGroupMessage', { count: group.fields.length })}
        confirmLabel={t('common:actions.delete')}
        onConfirm={() => edit((d) => removeDataGroup(d, dataGroupId), null)}
      >
        {t('applications:properties.removeDataGroup')}
      </ConfirmButton>
    </Stack>
  );
}

function PageProperties({ definition, pageId }: { definition: ApplicationDefinition; pageId: string }) {
  const { t } = useTranslation();
  const edit = useDesignerStore((state) => state.edit);
  const page: PageDefinition | undefined = definition.pages.find((candidate) => candidate.id === pageId);
  if (!page) return null;
  return (
    <Stack gap="xs">
      <TextInput label={t('applications:properties.pageTitle')} value={page.title} onChange={(e) => edit((d) => updatePage(d, pageId, { title: e.currentTarget.value }))} data-testid="prop-page-title" />
      <Select
        label={t('applications:properties.pageDataGroup')}
        description={t('applications:properties.pageDataGroupHint')}
        data={definition.dataGroups.map((group) => ({ value: group.id, label: group.name || '…' }))}
        value={page.dataGroupId}
        onChange={(dataGroupId) => edit((d) => updatePage(d, pageId, { dataGroupId }))}
        clearable
        allowDeselect={false}
        data-testid="prop-page-group"
      />
      <ConfirmButton
        variant="subtle"
        leftSection={<IconTrash size={14} aria-hidden />}
        title={t('applications:properties.removePageTitle', { title: page.title })}
        message={t('applications:properties.removePageMessage', { count: page.controls.length })}
        confirmLabel={t('common:actions.delete')}
        onConfirm={() => edit((d) => removePage(d, pageId), null)}
      >
        {t('applications:properties.removePage')}
      </ConfirmButton>
    </Stack>
  );
}
