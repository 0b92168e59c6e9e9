import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { CreateRecordRequest, DeleteRecordRequest, RecordsRequest, UpdateRecordRequest } from '../../../../../common/contract';
import type { DataGroupDefinition, FieldType, TableView } from '../../../../../common/domain/application-definition';
import { recordValueIssueCodes, type RecordValue, type RecordValueIssue } from '../../../../../common/domain/application-records';
import type { ApplicationRecord } from '../../../../../common/portal-api/designer';
import { callConsole } from '../../../lib/console-client';
import { toConsoleError } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { applicationsKeys } from '../api';

/** The portal answers at most this many records at once. */
export const RECORDS_LIMIT = 200;

export const recordsKeys = {
  all: (applicationId: string) => [...applicationsKeys.all, 'records', applicationId] as const,
  list: (request: RecordsRequest) => [...applicationsKeys.all, 'records', request.applicationId, 'list', request] as const,
  one: (applicationId: string, recordId: string) => [...applicationsKeys.all, 'records', applicationId, 'one', recordId] as const,
};

/** The request for one page of a table view, as designed: sort, filter, page size; children of one parent record. */
export function tableRequest(applicationId: string, table: TableView & { dataGroupId: string }, page: number, parentRecordId: string | null): RecordsRequest {
  const limit = Math.min(RECORDS_LIMIT, Math.max(1, table.pageSize));
  const filter = table.filter;
  const valueless = filter?.operator === 'isEmpty' || filter?.operator === 'isNotEmpty';
  return {
    applicationId,
    dataGroupId: table.dataGroupId,
    offset: page * limit,
    limit,
    ...(table.sort ? { sort: table.sort.column, direction: table.sort.direction } : {}),
    ...(filter ? { filterColumn: filter.column, filterOperator: filter.operator, ...(valueless ? {} : { filterValue: filter.value }) } : {}),
    ...(parentRecordId ? { parentRecordId } : {}),
  };
}

export function useRecordPage(request: RecordsRequest | null) {
  return useQuery({
    queryKey: request ? recordsKeys.list(request) : ['applications', 'records', 'none'],
    queryFn: () => callConsole('applications:records', request!),
    enabled: request !== null,
    placeholderData: keepPreviousData,
  });
}

export function useRecord(applicationId: string | null, recordId: string | null) {
  return useQuery({
    queryKey: recordsKeys.one(applicationId ?? '', recordId ?? ''),
    queryFn: () => callConsole('applications:record', { applicationId: applicationId!, recordId: recordId! }),
    enabled: applicationId !== null && recordId !== null,
    staleTime: 0,
  });
}

export function useRecordMutations(applicationId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: recordsKeys.all(applicationId) });
  return {
    create: useMutation({ mutationFn: (request: CreateRecordRequest) => callConsole('applications:createRecord', request), onSettled: refresh }),
    update: useMutation({ mutationFn: (request: UpdateRecordRequest) => callConsole('applications:updateRecord', request), onSettled: refresh }),
    remove: useMutation({ mutationFn: (request: DeleteRecordRequest) => callConsole('applications:deleteRecord', request), onSettled: refresh }),
  };
}

/** The value of a column of a record: a field's value or a system field. */
export function columnValue(record: ApplicationRecord, column: string): RecordValue {
  switch (column) {
    case 'id':
      return record.id;
    case 'created':
      return record.created;
    case 'changed':
      return record.changed;
    case 'owner':
      return record.owner;
    default:
      return record.values[column] ?? null;
  }
}

/** A value as a table cell shows it: yes/no, a choice's label, a date-time in local time. */
export function formatValue(value: RecordValue, type: FieldType | undefined, group: DataGroupDefinition | undefined, column: string, t: TFunction, language: string): string {
  if (value === null || value === '') return '';
  if (typeof value === 'boolean') return t(value ? 'applications:preview.yes' : 'applications:preview.no');
  if (type === 'dateTime' && typeof value === 'string') return formatDateTime(value, language);
  if (type === 'choice') {
    const choice = group?.fields.find((field) => field.id === column)?.choices.find((candidate) => candidate.value === value);
    return choice ? choice.label || choice.value : String(value);
  }
  if (typeof value === 'number') return value.toLocaleString(language);
  return value;
}

export type FieldErrors = Record<string, string>;

const PARAMETRIC = new Set(['too_short', 'too_long', 'below_min', 'above_max', 'too_many_decimals', 'pattern_mismatch']);

/** The translated message of a value problem, by its code. */
export function issueMessage(issue: Pick<RecordValueIssue, 'code' | 'params'>, t: TFunction): string {
  return t(`applications:preview.issue_${issue.code}`, issue.params);
}

/**
 * The field errors of a portal VALIDATION answer (`details.errors: [{ path: 'values.<fieldId>', message: '<code>: <text>' }]`),
 * translated when the code is known; null when the error is not one of these.
 */
export function serverFieldErrors(error: unknown, t: TFunction): FieldErrors | null {
  const consoleError = toConsoleError(error);
  if (consoleError.code !== 'VALIDATION') return null;
  const list = consoleError.details?.errors;
  if (!Array.isArray(list)) return null;
  const found: FieldErrors = {};
  for (const entry of list as Array<{ path?: unknown; message?: unknown }>) {
    if (typeof entry.path !== 'string' || !entry.path.startsWith('values.')) continue;
    const fieldId = entry.path.slice('values.'.length);
    const message = typeof entry.message === 'string' ? entry.message : '';
    const separator = message.indexOf(':');
    const code = separator > 0 ? message.slice(0, separator).trim() : '';
    const text = separator > 0 ? message.slice(separator + 1).trim() : message;
    // Codes with numbers in their text keep the portal's sentence (the numbers are not sent separately).
    found[fieldId] = (recordValueIssueCodes as readonly string[]).includes(code) && !PARAMETRIC.has(code) ? t(`applications:preview.issue_${code}`) : text;
  }
  return Object.keys(found).length > 0 ? found : null;
}
