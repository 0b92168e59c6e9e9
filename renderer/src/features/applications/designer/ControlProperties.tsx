import { ActionIcon, Button, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { memo, useMemo, type ReactNode } from 'react';
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
export function ControlProperties({ definition, pageId, controlId, geometry }: {
  definition: ApplicationDefinition;
  pageId: string;
  controlId: string;
  /** Shown instead of the size and position read from `definition` (the property panel passes a live one). */
  geometry?: ReactNode;
}) {
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
      {geometry ?? <Geometry pageId={pageId} control={control} />}
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

/**
 * Column, row, width and height. Each input is memoized on its value and its change reads the other values
 * from the definition being edited, so moving the control one row down re-renders only the row input.
 */
export const Geometry = memo(function Geometry({ pageId, control }: { pageId: string; control: ControlDefinition }) {
  const { t } = useTranslation();
  const edit = useDesignerStore((state) => state.edit);
  const id = control.id;
  const setters = useMemo(() => {
    const withControl = (apply: (d: ApplicationDefinition, current: ControlDefinition, value: number) => ApplicationDefinition) => (value: number) =>
      edit((d) => {
        const current = d.pages.find((page) => page.id === pageId)?.controls.find((candidate) => candidate.id === id);
        return current ? apply(d, current, value) : d;
      });
    return {
      x: withControl((d, current, value) => moveControl(d, pageId, id, value - 1, current.y)),
      y: withControl((d, current, value) => moveControl(d, pageId, id, current.x, value - 1)),
      w: withControl((d, current, value) => resizeControl(d, pageId, id, value, current.h)),
      h: withControl((d, current, value) => resizeControl(d, pageId, id, current.w, value)),
    };
  }, [edit, pageId, id]);
  return (
    <SimpleGrid cols={2} spacing="xs" verticalSpacing={4}>
      <GeometryInput label={t('applications:properties.column')} max={GRID_COLUMNS} value={control.x + 1} onNumber={setters.x} testId="prop-x" />
      <GeometryInput label={t('applications:properties.row')} value={control.y + 1} onNumber={setters.y} testId="prop-y" />
      <GeometryInput label={t('applications:properties.width')} max={GRID_COLUMNS} value={control.w} onNumber={setters.w} testId="prop-w" />
      <GeometryInput label={t('applications:properties.height')} max={GRID_MAX_ROWS} value={control.h} onNumber={setters.h} testId="prop-h" />
    </SimpleGrid>
  );
});

const GeometryInput = memo(function GeometryInput({ label, max, value, onNumber, testId }: { label: string; max?: number; value: number; onNumber: (value: number) => void; testId: string }) {
  return (
    <NumberInput
      label={label}
      min={1}
      max={max}
      allowDecimal={false}
      value={value}
      onChange={(next) => typeof next === 'number' && onNumber(next)}
      data-testid={testId}
    />
  );
});
