import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newDataGroupDefinition, newFieldDefinition, type FieldDefinition } from './application-definition';
import { checkFieldValue, checkRecordValues, columnType, defaultRecordValues, parseTextValue, referencesToCheck, type RecordValue } from './application-records';

const field = (f: Parameters<typeof newFieldDefinition>[0]): FieldDefinition => newFieldDefinition(f);
const code = (f: FieldDefinition, value: RecordValue) => checkFieldValue(f, value)?.code ?? null;

describe('checkFieldValue', () => {
  it.each<[string, FieldDefinition, RecordValue, string | null]>([
    ['text within bounds', field({ id: 'a', name: 'A', type: 'text', minLength: 2, maxLength: 5 }), 'abc', null],
    ['text too short', field({ id: 'a', name: 'A', type: 'text', minLength: 2 }), 'a', 'too_short'],
    ['text too long', field({ id: 'a', name: 'A', type: 'text', maxLength: 3 }), 'abcd', 'too_long'],
    ['text must match the whole pattern', field({ id: 'a', name: 'A', type: 'text', pattern: '[0-9]{3}' }), '1234', 'pattern_mismatch'],
    ['text matching the pattern', field({ id: 'a', name: 'A', type: 'text', pattern: '[0-9]{3}' }), '123', null],
    ['a broken pattern is reported, not thrown', field({ id: 'a', name: 'A', type: 'text', pattern: '([' }), 'x', 'invalid_pattern'],
    ['a number is not text', field({ id: 'a', name: 'A', type: 'text' }), 5, 'wrong_type'],
    ['integer', field({ id: 'a', name: 'A', type: 'integer', min: 1, max: 10 }), 10, null],
    ['integer with a fraction', field({ id: 'a', name: 'A', type: 'integer' }), 1.5, 'not_integer'],
    ['integer below min', field({ id: 'a', name: 'A', type: 'integer', min: 1 }), 0, 'below_min'],
    ['integer above max', field({ id: 'a', name: 'A', type: 'integer', max: 1 }), 2, 'above_max'],
    ['a numeric string is not a number', field({ id: 'a', name: 'A', type: 'integer' }), '3', 'wrong_type'],
    ['decimal within precision', field({ id: 'a', name: 'A', type: 'decimal', precision: 2 }), 12.34, null],
    ['decimal beyond precision', field({ id: 'a', name: 'A', type: 'decimal', precision: 2 }), 12.345, 'too_many_decimals'],
    ['tiny decimal in exponent notation', field({ id: 'a', name: 'A', type: 'decimal', precision: 4 }), 1e-7, 'too_many_decimals'],
    ['boolean', field({ id: 'a', name: 'A', type: 'boolean' }), false, null],
    ['boolean as text', field({ id: 'a', name: 'A', type: 'boolean' }), 'true', 'wrong_type'],
    ['date', field({ id: 'a', name: 'A', type: 'date' }), '2028-02-29', null],
    ['a day that does not exist', field({ id: 'a', name: 'A', type: 'date' }), '2027-02-29', 'invalid_date'],
    ['date-time with an offset', field({ id: 'a', name: 'A', type: 'dateTime' }), '2027-06-14T10:30:00+02:00', null],
    ['date-time without an offset', field({ id: 'a', name: 'A', type: 'dateTime' }), '2027-06-14T10:30:00', 'invalid_date_time'],
    ['choice', field({ id: 'a', name: 'A', type: 'choice', choices: [{ value: 'x', label: 'X' }] }), 'x', null],
    ['a label is not a choice value', field({ id: 'a', name: 'A', type: 'choice', choices: [{ value: 'x', label: 'X' }] }), 'X', 'not_a_choice'],
    ['e-mail', field({ id: 'a', name: 'A', type: 'email' }), 'anna.mueller@muster-gmbh.de', null],
    ['not an e-mail', field({ id: 'a', name: 'A', type: 'email' }), 'anna at muster', 'invalid_email'],
    ['e-mail with a pattern', field({ id: 'a', name: 'A', type: 'email', pattern: '.*@muster-gmbh\\.de' }), 'a@b.de', 'pattern_mismatch'],
    ['URL', field({ id: 'a', name: 'A', type: 'url' }), 'https://intranet.example/a?b=1', null],
    ['a javascript: URL', field({ id: 'a', name: 'A', type: 'url' }), 'javascript:alert(1)', 'invalid_url'],
    ['reference', field({ id: 'a', name: 'A', type: 'reference', referenceDataGroupId: 'g' }), '0b8f5f4e-3f0e-4c59-9b43-0e5c9d1e2f3a', null],
    ['a reference that is no id', field({ id: 'a', name: 'A', type: 'reference', referenceDataGroupId: 'g' }), 'Anna', 'invalid_reference'],
    ['file name', field({ id: 'a', name: 'A', type: 'file' }), 'Vertrag.pdf', null],
    ['empty is fine here (required is checked per record)', field({ id: 'a', name: 'A', type: 'integer', required: true }), null, null],
  ])('%s', (_name, f, value, expected) => {
    expect(code(f, value)).toBe(expected);
  });
});

describe('checkRecordValues', () => {
  const group = newDataGroupDefinition({
    id: 'g',
    name: 'Firmen',
    tableName: 'firmen',
    fields: [
      field({ id: 'name', name: 'Name', type: 'text', required: true }),
      field({ id: 'seit', name: 'Seit', type: 'dateTime' }),
      field({ id: 'ma', name: 'Mitarbeitende', type: 'integer', defaultValue: '10' }),
      field({ id: 'ref', name: 'Kontakt', type: 'reference', referenceDataGroupId: 'k' }),
    ],
  });

  it('names every broken rule by field, required and unknown ones too', () => {
    const checked = checkRecordValues(group, { name: '', ma: 'zehn', extra: 1 });
    expect(checked.issues.map((issue) => [issue.path, issue.code])).toEqual([
      ['values.extra', 'unknown_field'],
      ['values.name', 'required'],
      ['values.ma', 'wrong_type'],
    ]);
  });

  it('stores every field, empty ones as null and date-times in UTC', () => {
    const checked = checkRecordValues(group, { name: 'Muster', seit: '2027-06-14T10:30:00+02:00', ref: '' });
    expect(checked).toEqual({ values: { name: 'Muster', seit: '2027-06-14T08:30:00.000Z', ma: null, ref: null }, issues: [] });
  });

  it('lists the references the portal must find', () => {
    const id = '0B8F5F4E-3F0E-4C59-9B43-0E5C9D1E2F3A';
    expect(referencesToCheck(group, { ref: id })).toEqual([{ fieldId: 'ref', dataGroupId: 'k', recordId: id.toLowerCase() }]);
  });

  it('starts a new record with the default values that fit', () => {
    expect(defaultRecordValues(group)).toEqual({ name: null, seit: null, ma: 10, ref: null });
  });

  it('knows the type of system columns and fields', () => {
    expect([columnType(group, 'created'), columnType(group, 'owner'), columnType(group, 'ma'), columnType(group, 'nope')]).toEqual(['dateTime', 'text', 'integer', undefined]);
  });

  it('never throws, whatever the values (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('name', 'seit', 'ma', 'ref', 'x'), fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null))), (values) => {
        const checked = checkRecordValues(group, values);
        expect(Object.keys(checked.values)).toEqual(['name', 'seit', 'ma', 'ref']);
      }),
    );
  });
});

describe('parseTextValue', () => {
  it('reads defaults and filter values written as text', () => {
    expect(parseTextValue({ type: 'decimal' }, '12,50')).toBe(12.5);
    expect(parseTextValue({ type: 'integer' }, 'viele')).toBeNull();
    expect(parseTextValue({ type: 'boolean' }, 'Ja')).toBe(true);
    expect(parseTextValue({ type: 'boolean' }, 'nein')).toBe(false);
    expect(parseTextValue({ type: 'text' }, '  ')).toBeNull();
  });
});
