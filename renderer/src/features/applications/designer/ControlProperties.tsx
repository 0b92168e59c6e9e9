import { ActionIcon, Button, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  compatibleFieldTypes,
  GRID_COLUMNS,
  GRID_MAX_ROWS,
  isBindable,
  type ApplicationDefinition,
  type ControlDefinition,
  type DataGroupDefinition,
  type PageDefinition,
} from '../../../../../common/domain/application-definition';
import { ButtonActionProperties } from './ButtonActionProperties';
import { moveItem } from './ChoicesEditor';
import { actionOf, tableOf } from './control-defaults';
import { resizeControl } from './control-ops';
import { moveControl, removeControl, updateControl } from './definition-ops';
import { useDesignerStore } from './designer-store';
import { TableViewProperties } from './TableViewProperties';

type ControlPatch = Partial<Omit<ControlDefinition, 'id' | 'kind'>>;

const CAPTION_KEY: Partial<Record<ControlDefinition['kind'], string>> = {
  label: 'applications:properties.text',
  link: 'applications:properties.linkText',
  section: 'applications:properties.title',
  groupbox: 'applications:properties.title',
  tabs: 'applications:properties.title',
};

/** Everything a control of its kind has: caption, bound field, address, tabs, table, action, container, size. */
export function ControlProperties({ definition, pageId, controlId }: { definition: ApplicationDefinition; pageId: string; controlId: string }) {
  const { t } = useTranslation();
  const edit = useDesignerStore((state) => state.edit);
  const page = definition.pages.find((candidate) => candidate.id === pageId);
  const control = page?.controls.find((candidate) => candidate.id === controlId);
  if (!page || !control) return null;
  const change = (patch: ControlPatch) => edit((d) => updateControl(d, pageId, controlId, patch));
  const group = definition.dataGroups.find((candidate) => candidate.id === page.dataGroupId);
  return (
    <Stack gap="xs" data-testid="control-properties" data-kind={control.kind}>
      <Text size="sm">
        {t('applications:properties.kind')}: <strong>{t(`applications:kinds.${control.kind}`)}</strong>
      </Text>
      <TextInput label={t(CAPTION_KEY[control.kind] ?? 'applications:properties.label')} value={control.label} onChange={(e) => change({ label: e.currentTarget.value })} data-testid="prop-label" />
      {isBindable(control.kind) && <BindingSelect control={control} group={group} onChange={(fieldId) => change({ fieldId })} />}
      {(control.kind === 'image' || control.kind === 'link') && (
        <TextInput
          label={t(control.kind === 'image' ? 'applications:properties.imageUrl' : 'applications:properties.linkUrl')}
          placeholder="https://"
          value={control.url}
          onChange={(e) => change({ url: e.currentTarget.value })}
          error={control.url !== '' && !isWebAddress(control.url) ? t('applications:properties.urlInvalid') : undefined}
          data-testid="prop-url"
        />
      )}
      {control.kind === 'tabs' && <TabTitles tabs={control.tabs} onChange={(tabs) => change({ tabs })} />}
      {control.kind === 'table' && <TableViewProperties definition={definition} table={tableOf(control, group)} onChange={(table) => change({ table })} />}
      {control.kind === 'button' && <ButtonActionProperties definition={definition} action={actionOf(control)} onChange={(action) => change({ action })} />}
      <TabSelect page={page} control={control} onChange={change} />
      <Geometry pageId={pageId} control={control} />
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

export function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Only fields whose type the control can show are offered; re-picking the shown field keeps it. */
function BindingSelect({ control, group, onChange }: { control: ControlDefinition; group: DataGroupDefinition | undefined; onChange: (fieldId: string | null) => void }) {
  const { t } = useTranslation();
  const fits = compatibleFieldTypes[control.kind];
  const options = (group?.fields ?? [])
    .filter((field) => fits.includes(field.type))
    .map((field) => ({ value: field.id, label: `${field.name || '…'} (${t(`applications:types.${field.type}`)})` }));
  const known = options.some((option) => option.value === control.fieldId);
  const description = group
    ? options.length === 0
      ? t('applications:properties.noFittingField', { types: fits.map((type) => t(`applications:types.${type}`)).join(', ') })
      : t('applications:properties.fieldHint', { types: fits.map((type) => t(`applications:types.${type}`)).join(', ') })
    : t('applications:properties.noDataGroup');
  return (
    <Select
      label={t('applications:properties.field')}
      description={description}
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

function TabTitles({ tabs, onChange }: { tabs: readonly string[]; onChange: (tabs: string[]) => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} role="group" aria-label={t('applications:properties.tabs')} data-testid="prop-tabs">
      <Text size="sm" fw={500}>
        {t('applications:properties.tabs')}
      </Text>
      {tabs.map((title, index) => (
        <Group key={index} gap={4} wrap="nowrap">
          <TextInput
            size="xs"
            style={{ flex: 1 }}
            aria-label={t('applications:properties.tabTitleN', { n: index + 1 })}
            value={title}
            onChange={(e) => onChange(tabs.map((old, i) => (i === index ? e.currentTarget.value : old)))}
            data-testid={`prop-tab-${index}`}
          />
          <ActionIcon variant="subtle" size="sm" disabled={index === 0} onClick={() => onChange(moveItem(tabs, index, index - 1))} aria-label={t('applications:properties.moveUpN', { n: index + 1 })}>
            <IconArrowUp size={14} />
          </ActionIcon>
          <ActionIcon variant="subtle" size="sm" disabled={index === tabs.length - 1} onClick={() => onChange(moveItem(tabs, index, index + 1))} aria-label={t('applications:properties.moveDownN', { n: index + 1 })}>
            <IconArrowDown size={14} />
          </ActionIcon>
          <ActionIcon variant="subtle" color="red" size="sm" onClick={() => onChange(tabs.filter((_tab, i) => i !== index))} aria-label={t('applications:properties.removeTabN', { n: index + 1 })} data-testid={`prop-tab-remove-${index}`}>
            <IconTrash size={14} />
          </ActionIcon>
        </Group>
      ))}
      <Button
        size="xs"
        variant="light"
        leftSection={<IconPlus size={14} aria-hidden />}
        disabled={tabs.length >= 20}
        onClick={() => onChange([...tabs, t('applications:properties.tabDefault', { n: tabs.length + 1 })])}
        data-testid="prop-tab-add"
      >
        {t('applications:properties.addTab')}
      </Button>
    </Stack>
  );
}

/** A control inside a tab set chooses its tab here; which container it sits in follows from where it is placed. */
function TabSelect({ page, control, onChange }: { page: PageDefinition; control: ControlDefinition; onChange: (patch: ControlPatch) => void }) {
  const { t } = useTranslation();
  const container = page.controls.find((candidate) => candidate.id === control.containerId);
  if (container?.kind !== 'tabs' || container.tabs.length === 0) return null;
  return (
    <Select
      label={t('applications:properties.tab')}
      description={t('applications:properties.tabHint', { name: container.label })}
      data={container.tabs.map((title, index) => ({ value: String(index), label: title || String(index + 1) }))}
      value={String(control.tab)}
      onChange={(value) => value !== null && onChange({ tab: Number(value) })}
      allowDeselect={false}
      data-testid="prop-tab"
    />
  );
}

function Geometry({ pageId, control }: { pageId: string; control: ControlDefinition }) {
  const { t } = useTranslation();
  const edit = useDesignerStore((state) => state.edit);
  const resize = (w: number, h: number) => edit((d) => resizeControl(d, pageId, control.id, w, h));
  return (
    <SimpleGrid cols={2} spacing="xs" verticalSpacing={4}>
      <NumberInput
        label={t('applications:properties.column')}
        min={1}
        max={GRID_COLUMNS}
        allowDecimal={false}
        value={control.x + 1}
        onChange={(value) => typeof value === 'number' && edit((d) => moveControl(d, pageId, control.id, value - 1, control.y))}
        data-testid="prop-x"
      />
      <NumberInput
        label={t('applications:properties.row')}
        min={1}
        allowDecimal={false}
        value={control.y + 1}
        onChange={(value) => typeof value === 'number' && edit((d) => moveControl(d, pageId, control.id, control.x, value - 1))}
        data-testid="prop-y"
      />
      <NumberInput
        label={t('applications:properties.width')}
        min={1}
        max={GRID_COLUMNS}
        allowDecimal={false}
        value={control.w}
        onChange={(value) => typeof value === 'number' && resize(value, control.h)}
        data-testid="prop-w"
      />
      <NumberInput
        label={t('applications:properties.height')}
        min={1}
        max={GRID_MAX_ROWS}
        allowDecimal={false}
        value={control.h}
        onChange={(value) => typeof value === 'number' && resize(control.w, value)}
        data-testid="prop-h"
      />
    </SimpleGrid>
  );
}
