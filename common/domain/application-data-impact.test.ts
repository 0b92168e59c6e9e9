import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldTypes, newDataGroupDefinition, newFieldDefinition, type ApplicationDefinition, type FieldType } from './application-definition';
import { conversionKind, convertValue, dataImpact, DataImpactEntry, needsConfirmation } from './application-data-impact';
import { checkFieldValue } from './application-records';

function app(groups: Array<{ id: string; fields: Array<[string, FieldType]> }>): ApplicationDefinition {
  return {
    dataGroups: groups.map((group) =>
      newDataGroupDefinition({ id: group.id, name: group.id.toUpperCase(), tableName: group.id, fields: group.fields.map(([id, type]) => newFieldDefinition({ id, name: id.toUpperCase(), type })) }),
    ),
    pages: [],
  };
}

describe('dataImpact', () => {
  it('lists dropped groups, dropped fields and retyped fields in the order of the old version', () => {
    const before = app([
      { id: 'a', fields: [['x', 'text'], ['y', 'integer'], ['z', 'date']] },
      { id: 'b', fields: [['w', 'text']] },
    ]);
    const after = app([{ id: 'a', fields: [['x', 'integer'], ['z', 'date'], ['new', 'text']] }, { id: 'c', fields: [] }]);
    expect(dataImpact(before, after)).toEqual([
      { kind: 'fieldRetyped', dataGroupId: 'a', dataGroupName: 'A', fieldId: 'x', fieldName: 'X', from: 'text', to: 'integer', converts: 'some' },
      { kind: 'fieldDropped', dataGroupId: 'a', dataGroupName: 'A', fieldId: 'y', fieldName: 'Y', type: 'integer' },
      { kind: 'dataGroupDropped', dataGroupId: 'b', dataGroupName: 'B' },
    ]);
  });

  it('counts a reference pointed at another data group as retyped: its values never convert', () => {
    const before = app([{ id: 'a', fields: [['r', 'reference']] }, { id: 'b', fields: [] }, { id: 'c', fields: [] }]);
    before.dataGroups[0]!.fields[0]!.referenceDataGroupId = 'b';
    const after = structuredClone(before);
    after.dataGroups[0]!.fields[0]!.referenceDataGroupId = 'c';
    expect(dataImpact(before, after)).toEqual([
      { kind: 'fieldRetyped', dataGroupId: 'a', dataGroupName: 'A', fieldId: 'r', fieldName: 'R', from: 'reference', to: 'reference', converts: 'never' },
    ]);
    expect(dataImpact(before, structuredClone(before))).toEqual([]);
  });

  it('finds nothing when only things are added or renamed', () => {
    const before = app([{ id: 'a', fields: [['x', 'text']] }]);
    const after = app([{ id: 'a', fields: [['x', 'text'], ['y', 'date']] }, { id: 'b', fields: [] }]);
    after.dataGroups[0]!.fields[0]!.name = 'Umbenannt';
    expect(dataImpact(before, after)).toEqual([]);
  });

  it('needs a confirmation only when a listed part holds data', () => {
    const entry = DataImpactEntry.parse({ kind: 'dataGroupDropped', dataGroupId: 'b', dataGroupName: 'B', records: 0 });
    expect(needsConfirmation([entry])).toBe(false);
    expect(needsConfirmation([{ ...entry, records: 3 }])).toBe(true);
  });
});

describe('convertValue', () => {
  const to = (type: FieldType, extra: Partial<Parameters<typeof newFieldDefinition>[0]> = {}) => newFieldDefinition({ id: 't', name: 'T', type, ...extra });

  it.each<[string, unknown, FieldType, ReturnType<typeof to>, unknown]>([
    ['text holding a number to integer', '42', 'text', to('integer'), 42],
    ['text that is no number to integer', 'X-7', 'text', to('integer'), null],
    ['decimal to integer keeps whole numbers', 3, 'decimal', to('integer'), 3],
    ['decimal to integer clears fractions', 3.5, 'decimal', to('integer'), null],
    ['decimal to fewer digits rounds', 3.456, 'decimal', to('decimal', { precision: 1 }), 3.5],
    ['integer to text', 42, 'integer', to('text'), '42'],
    ['boolean to text', true, 'boolean', to('text'), 'true'],
    ['text to boolean', 'ja', 'text', to('boolean'), true],
    ['date to date-time', '2027-06-14', 'date', to('dateTime'), '2027-06-14T00:00:00.000Z'],
    ['date-time to date', '2027-06-14T08:30:00.000Z', 'dateTime', to('date'), '2027-06-14'],
    ['text to choice when it is a value', 'offen', 'text', to('choice', { choices: [{ value: 'offen', label: 'Offen' }] }), 'offen'],
    ['text to choice otherwise', 'zu', 'text', to('choice', { choices: [{ value: 'offen', label: 'Offen' }] }), null],
    ['long text to a shorter text', 'abcdef', 'longText', to('text', { maxLength: 3 }), null],
    ['text to e-mail when it is one', 'a@b.de', 'text', to('email'), 'a@b.de'],
    ['anything to reference', 'a@b.de', 'text', to('reference', { referenceDataGroupId: 'g' }), null],
    ['reference to text keeps the id', '0b8f5f4e-3f0e-4c59-9b43-0e5c9d1e2f3a', 'reference', to('text'), '0b8f5f4e-3f0e-4c59-9b43-0e5c9d1e2f3a'],
  ])('%s', (_name, value, from, target, expected) => {
    expect(convertValue(value as never, from, target)).toEqual(expected);
  });

  it('answers a value that keeps the target rules, or null (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...fieldTypes),
        fc.constantFrom(...fieldTypes),
        fc.oneof(fc.string({ maxLength: 30 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.boolean()),
        (from, toType, value) => {
          const target = to(toType, toType === 'choice' ? { choices: [{ value: 'a', label: 'A' }] } : {});
          const converted = convertValue(value, from, target);
          if (converted !== null) expect(checkFieldValue(target, converted)).toBeNull();
          if (conversionKind(from, toType) === 'never') expect(converted).toBeNull();
        },
      ),
    );
  });

  it('converts every value of the same type', () => {
    for (const type of fieldTypes) expect(conversionKind(type, type)).toBe('always');
  });
});
