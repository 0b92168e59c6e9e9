import { Button, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationDefinition, ControlDefinition, TableView } from '../../../../../common/domain/application-definition';
import { columnType } from '../../../../../common/domain/application-records';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { columnOptions } from './control-defaults';
import { columnValue, formatValue, tableRequest, useRecordPage } from './preview-records';
import { columnCaption } from './TableViewProperties';

interface PreviewTableProps {
  control: ControlDefinition;
  table: TableView;
  definition: ApplicationDefinition;
  applicationId: string | null;
  /** The application has a published version (else the portal has no records for it). */
  published: boolean;
  /** For a table of a child group on a page showing a parent record: only that record's children. */
  parentRecordId: string | null;
  onOpen: (recordId: string, pageId: string) => void;
}

/** The records of a data group from the portal, with the designed columns, sort, filter and page size. */
export function PreviewTable({ control, table, definition, applicationId, published, parentRecordId, onOpen }: PreviewTableProps) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(0);
  const group = definition.dataGroups.find((candidate) => candidate.id === table.dataGroupId);
  const options = columnOptions(group);
  const ready = published && applicationId !== null && group !== undefined && table.dataGroupId !== null && table.columns.length > 0;
  const request = ready ? tableRequest(applicationId, { ...table, dataGroupId: group.id }, page, parentRecordId) : null;
  const records = useRecordPage(request);
  const testId = `preview-${control.id}`;

  const note = (text: string, state: string) => (
    <Stack gap={4} data-testid={testId} data-state={state}>
      {control.label && <Text fw={600}>{control.label}</Text>}
      <Text size="sm" c="dimmed">
        {text}
      </Text>
    </Stack>
  );
  if (group === undefined) return note(t('applications:preview.tableNoGroup'), 'no-group');
  if (table.columns.length === 0) return note(t('applications:preview.tableNoColumns'), 'no-columns');
  if (!published || applicationId === null) return note(t('applications:preview.neverPublished'), 'unpublished');

  const openPageId = table.openPageId !== null && definition.pages.some((candidate) => candidate.id === table.openPageId) ? table.openPageId : null;
  const open = (recordId: string) => openPageId && onOpen(recordId, openPageId);
  const onRowKey = (event: KeyboardEvent, recordId: string) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      open(recordId);
    }
  };
  const data = records.data;
  const state = records.isError ? 'error' : records.isPending ? 'loading' : data && data.items.length === 0 ? 'empty' : 'ready';
  const caption = (column: string) => columnCaption(options.find((option) => option.value === column), column, t);
  const firstColumn = table.columns[0] ?? '';

  return (
    <Stack gap={4} data-testid={testId} data-state={state}>
      {control.label && <Text fw={600}>{control.label}</Text>}
      {table.filter && (
        <Text size="xs" c="dimmed" data-testid={`${testId}-filter`}>
          {t('applications:preview.filtered', {
            column: caption(table.filter.column),
            operator: t(`applications:properties.operator_${table.filter.operator}`),
            value: table.filter.operator === 'isEmpty' || table.filter.operator === 'isNotEmpty' ? '' : table.filter.value,
          })}
        </Text>
      )}
      {records.isError && <ErrorAlert error={records.error} onRetry={() => void records.refetch()} />}
      <Table highlightOnHover={openPageId !== null} withTableBorder striped fz="sm">
        <Table.Thead>
          <Table.Tr>
            {table.columns.map((column) => {
              const sorted = table.sort?.column === column ? table.sort.direction : null;
              return (
                <Table.Th key={column} aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}>
                  {caption(column)}
                  {sorted && <span aria-hidden>{sorted === 'asc' ? ' ▲' : ' ▼'}</span>}
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {records.isPending && (
            <Table.Tr>
              <Table.Td colSpan={table.columns.length}>
                <Group gap="xs">
                  <Loader size="xs" />
                  <Text size="sm" c="dimmed">
                    {t('applications:preview.loading')}
                  </Text>
                </Group>
              </Table.Td>
            </Table.Tr>
          )}
          {data && data.items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={table.columns.length}>
                <Text size="sm" c="dimmed">
                  {t('applications:preview.noRecords')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {data?.items.map((record) => {
            const name = formatValue(columnValue(record, firstColumn), columnType(group, firstColumn), group, firstColumn, t, i18n.language) || record.id;
            return (
              <Table.Tr
                key={record.id}
                tabIndex={openPageId ? 0 : undefined}
                onClick={() => open(record.id)}
                onKeyDown={(event) => onRowKey(event, record.id)}
                aria-label={openPageId ? t('applications:preview.openRow', { name }) : undefined}
                style={openPageId ? { cursor: 'pointer' } : undefined}
                className={openPageId ? 'mantine-focus-auto' : undefined}
                data-testid={`preview-row-${record.id}`}
              >
                {table.columns.map((column) => (
                  <Table.Td key={column}>{formatValue(columnValue(record, column), columnType(group, column), group, column, t, i18n.language)}</Table.Td>
                ))}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {data && data.total > 0 && (
        <Group gap="xs" justify="flex-end">
          <Text size="xs" c="dimmed" data-testid={`${testId}-range`}>
            {t('applications:preview.range', { from: data.offset + 1, to: data.offset + data.items.length, total: data.total })}
          </Text>
          <Button size="compact-xs" variant="default" disabled={page === 0} onClick={() => setPage(page - 1)} aria-label={t('applications:preview.previous')} data-testid={`${testId}-previous`}>
            <IconChevronLeft size={14} aria-hidden />
          </Button>
          <Button
            size="compact-xs"
            variant="default"
            disabled={data.offset + data.items.length >= data.total}
            onClick={() => setPage(page + 1)}
            aria-label={t('applications:preview.next')}
            data-testid={`${testId}-next`}
          >
            <IconChevronRight size={14} aria-hidden />
          </Button>
        </Group>
      )}
    </Stack>
  );
}
