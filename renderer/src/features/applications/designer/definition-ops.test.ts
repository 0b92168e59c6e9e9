import { describe, expect, it } from 'vitest';
import { defaultControlHeight, validateApplicationDefinition, type ApplicationDefinition } from '../../../../../common/domain/application-definition';
import {
  addControl,
  addDataGroup,
  addField,
  addPage,
  clampPosition,
  firstFreeRow,
  moveControl,
  removeDataGroup,
  tableNameFrom,
  uniqueName,
  updateField,
} from './definition-ops';

function withPage(): { definition: ApplicationDefinition; groupId: string; pageId: string } {
  const group = addDataGroup({ dataGroups: [], pages: [] }, 'Anträge');
  const page = addPage(group.definition, 'Antrag');
  return { definition: page.definition, groupId: group.id, pageId: page.id };
}

describe('names', () => {
  it.each([
    ['Anträge', 'antraege'],
    ['Fuhrpark Größe', 'fuhrpark_groesse'],
    ['  Leave requests 2026 ', 'leave_requests_2026'],
    ['2026 Anträge', 't_2026_antraege'],
    ['Café', 'cafe'],
  ])('table name of %j is %j', (name, table) => {
    expect(tableNameFrom(name)).toBe(table);
  });

  it('numbers a name that is taken', () => {
    expect(uniqueName('Feld', [])).toBe('Feld');
    expect(uniqueName('Feld', ['feld', 'Feld 2'])).toBe('Feld 3');
  });
});

describe('editing a definition', () => {
  it('builds a valid definition from new items: a new page shows the first data group', () => {
    const { definition, groupId, pageId } = withPage();
    const field = addField(definition, groupId, 'Name');
    const control = addControl(field.definition, pageId, { kind: 'textfield', label: 'Textfeld' });
    const page = control.definition.pages[0]!;
    expect(page.dataGroupId).toBe(groupId);
    expect(page.controls[0]).toMatchObject({ kind: 'textfield', fieldId: field.id, label: 'Name', x: 0, y: 0, w: 6 });
    expect(validateApplicationDefinition(control.definition)).toEqual([]);
  });

  it('binds a new control to a compatible field not shown yet, and leaves it unbound when none fits', () => {
    const start = withPage();
    const first = addField(start.definition, start.groupId, 'Vorname');
    const second = addField(first.definition, start.groupId, 'Nachname');
    const a = addControl(second.definition, start.pageId, { kind: 'textfield', label: 'Textfeld' });
    const b = addControl(a.definition, start.pageId, { kind: 'textfield', label: 'Textfeld' });
    const c = addControl(b.definition, start.pageId, { kind: 'checkbox', label: 'Kontrollkästchen' });
    const controls = c.definition.pages[0]!.controls;
    expect(controls.map((control) => control.fieldId)).toEqual([first.id, second.id, null]);
    expect(controls.map((control) => control.y)).toEqual([0, 1, 2]);
  });

  it('adds labels and buttons unbound', () => {
    const { definition, pageId } = withPage();
    const label = addControl(definition, pageId, { kind: 'label', label: 'Überschrift' });
    expect(label.definition.pages[0]!.controls[0]).toMatchObject({ fieldId: null, label: 'Überschrift' });
  });

  it('drops max length and choices that the new field type does not have', () => {
    const { definition, groupId } = withPage();
    const field = addField(definition, groupId, 'Art', 'choice');
    const withChoices = updateField(field.definition, groupId, field.id, { choices: [{ value: 'A', label: 'A' }, { value: 'B', label: 'B' }] });
    const asText = updateField(withChoices, groupId, field.id, { type: 'text', maxLength: 20 });
    expect(asText.dataGroups[0]!.fields[0]).toMatchObject({ type: 'text', choices: [], maxLength: 20 });
    const asNumber = updateField(asText, groupId, field.id, { type: 'decimal' });
    expect(asNumber.dataGroups[0]!.fields[0]).toMatchObject({ type: 'decimal', maxLength: null });
  });

  it('removing a data group detaches its pages', () => {
    const { definition, groupId } = withPage();
    expect(removeDataGroup(definition, groupId)).toMatchObject({ dataGroups: [], pages: [{ dataGroupId: null }] });
  });
});

describe('positions on the grid', () => {
  it.each([
    { kind: 'textfield' as const, at: [11, 0, 6], expected: { x: 6, y: 0, w: 6 } },
    { kind: 'textfield' as const, at: [-3, -1, 4], expected: { x: 0, y: 0, w: 4 } },
    { kind: 'textfield' as const, at: [2.4, 3.6, 20], expected: { x: 0, y: 4, w: 12 } },
    { kind: 'textarea' as const, at: [0, 500, 12], expected: { x: 0, y: 197, w: 12 } },
  ])('clamps $kind at $at to $expected', ({ kind, at, expected }) => {
    expect(clampPosition(defaultControlHeight(kind), at[0]!, at[1]!, at[2]!)).toEqual(expected);
  });

  it('moves a control within the grid and finds the first free row below a text area', () => {
    const { definition, groupId, pageId } = withPage();
    const field = addField(definition, groupId, 'Notiz');
    const area = addControl(field.definition, pageId, { kind: 'textarea', label: 'Notiz' });
    expect(firstFreeRow(area.definition.pages[0]!)).toBe(3);
    const moved = moveControl(area.definition, pageId, area.id, 9, 2);
    expect(moved.pages[0]!.controls[0]).toMatchObject({ x: 6, y: 2, w: 6 });
    expect(firstFreeRow(moved.pages[0]!)).toBe(5);
  });
});
