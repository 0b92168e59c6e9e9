import type { FieldDefinition, FieldType } from '../../../../../common/domain/application-definition';

/** Which rules a field of a type can carry; the property panel shows only these, a type change drops the rest. */
export interface FieldCapabilities {
  length: boolean;
  range: boolean;
  precision: boolean;
  pattern: boolean;
  choices: boolean;
  reference: boolean;
  defaultValue: boolean;
  unique: boolean;
}

const none: FieldCapabilities = { length: false, range: false, precision: false, pattern: false, choices: false, reference: false, defaultValue: false, unique: false };

const byType: Record<FieldType, FieldCapabilities> = {
  text: { ...none, length: true, pattern: true, defaultValue: true, unique: true },
  longText: { ...none, length: true, pattern: true, defaultValue: true },
  integer: { ...none, range: true, defaultValue: true, unique: true },
  decimal: { ...none, range: true, precision: true, defaultValue: true, unique: true },
  boolean: { ...none, defaultValue: true },
  date: { ...none, defaultValue: true, unique: true },
  dateTime: { ...none, defaultValue: true, unique: true },
  choice: { ...none, choices: true, defaultValue: true },
  email: { ...none, length: true, defaultValue: true, unique: true },
  url: { ...none, length: true, defaultValue: true, unique: true },
  file: none,
  reference: { ...none, reference: true },
};

export function fieldCapabilities(type: FieldType): FieldCapabilities {
  return byType[type];
}

export const MAX_PRECISION = 10;
export const DEFAULT_PRECISION = 2;

/** The pattern as the portal applies it: to the whole value. Null when it is not a valid expression. */
export function compilePattern(pattern: string): RegExp | null {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    return null;
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Whether a default value written as text fits the field's type (not its other rules). */
export function defaultFitsType(field: Pick<FieldDefinition, 'type' | 'choices'>, value: string): boolean {
  switch (field.type) {
    case 'integer':
      return /^-?\d+$/.test(value);
    case 'decimal':
      return /^-?\d+(\.\d+)?$/.test(value);
    case 'boolean':
      return value === 'true' || value === 'false';
    case 'date':
      return DATE.test(value) && !Number.isNaN(Date.parse(value));
    case 'dateTime':
      return DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
    case 'choice':
      return field.choices.some((choice) => choice.value === value);
    case 'file':
    case 'reference':
      return false;
    default:
      return true;
  }
}

/**
 * The field after a type change: every rule the new type cannot carry is reset, a default value that does
 * not fit the new type is dropped, and a new decimal field starts with two decimal places.
 */
export function retypeField(field: FieldDefinition, type: FieldType): FieldDefinition {
  if (type === field.type) return field;
  const can = fieldCapabilities(type);
  const next: FieldDefinition = { ...field, type };
  if (!can.length) {
    next.minLength = null;
    next.maxLength = null;
  }
  if (!can.range) {
    next.min = null;
    next.max = null;
  }
  next.precision = can.precision ? (field.precision ?? DEFAULT_PRECISION) : null;
  if (!can.pattern) next.pattern = null;
  if (!can.choices) next.choices = [];
  if (!can.reference) next.referenceDataGroupId = null;
  if (!can.unique) next.unique = false;
  if (!can.defaultValue || (next.defaultValue !== null && !defaultFitsType(next, next.defaultValue))) next.defaultValue = null;
  return next;
}

/** An ISO date-time as the value of a `datetime-local` input (local time, minutes); '' when it is not one. */
export function isoToLocalInput(iso: string | null): string {
  if (iso === null) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` value (local time) as an ISO date-time in UTC; null when empty or not a time. */
export function localInputToIso(local: string): string | null {
  if (local === '') return null;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
