import { describe, expect, it } from 'vitest';
import { ApplicationDefinition, validateApplicationDefinition } from '../../common/domain/application-definition';
import { checkRecordValues, findDataGroup, referencesToCheck, uniqueFields } from '../../common/domain/application-records';
import { buildDemoRecords, DEMO_APPLICATION_DEFINITIONS } from './applications';

const NOW = new Date('2027-06-14T08:00:00Z');
const names = Object.keys(DEMO_APPLICATION_DEFINITIONS);

describe('demo applications', () => {
  it.each(names)('%s is a valid definition with relations, a table page and edit pages with buttons', (name) => {
    const definition = DEMO_APPLICATION_DEFINITIONS[name]!();
    expect(validateApplicationDefinition(definition)).toEqual([]);
    // The stored document reads back unchanged (the portal encodes and decodes it with zod).
    expect(ApplicationDefinition.parse(JSON.parse(JSON.stringify(definition)))).toEqual(definition);
    const controls = definition.pages.flatMap((page) => page.controls);
    expect(controls.some((control) => control.kind === 'table' && control.table?.openPageId)).toBe(true);
    for (const type of ['save', 'delete', 'cancel', 'goToPage'] as const) expect(controls.some((control) => control.action?.type === type)).toBe(true);
    expect(controls.some((control) => control.kind === 'section')).toBe(true);
  });

  it('covers every field type and both parent delete rules', () => {
    const groups = names.flatMap((name) => DEMO_APPLICATION_DEFINITIONS[name]!().dataGroups);
    const types = new Set(groups.flatMap((group) => group.fields.map((field) => field.type)));
    expect([...types].sort()).toEqual(['boolean', 'choice', 'date', 'dateTime', 'decimal', 'email', 'file', 'integer', 'longText', 'reference', 'text', 'url']);
    expect(new Set(groups.filter((group) => group.parentId !== null).map((group) => group.onParentDelete))).toEqual(new Set(['cascade', 'restrict']));
  });

  it.each(names)('the records of %s keep every rule of the definition: values, parents, references, unique fields', (name) => {
    const definition = DEMO_APPLICATION_DEFINITIONS[name]!();
    const records = buildDemoRecords(name, NOW);
    expect(records.length).toBeGreaterThan(10);
    const byId = new Map(records.map((record) => [record.id, record]));
    const seen = new Map<string, Set<string>>();
    records.forEach((record, index) => {
      const group = findDataGroup(definition, record.dataGroupId)!;
      const checked = checkRecordValues(group, record.values);
      expect(checked.issues, `${name} record ${index}`).toEqual([]);
      expect(checked.values).toEqual({ ...Object.fromEntries(group.fields.map((field) => [field.id, null])), ...record.values });
      if (group.parentId === null) expect(record.parentRecordId).toBeNull();
      else {
        const parent = byId.get(record.parentRecordId!);
        expect(parent?.dataGroupId).toBe(group.parentId);
        expect(records.indexOf(parent!)).toBeLessThan(index);
      }
      for (const reference of referencesToCheck(group, checked.values)) expect(byId.get(reference.recordId)?.dataGroupId).toBe(reference.dataGroupId);
      for (const field of uniqueFields(group)) {
        const key = `${group.id}.${field.id}`;
        const values = seen.get(key) ?? new Set<string>();
        const value = JSON.stringify(checked.values[field.id]);
        if (checked.values[field.id] !== null) expect(values.has(value), `${key} ${value}`).toBe(false);
        values.add(value);
        seen.set(key, values);
      }
    });
  });

  it('draws the same records for the same day and a few hundred in all', () => {
    expect(buildDemoRecords('CRM', NOW)).toEqual(buildDemoRecords('CRM', NOW));
    const total = names.reduce((sum, name) => sum + buildDemoRecords(name, NOW).length, 0);
    expect(total).toBeGreaterThan(300);
    expect(total).toBeLessThan(1000);
  });
});
