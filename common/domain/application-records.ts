import { z } from 'zod';
import {
  isHttpUrl,
  systemFields,
  type ApplicationDefinition,
  type DataGroupDefinition,
  type FieldDefinition,
  type FieldType,
  type SystemFieldKey,
} from './application-definition';

/**
 * The value rules of application records, shared by the portal (every create and update) and the
 * console's preview form (live, per field). A record keeps its values by field id; what a value looks
 * like depends on the field's type:
 * text, long text, e-mail, URL, choice (the choice's value), file (the file's name or address),
 * reference (the id of a record of the target data group): string; integer and decimal: number;
 * boolean: boolean; date: `YYYY-MM-DD`; date-time: ISO 8601 with an offset. `null` (or no key) is empty.
 */

export const RECORD_TEXT_LIMIT = 100_000;
export const FILE_NAME_LIMIT = 500;

export const RecordValue = z.union([z.string().max(RECORD_TEXT_LIMIT), z.number().finite(), z.boolean(), z.null()]);
export type RecordValue = z.infer<typeof RecordValue>;

const FieldKey = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
/** Values by field id; at most as many keys as a data group has fields. */
export const RecordValues = z.record(FieldKey, RecordValue).refine((values) => Object.keys(values).length <= 300, 'At most 300 values');
export type RecordValues = Record<string, RecordValue>;

export const recordValueIssueCodes = [
  'unknown_field',
  'required',
  'wrong_type',
  'too_short',
  'too_long',
  'below_min',
  'above_max',
  'not_integer',
  'too_many_decimals',
  'pattern_mismatch',
  'invalid_pattern',
  'not_a_choice',
  'invalid_email',
  'invalid_url',
  'invalid_date',
  'invalid_date_time',
  'invalid_reference',
  'reference_missing',
  'not_unique',
] as const;
export type RecordValueIssueCode = (typeof recordValueIssueCodes)[number];

export interface RecordValueIssue {
  code: RecordValueIssueCode;
  fieldId: string;
  /** `values.<fieldId>`, as the portal's 400 answers name it. */
  path: string;
  /** English text for the API; the console translates by code with `params`. */
  message: string;
  params: Record<string, string | number>;
}

const TEXT_TYPES: readonly FieldType[] = ['text', 'longText', 'email', 'url', 'choice', 'file'];
/** Length bounds and patterns apply to the text-like types. */
const PATTERN_TYPES: readonly FieldType[] = ['text', 'longText', 'email', 'url'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isTextType(type: FieldType): boolean {
  return TEXT_TYPES.includes(type) || type === 'reference';
}

export function isEmptyValue(value: RecordValue | undefined): boolean {
  return value === undefined || value === null || value === '';
}

function isValidDate(text: string): boolean {
  const match = DATE.exec(text);
  if (match === null) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function isValidDateTime(text: string): boolean {
  return DATE_TIME.test(text) && !Number.isNaN(Date.parse(text)) && isValidDate(text.slice(0, 10));
}

function decimals(value: number): number {
  if (Number.isInteger(value)) return 0;
  const text = value.toString();
  const exponent = /e-(\d+)$/.exec(text);
  if (exponent !== null) return Number(exponent[1]) + (text.split('e')[0]?.split('.')[1]?.length ?? 0);
  return text.split('.')[1]?.length ?? 0;
}

/** The whole-value regular expression of a pattern, or null when the pattern does not compile. */
export function compilePattern(pattern: string): RegExp | null {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    return null;
  }
}

type Issue = Omit<RecordValueIssue, 'fieldId' | 'path'>;

function issue(code: RecordValueIssueCode, message: string, params: Record<string, string | number> = {}): Issue {
  return { code, message, params };
}

function checkLength(field: FieldDefinition, text: string): Issue | null {
  if (!PATTERN_TYPES.includes(field.type)) return null;
  if (field.minLength !== null && text.length < field.minLength) return issue('too_short', `At least ${field.minLength} characters`, { min: field.minLength });
  if (field.maxLength !== null && text.length > field.maxLength) return issue('too_long', `At most ${field.maxLength} characters`, { max: field.maxLength });
  return null;
}

function checkFormat(field: FieldDefinition, text: string): Issue | null {
  switch (field.type) {
    case 'email':
      return EMAIL.test(text) ? null : issue('invalid_email', 'Not an e-mail address');
    case 'url':
      return isHttpUrl(text) ? null : issue('invalid_url', 'Not a web address (http or https)');
    case 'choice':
      return field.choices.some((choice) => choice.value === text)
        ? null
        : issue('not_a_choice', `${text.slice(0, 100)} is not one of the choices`, { value: text.slice(0, 100) });
    case 'file':
      return text.length > FILE_NAME_LIMIT ? issue('too_long', `At most ${FILE_NAME_LIMIT} characters`, { max: FILE_NAME_LIMIT }) : null;
    case 'reference':
      return UUID.test(text) ? null : issue('invalid_reference', 'Not the id of a record');
    default:
      return null;
  }
}

function checkPattern(field: FieldDefinition, text: string): Issue | null {
  if (field.pattern === null || field.pattern === '' || !PATTERN_TYPES.includes(field.type)) return null;
  const pattern = compilePattern(field.pattern);
  if (pattern === null) return issue('invalid_pattern', 'The field\'s pattern is not a valid regular expression');
  return pattern.test(text) ? null : issue('pattern_mismatch', `Does not match the pattern ${field.pattern}`, { pattern: field.pattern });
}

function checkText(field: FieldDefinition, text: string): Issue | null {
  return checkLength(field, text) ?? checkFormat(field, text) ?? checkPattern(field, text);
}

function checkNumber(field: FieldDefinition, value: number): Issue | null {
  if (field.type === 'integer' && !Number.isInteger(value)) return issue('not_integer', 'A whole number');
  if (field.type === 'decimal' && field.precision !== null && decimals(value) > field.precision) {
    return issue('too_many_decimals', `At most ${field.precision} digits after the decimal point`, { precision: field.precision });
  }
  if (field.min !== null && value < field.min) return issue('below_min', `At least ${field.min}`, { min: field.min });
  if (field.max !== null && value > field.max) return issue('above_max', `At most ${field.max}`, { max: field.max });
  return null;
}

/** The problem with one non-empty value of `field`, or null when the value fits its type and constraints. */
export function checkFieldValue(field: FieldDefinition, value: RecordValue): Issue | null {
  if (value === null) return null;
  switch (field.type) {
    case 'integer':
    case 'decimal':
      return typeof value === 'number' ? checkNumber(field, value) : issue('wrong_type', 'A number', { expected: 'number' });
    case 'boolean':
      return typeof value === 'boolean' ? null : issue('wrong_type', 'Yes or no', { expected: 'boolean' });
    case 'date':
      if (typeof value !== 'string') return issue('wrong_type', 'A date', { expected: 'date' });
      return isValidDate(value) ? null : issue('invalid_date', 'A date as YYYY-MM-DD');
    case 'dateTime':
      if (typeof value !== 'string') return issue('wrong_type', 'A date and time', { expected: 'dateTime' });
      return isValidDateTime(value) ? null : issue('invalid_date_time', 'A date and time in ISO 8601 with an offset');
    default:
      return typeof value === 'string' ? checkText(field, value) : issue('wrong_type', 'Text', { expected: 'text' });
  }
}

/** Date-times are kept in UTC so they sort and compare as text. */
function normalise(field: FieldDefinition, value: RecordValue): RecordValue {
  if (value === '' && field.type !== 'text' && field.type !== 'longText') return null;
  if (field.type === 'dateTime' && typeof value === 'string' && isValidDateTime(value)) return new Date(value).toISOString();
  return value;
}

export interface RecordCheck {
  /** The values as they are stored: every field of the group, empty ones as null, date-times in UTC. */
  values: RecordValues;
  issues: RecordValueIssue[];
}

/**
 * Checks `values` against the fields of `group`: unknown keys, required fields, each value's type and
 * constraints. Uniqueness and whether a referenced record exists need the stored records; the portal
 * checks those (`referencesToCheck` lists them).
 */
export function checkRecordValues(group: DataGroupDefinition, values: Readonly<Record<string, RecordValue>>): RecordCheck {
  const issues: RecordValueIssue[] = [];
  const add = (fieldId: string, found: Issue) => issues.push({ ...found, fieldId, path: `values.${fieldId}` });
  const known = new Set(group.fields.map((field) => field.id));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) add(key, issue('unknown_field', `${group.name} has no field ${key}`, { fieldId: key }));
  }
  const stored: RecordValues = {};
  for (const field of group.fields) {
    const value = normalise(field, values[field.id] ?? null);
    stored[field.id] = value;
    if (isEmptyValue(value)) {
      if (field.required) add(field.id, issue('required', `${field.name} is required`, { field: field.name }));
      continue;
    }
    const found = checkFieldValue(field, value);
    if (found !== null) add(field.id, found);
  }
  return { values: stored, issues };
}

/** The reference values of a record that must point at an existing record of their target group. */
export function referencesToCheck(group: DataGroupDefinition, values: RecordValues): Array<{ fieldId: string; dataGroupId: string; recordId: string }> {
  return group.fields.flatMap((field) => {
    const value = values[field.id];
    if (field.type !== 'reference' || field.referenceDataGroupId === null || typeof value !== 'string' || !UUID.test(value)) return [];
    return [{ fieldId: field.id, dataGroupId: field.referenceDataGroupId, recordId: value.toLowerCase() }];
  });
}

/** The fields of `group` that no two records may share a value of. */
export function uniqueFields(group: DataGroupDefinition): FieldDefinition[] {
  return group.fields.filter((field) => field.unique);
}

/** Reads a default value (written as text in the designer) as a value of the field's type; null when it does not fit. */
export function parseTextValue(field: Pick<FieldDefinition, 'type'>, text: string): RecordValue {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  switch (field.type) {
    case 'integer':
    case 'decimal': {
      const number = Number(trimmed.replace(',', '.'));
      return Number.isFinite(number) ? number : null;
    }
    case 'boolean':
      if (/^(true|ja|yes|1)$/i.test(trimmed)) return true;
      if (/^(false|nein|no|0)$/i.test(trimmed)) return false;
      return null;
    default:
      return text;
  }
}

/** The values a new record of `group` starts with: each field's default value, or empty. */
export function defaultRecordValues(group: DataGroupDefinition): RecordValues {
  const values: RecordValues = {};
  for (const field of group.fields) {
    const parsed = field.defaultValue === null ? null : parseTextValue(field, field.defaultValue);
    values[field.id] = parsed !== null && checkFieldValue(field, parsed) === null ? parsed : null;
  }
  return values;
}

export function findDataGroup(definition: ApplicationDefinition, dataGroupId: string): DataGroupDefinition | undefined {
  return definition.dataGroups.find((group) => group.id === dataGroupId);
}

/** The data groups whose parent is `dataGroupId`. */
export function childGroups(definition: ApplicationDefinition, dataGroupId: string): DataGroupDefinition[] {
  return definition.dataGroups.filter((group) => group.parentId === dataGroupId);
}

export function isSystemField(key: string): key is SystemFieldKey {
  return systemFields.some((field) => field.key === key);
}

/** The type of a column of a record list: a field of the group or a system field; undefined when there is none. */
export function columnType(group: DataGroupDefinition, column: string): FieldType | undefined {
  const system = systemFields.find((field) => field.key === column);
  if (system !== undefined) return system.type;
  return group.fields.find((field) => field.id === column)?.type;
}
