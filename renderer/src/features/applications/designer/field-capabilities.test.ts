import { describe, expect, it } from 'vitest';
import { fieldTypes, newDataGroupDefinition, newFieldDefinition, type ApplicationDefinition } from '../../../../../common/domain/application-definition';
import { descendantIds, parentCandidates, removeDataGroup, updateDataGroup, updateField } from './definition-ops';
import { compilePattern, defaultFitsType, fieldCapabilities, isoToLocalInput, localInputToIso, retypeField } from './field-capabilities';

const full = newFieldDefinition({
  id: 'f',
  name: 'F',
  type: 'text',
  unique: true,
  defaultValue: '7',
  minLength: 1,
  maxLength: 9,
  min: 1,
  max: 9,
  precision: 4,
  pattern: '\\d',
  choices: [{ value: '7', label: 'Seven' }],
  referenceDataGroupId: 'dg',
});

describe('retyping a field', () => {
  it.each(fieldTypes)('to %s keeps only the rules the type can carry', (type) => {
    const next = retypeField({ ...full, type: type === 'text' ? 'longText' : 'text' }, type);
    const can = fieldCapabilities(type);
    expect(next.type).toBe(type);
    expect(next.maxLength !== null).toBe(can.length);
    expect(next.min !== null).toBe(can.range);
    expect(next.precision !== null).toBe(can.precision);
    expect(next.pattern !== null).toBe(can.pattern);
    expect(next.choices.length > 0).toBe(can.choices);
    expect(next.referenceDataGroupId !== null).toBe(can.reference);
    expect(next.unique).toBe(can.unique);
    if (next.defaultValue !== null) expect(defaultFitsType(next, next.defaultValue)).toBe(true);
  });

  it('keeps a default that still fits (7 as text -> integer) and the precision of a decimal', () => {
    expect(retypeField({ ...full, type: 'text' }, 'integer').defaultValue).toBe('7');
    expect(retypeField({ ...full, type: 'text', defaultValue: 'x' }, 'integer').defaultValue).toBeNull();
    expect(retypeField({ ...full, type: 'integer', precision: null }, 'decimal').precision).toBe(2);
    expect(retypeField(full, 'text')).toBe(full);
  });

  it('checks defaults by type', () => {
    const field = (type: (typeof fieldTypes)[number]) => ({ type, choices: [{ value: 'a', label: 'A' }] });
    expect(defaultFitsType(field('integer'), '-12')).toBe(true);
    expect(defaultFitsType(field('integer'), '1.5')).toBe(false);
    expect(defaultFitsType(field('decimal'), '1.5')).toBe(true);
    expect(defaultFitsType(field('boolean'), 'yes')).toBe(false);
    expect(defaultFitsType(field('date'), '2027-06-01')).toBe(true);
    expect(defaultFitsType(field('dateTime'), '2027-06-01T10:00')).toBe(false);
    expect(defaultFitsType(field('dateTime'), '2027-06-01T10:00:00.000Z')).toBe(true);
    expect(defaultFitsType(field('choice'), 'b')).toBe(false);
  });

  it('applies a pattern to the whole value and reads local date-times both ways', () => {
    expect(compilePattern('a|b')?.test('ab')).toBe(false);
    expect(compilePattern('(')).toBeNull();
    const iso = localInputToIso('2027-06-01T09:30')!;
    expect(isoToLocalInput(iso)).toBe('2027-06-01T09:30');
    expect(localInputToIso('')).toBeNull();
  });

  it('updateField retypes before applying the other changes', () => {
    const definition: ApplicationDefinition = { dataGroups: [newDataGroupDefinition({ id: 'dg', name: 'G', tableName: 'g', fields: [full] })], pages: [] };
    const next = updateField(definition, 'dg', 'f', { type: 'choice', choices: [{ value: 'x', label: 'X' }], required: true });
    // The default 7 was a choice when the type changed; the new choices leave it to the panel to flag.
    expect(next.dataGroups[0]!.fields[0]).toMatchObject({ type: 'choice', choices: [{ value: 'x', label: 'X' }], required: true, maxLength: null, pattern: null, defaultValue: '7' });
    const toDate = updateField(definition, 'dg', 'f', { type: 'date' });
    expect(toDate.dataGroups[0]!.fields[0]).toMatchObject({ type: 'date', defaultValue: null, choices: [], unique: true });
  });
});

describe('parent and child data groups', () => {
  const definition: ApplicationDefinition = {
    dataGroups: [
      newDataGroupDefinition({ id: 'a', name: 'A', tableName: 'a' }),
      newDataGroupDefinition({ id: 'b', name: 'B', tableName: 'b', parentId: 'a' }),
      newDataGroupDefinition({ id: 'c', name: 'C', tableName: 'c', parentId: 'b' }),
      newDataGroupDefinition({ id: 'd', name: 'D', tableName: 'd' }),
    ],
    pages: [],
  };

  it('never lets a group become the child of itself or of its descendants', () => {
    expect([...descendantIds(definition, 'a')].sort()).toEqual(['b', 'c']);
    expect(parentCandidates(definition, 'a').map((group) => group.id)).toEqual(['d']);
    expect(updateDataGroup(definition, 'a', { parentId: 'c' })).toBe(definition);
    expect(updateDataGroup(definition, 'd', { parentId: 'c', onParentDelete: 'restrict' }).dataGroups[3]).toMatchObject({ parentId: 'c', onParentDelete: 'restrict' });
  });

  it('removing a parent makes its children top-level groups', () => {
    const next = removeDataGroup(definition, 'b');
    expect(next.dataGroups.map((group) => [group.id, group.parentId])).toEqual([['a', null], ['c', null], ['d', null]]);
  });
});
