import { ActionIcon, Group, NumberInput, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { filterOperators, type ApplicationDefinition, type FilterOperator, type TableView } from '../../../../../common/domain/application-definition';
import { moveItem } from './ChoicesEditor';
import { columnOptions, type ColumnOption } from './control-defaults';

/** The portal answers at most 200 records at once. */
export const PAGE_SIZE_MAX = 200;

/** A column's caption: the field's name, or the translated name of a system field. */
export function columnCaption(option: ColumnOption | undefined, column: string, t: TFunction): string {
  if (option === undefined) return t('applications:properties.missingColumn', { column });
  return option.system ? t(`applications:properties.system_${option.value}`) : option.name || '…';
}

/** Which data group a table lists, its ordered columns, sort, filter, page size and the page a row opens. */
export function TableViewProperties({ definition, table, onChange }: { definition: ApplicationDefinition; table: TableView; onChange: (table: TableView) => void }) {
  const { t } = useTranslation();
  const group = definition.dataGroups.find((candidate) => candidate.id === table.dataGroupId);
  const options = columnOptions(group);
  const optionOf = (column: string) => options.find((option) => option.value === column);
  const set = (patch: Partial<TableView>) => onChange({ ...table, ...patch });
  const remaining = options.filter((option) => !table.columns.includes(option.value));
  const columnData = options.map((option) => ({ value: option.value, label: columnCaption(option, option.value, t) }));
  const sortKnown = table.sort !== null && optionOf(table.sort.column) !== undefined;
  const filterKnown = table.filter !== null && optionOf(table.filter.column) !== undefined;
  const noValue = table.filter?.operator === 'isEmpty' || table.filter?.operator === 'isNotEmpty';
  return (
    <Stack gap="xs" data-testid="table-properties">
      <Select
        label={t('applications:properties.tableDataGroup')}
        data={definition.dataGroups.map((candidate) => ({ value: candidate.id, label: candidate.name || '…' }))}
        value={group ? group.id : null}
        placeholder={table.dataGroupId !== null ? t('applications:properties.missingGroup') : t('applications:properties.chooseGroup')}
        // Columns, sort and filter name fields of the old group: a new group starts over.
        onChange={(dataGroupId) => dataGroupId !== table.dataGroupId && set({ dataGroupId, columns: [], sort: null, filter: null })}
        allowDeselect={false}
        data-testid="prop-table-group"
      />
      <Stack gap={2} role="group" aria-label={t('applications:properties.columns')} data-testid="table-columns">
        <Text size="sm" fw={500}>
          {t('applications:properties.columns')}
        </Text>
        {table.columns.length === 0 && (
          <Text size="xs" c="dimmed">
            {t('applications:properties.noColumns')}
          </Text>
        )}
        {table.columns.map((column, index) => {
          const caption = columnCaption(optionOf(column), column, t);
          return (
            <Group key={column} gap={4} wrap="nowrap" data-testid={`table-column-${index}`} data-column={column}>
              <Text size="sm" style={{ flex: 1 }} truncate c={optionOf(column) ? undefined : 'red'}>
                {index + 1}. {caption}
              </Text>
              <ActionIcon variant="subtle" size="sm" disabled={index === 0} onClick={() => set({ columns: moveItem(table.columns, index, index - 1) })} aria-label={t('applications:properties.columnUp', { name: caption })} data-testid={`table-column-up-${index}`}>
                <IconArrowUp size={14} />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                size="sm"
                disabled={index === table.columns.length - 1}
                onClick={() => set({ columns: moveItem(table.columns, index, index + 1) })}
                aria-label={t('applications:properties.columnDown', { name: caption })}
                data-testid={`table-column-down-${index}`}
              >
                <IconArrowDown size={14} />
              </ActionIcon>
              <ActionIcon variant="subtle" color="red" size="sm" onClick={() => set({ columns: table.columns.filter((_c, i) => i !== index) })} aria-label={t('applications:properties.columnRemove', { name: caption })} data-testid={`table-column-remove-${index}`}>
                <IconTrash size={14} />
              </ActionIcon>
            </Group>
          );
        })}
        <Select
          size="xs"
          aria-label={t('applications:properties.addColumn')}
          placeholder={t('applications:properties.addColumn')}
          data={remaining.map((option) => ({ value: option.value, label: columnCaption(option, option.value, t) }))}
          value={null}
          onChange={(column) => column && table.columns.length < 50 && set({ columns: [...table.columns, column] })}
          disabled={remaining.length === 0}
          data-testid="table-add-column"
        />
      </Stack>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <Select
          style={{ flex: 1 }}
          label={t('applications:properties.sortColumn')}
          data={columnData}
          value={sortKnown ? (table.sort?.column ?? null) : null}
          placeholder={t('applications:properties.unsorted')}
          onChange={(column) => set({ sort: column === null ? null : { column, direction: table.sort?.direction ?? 'asc' } })}
          clearable
          allowDeselect={false}
          data-testid="prop-sort-column"
        />
        <SegmentedControl
          size="xs"
          disabled={table.sort === null}
          value={table.sort?.direction ?? 'asc'}
          onChange={(direction) => table.sort && set({ sort: { ...table.sort, direction: direction as 'asc' | 'desc' } })}
          data={[
            { value: 'asc', label: t('applications:properties.ascending') },
            { value: 'desc', label: t('applications:properties.descending') },
          ]}
          aria-label={t('applications:properties.sortDirection')}
          data-testid="prop-sort-direction"
        />
      </Group>
      <Select
        label={t('applications:properties.filterColumn')}
        data={columnData}
        value={filterKnown ? (table.filter?.column ?? null) : null}
        placeholder={t('applications:properties.unfiltered')}
        onChange={(column) => set({ filter: column === null ? null : { column, operator: table.filter?.operator ?? 'equals', value: table.filter?.value ?? '' } })}
        clearable
        allowDeselect={false}
        data-testid="prop-filter-column"
      />
      {table.filter !== null && (
        <Group gap="xs" grow align="flex-start">
          <Select
            label={t('applications:properties.filterOperator')}
            data={filterOperators.map((operator) => ({ value: operator, label: t(`applications:properties.operator_${operator}`) }))}
            value={table.filter.operator}
            onChange={(operator) => operator && table.filter && set({ filter: { ...table.filter, operator: operator as FilterOperator } })}
            allowDeselect={false}
            data-testid="prop-filter-operator"
          />
          {!noValue && (
            <TextInput
              label={t('applications:properties.filterValue')}
              value={table.filter.value}
              onChange={(e) => table.filter && set({ filter: { ...table.filter, value: e.currentTarget.value } })}
              data-testid="prop-filter-value"
            />
          )}
        </Group>
      )}
      <NumberInput
        label={t('applications:properties.pageSize')}
        min={1}
        max={PAGE_SIZE_MAX}
        allowDecimal={false}
        allowNegative={false}
        clampBehavior="strict"
        value={table.pageSize}
        onChange={(value) => typeof value === 'number' && value >= 1 && set({ pageSize: value })}
        data-testid="prop-page-size"
      />
      <Select
        label={t('applications:properties.openPage')}
        description={t('applications:properties.openPageHint')}
        data={definition.pages.map((page) => ({ value: page.id, label: page.title || '…' }))}
        value={definition.pages.some((page) => page.id === table.openPageId) ? table.openPageId : null}
        placeholder={t('applications:properties.noOpenPage')}
        onChange={(openPageId) => set({ openPageId })}
        clearable
        allowDeselect={false}
        data-testid="prop-open-page"
      />
    </Stack>
  );
}
