import { and, asc, count, desc, eq, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import type { ApplicationDefinition, DataGroupDefinition, FieldType } from '../../common/domain/application-definition';
import {
  checkRecordValues,
  columnType,
  findDataGroup,
  isSystemField,
  isTextType,
  parseTextValue,
  referencesToCheck,
  uniqueFields,
  type RecordValueIssue,
  type RecordValues,
} from '../../common/domain/application-records';
import type { ApplicationRecord, RecordListQuery, RecordPage } from '../../common/portal-api/designer';
import { readTogether, type PortalExecutor } from '../db/client';
import { newTimeOrderedId } from '../db/ids';
import { applicationRecords, type ApplicationRecordRow } from '../db/schema';
import { etagOf } from '../http/etag';
import { problem } from '../http/problem';

/** Record ETags are prefixed so they are never mistaken for another resource's. */
export function recordEtag(row: Pick<ApplicationRecordRow, 'id' | 'version'>): string {
  return etagOf(row.version, `record.${row.id}`);
}

export function toRecord(row: ApplicationRecordRow): ApplicationRecord {
  return {
    id: row.id,
    applicationId: row.applicationId,
    dataGroupId: row.dataGroupId,
    parentRecordId: row.parentRecordId,
    values: row.values,
    owner: row.owner,
    created: row.createdAt.toISOString(),
    changed: row.changedAt.toISOString(),
    version: row.version,
  };
}

/** The data group in the published definition; 404 when it is not (or not yet) published. */
export function requireDataGroup(definition: ApplicationDefinition, dataGroupId: string): DataGroupDefinition {
  const group = findDataGroup(definition, dataGroupId);
  if (group === undefined) {
    throw problem(404, 'Not Found', { code: 'data_group_not_found', detail: `The published definition has no data group ${dataGroupId}.` });
  }
  return group;
}

export function recordInvalid(issues: readonly RecordValueIssue[], detail = `The record breaks ${issues.length} rule(s); nothing was saved.`): Error {
  return problem(400, 'Bad Request', {
    code: 'record_invalid',
    detail,
    errors: issues.map((issue) => ({ path: issue.path, message: `${issue.code}: ${issue.message}` })),
  });
}

function badQuery(code: string, detail: string, path: string): Error {
  return problem(400, 'Bad Request', { code, detail, errors: [{ path, message: detail }] });
}

// ---- reading ----

const inApplication = (applicationId: string) => eq(applicationRecords.applicationId, applicationId);

export async function readRecord(db: PortalExecutor, applicationId: string, recordId: string, lock = false): Promise<ApplicationRecordRow> {
  const base = db
    .select()
    .from(applicationRecords)
    .where(and(inApplication(applicationId), eq(applicationRecords.id, recordId)));
  const [row] = lock ? await base.for('update') : await base;
  if (row === undefined) throw problem(404, 'Not Found', { code: 'record_not_found', detail: 'There is no record with this id in the application.' });
  return row;
}

interface ColumnSql {
  type: FieldType;
  /** The value as text (ISO 8601 in UTC for date-times). */
  text: SQL;
  /** The value as jsonb (fields only): numbers and booleans compare in their own order. */
  json: SQL | null;
}

function columnSql(group: DataGroupDefinition, column: string, path: string): ColumnSql {
  const type = columnType(group, column);
  if (type === undefined) throw badQuery('unknown_column', `${group.name} has no column ${column}`, path);
  if (isSystemField(column)) {
    const byKey = {
      id: sql`${applicationRecords.id}::text`,
      owner: sql`${applicationRecords.owner}`,
      created: sql`to_char(${applicationRecords.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
      changed: sql`to_char(${applicationRecords.changedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
    } as const;
    return { type, text: byKey[column], json: null };
  }
  return { type, text: sql`(${applicationRecords.values} ->> ${column})`, json: sql`(${applicationRecords.values} -> ${column})` };
}

function sortExpression(group: DataGroupDefinition, column: string): SQL | typeof applicationRecords.createdAt {
  if (column === 'created') return applicationRecords.createdAt;
  if (column === 'changed') return applicationRecords.changedAt;
  if (column === 'owner') return sql`lower(${applicationRecords.owner})`;
  if (column === 'id') return sql`${applicationRecords.id}`;
  const target = columnSql(group, column, 'sort');
  if (isTextType(target.type)) return sql`lower(${target.text})`;
  if (target.type === 'date' || target.type === 'dateTime') return target.text;
  return target.json ?? target.text;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A filter value in the column's type: jsonb for numbers and booleans, text otherwise. */
function typedFilterValue(column: ColumnSql, value: string): { json: string } | { text: string } {
  if (column.type === 'integer' || column.type === 'decimal' || column.type === 'boolean') {
    const parsed = parseTextValue({ type: column.type }, value);
    if (parsed === null) throw badQuery('filter_value_invalid', `${value} is not a ${column.type === 'boolean' ? 'yes/no value' : 'number'}`, 'filterValue');
    return { json: JSON.stringify(parsed) };
  }
  if (column.type === 'dateTime' && value.length > 10) {
    const at = Date.parse(value);
    if (Number.isNaN(at)) throw badQuery('filter_value_invalid', `${value} is not a date and time`, 'filterValue');
    return { text: new Date(at).toISOString() };
  }
  return { text: value };
}

function filterCondition(group: DataGroupDefinition, query: RecordListQuery): SQL | undefined {
  if (query.filterColumn === undefined || query.filterOperator === undefined) return undefined;
  const column = columnSql(group, query.filterColumn, 'filterColumn');
  const value = query.filterValue ?? '';
  switch (query.filterOperator) {
    case 'isEmpty':
      return sql`coalesce(${column.text}, '') = ''`;
    case 'isNotEmpty':
      return sql`coalesce(${column.text}, '') <> ''`;
    case 'contains':
      return sql`${column.text} ilike ${`%${escapeLike(value)}%`}`;
    default:
      break;
  }
  const typed = typedFilterValue(column, value);
  // A date-only value against a date-time compares the day.
  const text = column.type === 'dateTime' && 'text' in typed && typed.text.length === 10 ? sql`left(${column.text}, 10)` : column.text;
  const lhs = 'json' in typed && column.json !== null ? column.json : isTextType(column.type) ? sql`lower(${text})` : text;
  const rhs = 'json' in typed ? sql`${typed.json}::jsonb` : isTextType(column.type) ? sql`lower(${typed.text})` : sql`${typed.text}`;
  const numeric = 'json' in typed && column.json !== null ? sql`jsonb_typeof(${column.json}) = 'number' and ` : sql``;
  switch (query.filterOperator) {
    case 'equals':
      return sql`${lhs} = ${rhs}`;
    case 'notEquals':
      return sql`${lhs} is distinct from ${rhs}`;
    case 'greaterThan':
      return sql`(${numeric}${lhs} > ${rhs})`;
    case 'lessThan':
      return sql`(${numeric}${lhs} < ${rhs})`;
  }
}

/** Records of one data group: sorted (then by id), one filter, offset paging, optionally the children of one parent. */
export async function listRecords(db: PortalExecutor, applicationId: string, group: DataGroupDefinition, query: RecordListQuery): Promise<RecordPage> {
  const where = and(
    inApplication(applicationId),
    eq(applicationRecords.dataGroupId, group.id),
    query.parentRecordId === undefined ? undefined : eq(applicationRecords.parentRecordId, query.parentRecordId),
    filterCondition(group, query),
  );
  const key = sortExpression(group, query.sort ?? 'created');
  const order = query.direction === 'desc' ? [desc(key), desc(applicationRecords.id)] : [asc(key), asc(applicationRecords.id)];
  const [rows, [total]] = await readTogether(db, [
    () => db.select().from(applicationRecords).where(where).orderBy(...order).limit(query.limit).offset(query.offset),
    () => db.select({ total: count() }).from(applicationRecords).where(where),
  ] as const);
  return { items: rows.map(toRecord), total: total?.total ?? 0, offset: query.offset, limit: query.limit };
}

// ---- writing (the caller holds the application lock from readDefinition(..., true)) ----

async function assertReferencesExist(db: PortalExecutor, applicationId: string, group: DataGroupDefinition, values: RecordValues): Promise<void> {
  const references = referencesToCheck(group, values);
  if (references.length === 0) return;
  const found = await db
    .select({ id: applicationRecords.id, dataGroupId: applicationRecords.dataGroupId })
    .from(applicationRecords)
    .where(and(inApplication(applicationId), inArray(applicationRecords.id, references.map((reference) => reference.recordId))));
  const missing = references.filter((reference) => !found.some((row) => row.id === reference.recordId && row.dataGroupId === reference.dataGroupId));
  if (missing.length === 0) return;
  throw recordInvalid(
    missing.map((reference) => ({
      code: 'reference_missing',
      fieldId: reference.fieldId,
      path: `values.${reference.fieldId}`,
      message: 'The referenced record does not exist',
      params: { recordId: reference.recordId },
    })),
  );
}

/** Unique fields; the application lock makes concurrent writers check one after the other. */
async function assertUnique(db: PortalExecutor, applicationId: string, group: DataGroupDefinition, values: RecordValues, selfId: string | null): Promise<void> {
  const issues: RecordValueIssue[] = [];
  for (const field of uniqueFields(group)) {
    const value = values[field.id];
    if (value === null || value === undefined || value === '') continue;
    const [taken] = await db
      .select({ id: applicationRecords.id })
      .from(applicationRecords)
      .where(
        and(
          inApplication(applicationId),
          eq(applicationRecords.dataGroupId, group.id),
          sql`${applicationRecords.values} -> ${field.id} = ${JSON.stringify(value)}::jsonb`,
          selfId === null ? undefined : sql`${applicationRecords.id} <> ${selfId}`,
        ),
      )
      .limit(1);
    if (taken !== undefined) {
      issues.push({ code: 'not_unique', fieldId: field.id, path: `values.${field.id}`, message: `Another record already has this ${field.name}`, params: { field: field.name } });
    }
  }
  if (issues.length > 0) throw problem(409, 'Conflict', { code: 'record_not_unique', detail: 'A unique field already has this value in another record.', errors: issues.map((i) => ({ path: i.path, message: `${i.code}: ${i.message}` })) });
}

async function checkedValues(db: PortalExecutor, applicationId: string, group: DataGroupDefinition, values: RecordValues, selfId: string | null): Promise<RecordValues> {
  const checked = checkRecordValues(group, values);
  if (checked.issues.length > 0) throw recordInvalid(checked.issues);
  await assertReferencesExist(db, applicationId, group, checked.values);
  await assertUnique(db, applicationId, group, checked.values, selfId);
  return checked.values;
}

async function assertParent(db: PortalExecutor, applicationId: string, group: DataGroupDefinition, parentRecordId: string | null): Promise<void> {
  if (group.parentId === null) {
    if (parentRecordId !== null) throw badQuery('parent_not_allowed', `${group.name} is not a child data group; its records have no parent`, 'parentRecordId');
    return;
  }
  if (parentRecordId === null) throw badQuery('parent_required', `Records of ${group.name} belong to a parent record`, 'parentRecordId');
  const [parent] = await db
    .select({ id: applicationRecords.id })
    .from(applicationRecords)
    .where(and(inApplication(applicationId), eq(applicationRecords.id, parentRecordId), eq(applicationRecords.dataGroupId, group.parentId)));
  if (parent === undefined) throw badQuery('parent_missing', 'The parent record does not exist in the parent data group', 'parentRecordId');
}

export async function createRecord(
  db: PortalExecutor,
  applicationId: string,
  group: DataGroupDefinition,
  input: { values: RecordValues; parentRecordId: string | null; owner: string; at: Date },
): Promise<ApplicationRecordRow> {
  await assertParent(db, applicationId, group, input.parentRecordId);
  const values = await checkedValues(db, applicationId, group, input.values, null);
  const [row] = await db
    .insert(applicationRecords)
    .values({
      id: newTimeOrderedId(input.at.getTime()),
      applicationId,
      dataGroupId: group.id,
      parentRecordId: input.parentRecordId,
      values,
      owner: input.owner,
      createdAt: input.at,
      changedAt: input.at,
    })
    .returning();
  if (row === undefined) throw new Error('insert returned no row');
  return row;
}

export async function updateRecord(
  db: PortalExecutor,
  current: ApplicationRecordRow,
  group: DataGroupDefinition,
  input: { values: RecordValues; at: Date },
): Promise<ApplicationRecordRow> {
  const values = await checkedValues(db, current.applicationId, group, input.values, current.id);
  const [row] = await db
    .update(applicationRecords)
    .set({ values, changedAt: input.at, version: current.version + 1 })
    .where(eq(applicationRecords.id, current.id))
    .returning();
  if (row === undefined) throw new Error('update returned no row');
  return row;
}

/** The record and its descendants (ids, with their groups); refuses with 409 when a restrict rule stands in the way. */
async function deletionSet(db: PortalExecutor, definition: ApplicationDefinition, root: ApplicationRecordRow): Promise<Array<{ id: string; dataGroupId: string }>> {
  const all = [{ id: root.id, dataGroupId: root.dataGroupId }];
  let level = [root.id];
  while (level.length > 0) {
    const children = await db
      .select({ id: applicationRecords.id, dataGroupId: applicationRecords.dataGroupId })
      .from(applicationRecords)
      .where(inArray(applicationRecords.parentRecordId, level));
    const restricted = children.filter((child) => findDataGroup(definition, child.dataGroupId)?.onParentDelete === 'restrict');
    if (restricted.length > 0) {
      const names = [...new Set(restricted.map((child) => findDataGroup(definition, child.dataGroupId)?.name ?? child.dataGroupId))];
      throw problem(409, 'Conflict', {
        code: 'child_records_exist',
        detail: `${restricted.length} record(s) of ${names.join(', ')} still belong to it; delete them first.`,
        count: restricted.length,
      });
    }
    all.push(...children);
    level = children.map((child) => child.id);
  }
  return all;
}

/** Records outside `doomed` whose reference fields point into it. */
async function countReferences(db: PortalExecutor, applicationId: string, definition: ApplicationDefinition, doomed: Array<{ id: string; dataGroupId: string }>): Promise<number> {
  const groups = new Set(doomed.map((record) => record.dataGroupId));
  const ids = doomed.map((record) => record.id);
  const conditions = definition.dataGroups.flatMap((group) =>
    group.fields
      .filter((field) => field.type === 'reference' && field.referenceDataGroupId !== null && groups.has(field.referenceDataGroupId))
      .map((field) => and(eq(applicationRecords.dataGroupId, group.id), inArray(sql`${applicationRecords.values} ->> ${field.id}`, ids))),
  );
  if (conditions.length === 0) return 0;
  const [row] = await db
    .select({ total: count() })
    .from(applicationRecords)
    .where(and(inApplication(applicationId), notInArray(applicationRecords.id, ids), sql`(${sql.join(conditions.map((c) => sql`(${c})`), sql` or `)})`));
  return row?.total ?? 0;
}

/** Deletes the record and (cascade) its children; 409 when a restrict rule or a reference stands in the way. */
export async function deleteRecord(db: PortalExecutor, definition: ApplicationDefinition, current: ApplicationRecordRow): Promise<number> {
  const doomed = await deletionSet(db, definition, current);
  const references = await countReferences(db, current.applicationId, definition, doomed);
  if (references > 0) {
    throw problem(409, 'Conflict', {
      code: 'record_referenced',
      detail: `${references} other record(s) refer to ${doomed.length > 1 ? 'this record or its child records' : 'this record'}; change them first.`,
      count: references,
    });
  }
  await db.delete(applicationRecords).where(eq(applicationRecords.id, current.id));
  return doomed.length;
}

