import { z } from 'zod';
import { fieldTypes, type ApplicationDefinition, type FieldDefinition, type FieldType } from './application-definition';
import { checkFieldValue, parseTextValue, type RecordValue } from './application-records';

/**
 * What publishing `after` over `before` does to stored records: data groups that disappear (their records
 * are deleted), fields that disappear (their values are removed) and fields whose type changes (values are
 * converted where they can be, cleared otherwise). The portal adds the counts of records concerned and asks
 * for a confirmation (`confirmDataLoss`) before any value is lost.
 */

/** Whether values of one type read as the other: always, only some of them (e.g. text that holds a number), or never. */
export const conversionKinds = ['always', 'some', 'never'] as const;
export type ConversionKind = (typeof conversionKinds)[number];

const FieldTypeSchema = z.enum(fieldTypes);

export const DataImpactEntry = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('dataGroupDropped'),
    dataGroupId: z.string(),
    dataGroupName: z.string(),
    /** Records of the group (they are deleted). */
    records: z.number().int().min(0),
  }),
  z.object({
    kind: z.literal('fieldDropped'),
    dataGroupId: z.string(),
    dataGroupName: z.string(),
    fieldId: z.string(),
    fieldName: z.string(),
    type: FieldTypeSchema,
    /** Records holding a value in the field (the values are removed). */
    records: z.number().int().min(0),
  }),
  z.object({
    kind: z.literal('fieldRetyped'),
    dataGroupId: z.string(),
    dataGroupName: z.string(),
    fieldId: z.string(),
    fieldName: z.string(),
    from: FieldTypeSchema,
    to: FieldTypeSchema,
    converts: z.enum(conversionKinds),
    /** Records holding a value in the field. */
    records: z.number().int().min(0),
    /** Of those, the values that do not convert and are cleared. */
    cleared: z.number().int().min(0),
  }),
]);
export type DataImpactEntry = z.infer<typeof DataImpactEntry>;
/** An impact as `dataImpact` finds it, before the portal counts the records. */
export type DataImpactChange =
  | Omit<Extract<DataImpactEntry, { kind: 'dataGroupDropped' }>, 'records'>
  | Omit<Extract<DataImpactEntry, { kind: 'fieldDropped' }>, 'records'>
  | Omit<Extract<DataImpactEntry, { kind: 'fieldRetyped' }>, 'records' | 'cleared'>;

/** What a confirmed publish did to the stored records. */
export const AppliedDataChanges = z.object({
  recordsDeleted: z.number().int().min(0),
  valuesRemoved: z.number().int().min(0),
  valuesConverted: z.number().int().min(0),
  valuesCleared: z.number().int().min(0),
});
export type AppliedDataChanges = z.infer<typeof AppliedDataChanges>;

export const noDataChanges = (): AppliedDataChanges => ({ recordsDeleted: 0, valuesRemoved: 0, valuesConverted: 0, valuesCleared: 0 });

const TEXTUAL: readonly FieldType[] = ['text', 'longText'];
const ALWAYS: ReadonlyArray<readonly [FieldType, FieldType]> = [
  ['integer', 'decimal'],
  ['date', 'dateTime'],
  ['dateTime', 'date'],
];

/** How values of `from` read as `to` (ignoring the target's constraints, which may clear some more). */
export function conversionKind(from: FieldType, to: FieldType): ConversionKind {
  if (from === to) return 'always';
  if (to === 'reference' || from === 'reference') return to === 'text' || to === 'longText' ? 'always' : 'never';
  if (TEXTUAL.includes(to)) return 'always';
  if (ALWAYS.some(([a, b]) => a === from && b === to)) return 'always';
  if (to === 'file' || from === 'file') return 'never';
  if (to === 'boolean' || from === 'boolean') return TEXTUAL.includes(from) ? 'some' : 'never';
  return 'some';
}

function asText(value: Exclude<RecordValue, null>): string {
  return typeof value === 'string' ? value : String(value);
}

/** The value in the shape of `to`, or null when it does not convert (or breaks one of the target field's rules). */
export function convertValue(value: RecordValue, from: FieldType, to: FieldDefinition): RecordValue {
  if (value === null || value === '') return null;
  if (conversionKind(from, to.type) === 'never') return null;
  let converted: RecordValue;
  if (from === 'date' && to.type === 'dateTime' && typeof value === 'string') converted = `${value}T00:00:00.000Z`;
  else if (from === 'dateTime' && to.type === 'date' && typeof value === 'string') converted = value.slice(0, 10);
  else if (to.type === 'integer' && typeof value === 'number') converted = Number.isInteger(value) ? value : null;
  else if (to.type === 'decimal' && typeof value === 'number' && to.precision !== null) converted = Number(value.toFixed(to.precision));
  else converted = parseTextValue(to, asText(value));
  if (converted === null) return null;
  return checkFieldValue(to, converted) === null ? converted : null;
}

/**
 * Dropped data groups, dropped fields (of groups that stay) and retyped fields, in the order of `before`; a
 * reference field pointed at another data group counts as retyped (reference to reference, never converts).
 */
export function dataImpact(before: ApplicationDefinition, after: ApplicationDefinition): DataImpactChange[] {
  const changes: DataImpactChange[] = [];
  for (const group of before.dataGroups) {
    const kept = after.dataGroups.find((candidate) => candidate.id === group.id);
    const base = { dataGroupId: group.id, dataGroupName: group.name };
    if (kept === undefined) {
      changes.push({ kind: 'dataGroupDropped', ...base });
      continue;
    }
    for (const field of group.fields) {
      const next = kept.fields.find((candidate) => candidate.id === field.id);
      const fieldBase = { ...base, fieldId: field.id, fieldName: field.name };
      if (next === undefined) changes.push({ kind: 'fieldDropped', ...fieldBase, type: field.type });
      else if (next.type !== field.type) changes.push({ kind: 'fieldRetyped', ...fieldBase, from: field.type, to: next.type, converts: conversionKind(field.type, next.type) });
      // A reference that now points at another data group keeps its type but none of its values.
      else if (field.type === 'reference' && next.referenceDataGroupId !== field.referenceDataGroupId) {
        changes.push({ kind: 'fieldRetyped', ...fieldBase, from: 'reference', to: 'reference', converts: 'never' });
      }
    }
  }
  return changes;
}

/** True when a dropped or retyped part holds data: the portal then asks for `confirmDataLoss`. */
export function needsConfirmation(entries: readonly DataImpactEntry[]): boolean {
  return entries.some((entry) => entry.records > 0);
}
