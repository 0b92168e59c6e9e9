import { describe, expect, it } from 'vitest';
import {
  newControlDefinition,
  newDataGroupDefinition,
  newFieldDefinition,
  type ApplicationDefinition,
} from './application-definition';
import { diffDefinitions, sameValue } from './application-diff';

function base(): ApplicationDefinition {
  return {
    dataGroups: [
      newDataGroupDefinition({
        id: 'dg_customers',
        name: 'Kunden',
        tableName: 'customers',
        fields: [
          newFieldDefinition({ id: 'f_name', name: 'Name', type: 'text', required: true }),
          newFieldDefinition({ id: 'f_size', name: 'Größe', type: 'text' }),
        ],
      }),
      newDataGroupDefinition({ id: 'dg_contacts', name: 'Kontakte', tableName: 'contacts', parentId: 'dg_customers' }),
    ],
    pages: [
      {
        id: 'p_list',
        title: 'Liste',
        dataGroupId: 'dg_customers',
        controls: [
          newControlDefinition({
            id: 'c_table',
            kind: 'table',
            label: 'Kunden',
            x: 0,
            y: 0,
            w: 12,
            table: { dataGroupId: 'dg_customers', columns: ['f_name', 'created'], sort: null, filter: null, pageSize: 25, openPageId: 'p_edit' },
          }),
        ],
      },
      {
        id: 'p_edit',
        title: 'Bearbeiten',
        dataGroupId: 'dg_customers',
        controls: [
          newControlDefinition({ id: 'c_name', kind: 'textfield', label: 'Name', fieldId: 'f_name', x: 0, y: 0, w: 6 }),
          newControlDefinition({ id: 'c_save', kind: 'button', label: 'Speichern', x: 0, y: 1, w: 3, action: { type: 'save', pageId: null, confirm: true } }),
        ],
      },
    ],
  };
}

const clone = (definition: ApplicationDefinition): ApplicationDefinition => structuredClone(definition);

describe('diffDefinitions', () => {
  it('finds nothing between a definition and its copy', () => {
    const diff = diffDefinitions(base(), clone(base()));
    expect(diff.changes).toEqual([]);
    expect(diff.summary.total).toBe(0);
  });

  it('names a retyped, now required field with its data group and both values', () => {
    const after = clone(base());
    const size = after.dataGroups[0]!.fields[1]!;
    size.type = 'integer';
    size.required = true;
    expect(diffDefinitions(base(), after).changes).toEqual([
      {
        entity: 'field',
        change: 'changed',
        id: 'f_size',
        name: 'Größe',
        parentId: 'dg_customers',
        parentName: 'Kunden',
        properties: [
          { property: 'type', before: 'text', after: 'integer' },
          { property: 'required', before: false, after: true },
        ],
      },
    ]);
  });

  it('lists added and removed entities of every kind with a summary', () => {
    const after = clone(base());
    after.dataGroups.push(newDataGroupDefinition({ id: 'dg_orders', name: 'Aufträge', tableName: 'orders' }));
    after.dataGroups[0]!.fields.splice(1, 1);
    after.pages[1]!.controls.push(newControlDefinition({ id: 'c_delete', kind: 'button', label: 'Löschen', x: 3, y: 1, w: 3 }));
    after.pages.splice(0, 1);
    const diff = diffDefinitions(base(), after);
    expect(diff.changes.map(({ entity, change, id, parentName }) => ({ entity, change, id, parentName }))).toEqual([
      { entity: 'dataGroup', change: 'added', id: 'dg_orders', parentName: null },
      { entity: 'field', change: 'removed', id: 'f_size', parentName: 'Kunden' },
      { entity: 'page', change: 'removed', id: 'p_list', parentName: null },
      { entity: 'control', change: 'added', id: 'c_delete', parentName: 'Bearbeiten' },
      { entity: 'control', change: 'removed', id: 'c_table', parentName: 'Liste' },
    ]);
    expect(diff.summary).toMatchObject({
      dataGroup: { added: 1, removed: 0, changed: 0 },
      field: { added: 0, removed: 1, changed: 0 },
      page: { added: 0, removed: 1, changed: 0 },
      control: { added: 1, removed: 1, changed: 0 },
      total: 5,
    });
  });

  it('shows a moved control, a new button action and table columns by name', () => {
    const after = clone(base());
    const save = after.pages[1]!.controls[1]!;
    save.x = 6;
    save.y = 2;
    save.action = { type: 'goToPage', pageId: 'p_list', confirm: true };
    after.pages[0]!.controls[0]!.table!.columns = ['created', 'f_name', 'f_size'];
    const changes = diffDefinitions(base(), after).changes;
    expect(changes.find((change) => change.id === 'c_save')?.properties).toEqual([
      { property: 'x', before: 0, after: 6 },
      { property: 'y', before: 1, after: 2 },
      { property: 'action', before: 'save', after: 'goToPage' },
      { property: 'actionPage', before: null, after: 'Liste' },
    ]);
    expect(changes.find((change) => change.id === 'c_table')?.properties).toEqual([
      { property: 'tableColumns', before: ['Name', 'created'], after: ['created', 'Name', 'Größe'] },
    ]);
  });

  it('reports a renamed data group on the group only, not on what points at it', () => {
    const after = clone(base());
    after.dataGroups[0]!.name = 'Firmen';
    expect(diffDefinitions(base(), after).changes).toEqual([
      { entity: 'dataGroup', change: 'changed', id: 'dg_customers', name: 'Firmen', parentId: null, parentName: null, properties: [{ property: 'name', before: 'Kunden', after: 'Firmen' }] },
    ]);
  });

  it('reports swapped pages as a change of order, and a page added in front as nothing else', () => {
    const swapped = clone(base());
    swapped.pages.reverse();
    expect(diffDefinitions(base(), swapped).changes.map((change) => [change.id, change.properties])).toEqual([
      ['p_edit', [{ property: 'order', before: 2, after: 1 }]],
      ['p_list', [{ property: 'order', before: 1, after: 2 }]],
    ]);
    const added = clone(base());
    added.pages.unshift({ id: 'p_start', title: 'Start', dataGroupId: null, controls: [] });
    expect(diffDefinitions(base(), added).changes.map((change) => [change.id, change.change])).toEqual([['p_start', 'added']]);
  });

  it('reports a field moved to another data group and a control moved to another page', () => {
    const after = clone(base());
    const size = after.dataGroups[0]!.fields.pop()!;
    after.dataGroups[1]!.fields.push(size);
    const save = after.pages[1]!.controls.pop()!;
    after.pages[0]!.controls.push(save);
    const changes = diffDefinitions(base(), after).changes;
    expect(changes.find((change) => change.id === 'f_size')).toMatchObject({ parentName: 'Kontakte', properties: [{ property: 'dataGroup', before: 'Kunden', after: 'Kontakte' }] });
    expect(changes.find((change) => change.id === 'c_save')).toMatchObject({ parentName: 'Liste', properties: [{ property: 'page', before: 'Bearbeiten', after: 'Liste' }] });
  });

  it('tells two targets of the same name apart by id', () => {
    const before = clone(base());
    before.dataGroups[0]!.fields[1]!.name = 'Name';
    const after = clone(before);
    after.pages[1]!.controls[0]!.fieldId = 'f_size';
    const [change] = diffDefinitions(before, after).changes;
    expect(change?.properties).toEqual([{ property: 'field', before: 'Name ("f_name")', after: 'Name ("f_size")' }]);
  });

  it('compares objects regardless of key order', () => {
    expect(sameValue({ value: 'a', label: 'A' }, { label: 'A', value: 'a' })).toBe(true);
    expect(sameValue({ value: 'a' }, { value: 'a', label: 'A' })).toBe(false);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
  });
});
