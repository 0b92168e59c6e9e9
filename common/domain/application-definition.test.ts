import { describe, expect, it } from 'vitest';
import {
  ApplicationDefinition,
  controlsOverlap,
  defaultControlHeight,
  newDataGroupDefinition,
  newFieldDefinition,
  summarizeDefinition,
  validateApplicationDefinition,
  type ControlDefinition,
  type DefinitionIssueCode,
} from './application-definition';

/** A small valid leave-request application: one data group, one page with a control per field. */
function validDefinition(): ApplicationDefinition {
  return ApplicationDefinition.parse({
    dataGroups: [
      {
        id: 'dg1',
        name: 'Anträge',
        tableName: 'leave_requests',
        fields: [
          { id: 'f_name', name: 'Name', type: 'text', required: true, maxLength: 120, choices: [] },
          { id: 'f_days', name: 'Tage', type: 'number', required: true, maxLength: null, choices: [] },
          { id: 'f_from', name: 'Von', type: 'date', required: true, maxLength: null, choices: [] },
          { id: 'f_half', name: 'Halber Tag', type: 'boolean', required: false, maxLength: null, choices: [] },
          { id: 'f_kind', name: 'Art', type: 'choice', required: true, maxLength: null, choices: ['Urlaub', 'Sonderurlaub'] },
        ],
      },
    ],
    pages: [
      {
        id: 'p1',
        title: 'Antrag',
        dataGroupId: 'dg1',
        controls: [
          { id: 'c_title', kind: 'label', label: 'Urlaubsantrag', fieldId: null, x: 0, y: 0, w: 12 },
          { id: 'c_name', kind: 'textfield', label: 'Name', fieldId: 'f_name', x: 0, y: 1, w: 6 },
          { id: 'c_days', kind: 'number', label: 'Tage', fieldId: 'f_days', x: 6, y: 1, w: 6 },
          { id: 'c_from', kind: 'date', label: 'Von', fieldId: 'f_from', x: 0, y: 2, w: 4 },
          { id: 'c_half', kind: 'checkbox', label: 'Halber Tag', fieldId: 'f_half', x: 4, y: 2, w: 4 },
          { id: 'c_kind', kind: 'dropdown', label: 'Art', fieldId: 'f_kind', x: 8, y: 2, w: 4 },
          { id: 'c_note', kind: 'textarea', label: 'Bemerkung', fieldId: 'f_name', x: 0, y: 3, w: 12 },
          { id: 'c_send', kind: 'button', label: 'Absenden', fieldId: null, x: 0, y: 6, w: 3 },
        ],
      },
    ],
  });
}

type Change = (definition: ApplicationDefinition) => void;

const group = (d: ApplicationDefinition) => d.dataGroups[0]!;
const page = (d: ApplicationDefinition) => d.pages[0]!;
const control = (d: ApplicationDefinition, id: string) => page(d).controls.find((c) => c.id === id)!;
const field = (d: ApplicationDefinition, id: string) => group(d).fields.find((f) => f.id === id)!;

const cases: Array<{ rule: string; change: Change; expected: Array<{ code: DefinitionIssueCode; path: string }> }> = [
  { rule: 'the valid base definition passes', change: () => {}, expected: [] },
  {
    rule: 'a data group needs a name',
    change: (d) => (group(d).name = '   '),
    expected: [{ code: 'name_required', path: 'dataGroups[0].name' }],
  },
  {
    rule: 'names longer than 80 characters are refused',
    change: (d) => (page(d).title = 'x'.repeat(81)),
    expected: [{ code: 'name_too_long', path: 'pages[0].title' }],
  },
  {
    rule: 'data group names are unique regardless of case and spaces',
    change: (d) => d.dataGroups.push(newDataGroupDefinition({ id: 'dg2', name: ' anträge ', tableName: 'other_table' })),
    expected: [{ code: 'duplicate_data_group_name', path: 'dataGroups[1].name' }],
  },
  {
    rule: 'table names are unique',
    change: (d) => d.dataGroups.push(newDataGroupDefinition({ id: 'dg2', name: 'Archiv', tableName: 'leave_requests' })),
    expected: [{ code: 'duplicate_table_name', path: 'dataGroups[1].tableName' }],
  },
  {
    rule: 'table names are lower-case identifiers',
    change: (d) => (group(d).tableName = 'Leave Requests'),
    expected: [{ code: 'invalid_table_name', path: 'dataGroups[0].tableName' }],
  },
  {
    rule: 'field names are unique within a data group',
    change: (d) => (field(d, 'f_days').name = 'NAME'),
    expected: [{ code: 'duplicate_field_name', path: 'dataGroups[0].fields[1].name' }],
  },
  {
    rule: 'the same field name in two data groups is fine',
    change: (d) =>
      d.dataGroups.push(newDataGroupDefinition({ id: 'dg2', name: 'Archiv', tableName: 'archive', fields: [newFieldDefinition({ id: 'f2', name: 'Name', type: 'text' })] })),
    expected: [],
  },
  {
    rule: 'page titles are unique',
    change: (d) => d.pages.push({ id: 'p2', title: 'antrag', dataGroupId: null, controls: [] }),
    expected: [{ code: 'duplicate_page_title', path: 'pages[1].title' }],
  },
  {
    rule: 'ids are unique across the whole definition',
    change: (d) => (control(d, 'c_send').id = 'f_name'),
    expected: [{ code: 'duplicate_id', path: 'pages[0].controls[7].id' }],
  },
  {
    rule: 'a choice field needs at least one non-empty choice',
    change: (d) => (field(d, 'f_kind').choices = [{ value: '  ', label: '' }]),
    expected: [{ code: 'choices_missing', path: 'dataGroups[0].fields[4].choices' }],
  },
  {
    rule: 'choices are unique',
    change: (d) => (field(d, 'f_kind').choices = [{ value: 'Urlaub', label: 'Urlaub' }, { value: 'urlaub', label: 'urlaub' }]),
    expected: [{ code: 'duplicate_choice', path: 'dataGroups[0].fields[4].choices' }],
  },
  {
    rule: 'only choice fields have choices',
    change: (d) => (field(d, 'f_days').choices = [{ value: '1', label: '1' }]),
    expected: [{ code: 'choices_not_allowed', path: 'dataGroups[0].fields[1].choices' }],
  },
  {
    rule: 'only text fields have a maximum length',
    change: (d) => (field(d, 'f_days').maxLength = 3),
    expected: [{ code: 'max_length_not_allowed', path: 'dataGroups[0].fields[1].maxLength' }],
  },
  {
    rule: 'a maximum length is at least 1',
    change: (d) => (field(d, 'f_name').maxLength = 0),
    expected: [{ code: 'max_length_invalid', path: 'dataGroups[0].fields[0].maxLength' }],
  },
  {
    rule: 'a page names an existing data group',
    change: (d) => (page(d).dataGroupId = 'gone'),
    // Every bound control of the page then points at a field that is not in its (missing) data group.
    expected: [
      { code: 'page_data_group_missing', path: 'pages[0].dataGroupId' },
      ...['c_name', 'c_days', 'c_from', 'c_half', 'c_kind', 'c_note'].map((id) => ({
        code: 'control_field_missing' as const,
        path: `pages[0].controls[${['c_title', 'c_name', 'c_days', 'c_from', 'c_half', 'c_kind', 'c_note'].indexOf(id)}].fieldId`,
      })),
    ],
  },
  {
    rule: 'a control bound to a deleted field is reported',
    change: (d) => (group(d).fields = group(d).fields.filter((f) => f.id !== 'f_days')),
    expected: [{ code: 'control_field_missing', path: 'pages[0].controls[2].fieldId' }],
  },
  {
    rule: 'a control bound to a field of another data group is reported',
    change: (d) => {
      d.dataGroups.push(newDataGroupDefinition({ id: 'dg2', name: 'Archiv', tableName: 'archive', fields: [newFieldDefinition({ id: 'f_other', name: 'Notiz', type: 'text' })] }));
      control(d, 'c_name').fieldId = 'f_other';
    },
    expected: [{ code: 'control_field_missing', path: 'pages[0].controls[1].fieldId' }],
  },
  {
    rule: 'an input control must be bound',
    change: (d) => (control(d, 'c_days').fieldId = null),
    expected: [{ code: 'control_unbound', path: 'pages[0].controls[2].fieldId' }],
  },
  {
    rule: 'labels and buttons are never bound',
    change: (d) => (control(d, 'c_send').fieldId = 'f_name'),
    expected: [{ code: 'control_not_bindable', path: 'pages[0].controls[7].fieldId' }],
  },
  {
    rule: 'a number control cannot show a text field',
    change: (d) => (control(d, 'c_days').fieldId = 'f_name'),
    expected: [{ code: 'control_type_mismatch', path: 'pages[0].controls[2].fieldId' }],
  },
  {
    rule: 'a checkbox needs a boolean field',
    change: (d) => (control(d, 'c_half').fieldId = 'f_kind'),
    expected: [{ code: 'control_type_mismatch', path: 'pages[0].controls[4].fieldId' }],
  },
  {
    rule: 'changing a field type breaks the controls bound to it',
    change: (d) => (field(d, 'f_from').type = 'text'),
    expected: [{ code: 'control_type_mismatch', path: 'pages[0].controls[3].fieldId' }],
  },
  {
    rule: 'a control may not reach past column 12',
    change: (d) => (control(d, 'c_send').x = 10),
    expected: [{ code: 'control_outside_grid', path: 'pages[0].controls[7]' }],
  },
  {
    rule: 'a control has a width of at least one column',
    change: (d) => (control(d, 'c_send').w = 0),
    expected: [{ code: 'control_outside_grid', path: 'pages[0].controls[7]' }],
  },
  {
    rule: 'overlapping controls are reported once, on the later one',
    change: (d) => (control(d, 'c_days').x = 5),
    expected: [{ code: 'controls_overlap', path: 'pages[0].controls[2]' }],
  },
  {
    rule: 'a text area is three rows high and overlaps what lies below it',
    change: (d) => (control(d, 'c_send').y = 5),
    expected: [{ code: 'controls_overlap', path: 'pages[0].controls[7]' }],
  },
  {
    rule: 'controls that only touch do not overlap',
    change: (d) => {
      control(d, 'c_name').w = 6;
      control(d, 'c_days').x = 6;
    },
    expected: [],
  },
];

describe('validateApplicationDefinition', () => {
  it.each(cases)('$rule', ({ change, expected }) => {
    const definition = validDefinition();
    change(definition);
    const issues = validateApplicationDefinition(definition);
    expect(issues.map(({ code, path }) => ({ code, path }))).toEqual(expected);
  });

  it('names the control a problem belongs to, so the designer can select it', () => {
    const definition = validDefinition();
    control(definition, 'c_days').fieldId = 'f_name';
    expect(validateApplicationDefinition(definition)[0]).toMatchObject({
      target: { kind: 'control', id: 'c_days', pageId: 'p1' },
      params: { kind: 'number', type: 'text', field: 'Name' },
      message: 'A number cannot show the text field Name',
    });
  });

  it('accepts an empty definition (a new application)', () => {
    expect(validateApplicationDefinition({ dataGroups: [], pages: [] })).toEqual([]);
  });
});

describe('ApplicationDefinition (shape)', () => {
  it('keeps a half-finished draft: empty names and overlapping controls still parse', () => {
    const draft = validDefinition();
    group(draft).name = '';
    control(draft, 'c_days').x = 0;
    expect(ApplicationDefinition.safeParse(draft).success).toBe(true);
  });

  it('refuses what is not a definition: unknown control kinds and unsafe ids', () => {
    const wrongKind = validDefinition() as unknown as { pages: Array<{ controls: Array<{ kind: string }> }> };
    wrongKind.pages[0]!.controls[0]!.kind = 'slider';
    expect(ApplicationDefinition.safeParse(wrongKind).success).toBe(false);
    const unsafeId = validDefinition();
    group(unsafeId).id = '../etc';
    expect(ApplicationDefinition.safeParse(unsafeId).success).toBe(false);
  });
});

describe('controlsOverlap', () => {
  const at = (x: number, y: number, w: number, kind: ControlDefinition['kind'] = 'textfield') => ({ kind, x, y, w, h: defaultControlHeight(kind) });
  it.each([
    { a: at(0, 0, 6), b: at(6, 0, 6), overlap: false },
    { a: at(0, 0, 7), b: at(6, 0, 6), overlap: true },
    { a: at(0, 0, 12), b: at(0, 1, 12), overlap: false },
    { a: at(0, 0, 12, 'textarea'), b: at(11, 2, 1), overlap: true },
    { a: at(0, 0, 12, 'textarea'), b: at(0, 3, 1), overlap: false },
  ])('$a.x/$a.y/$a.w ($a.kind) vs $b.x/$b.y/$b.w: $overlap', ({ a, b, overlap }) => {
    expect(controlsOverlap(a, b)).toBe(overlap);
    expect(controlsOverlap(b, a)).toBe(overlap);
  });
});

describe('summarizeDefinition', () => {
  it('counts data groups, fields, pages and controls', () => {
    expect(summarizeDefinition(validDefinition())).toEqual({ dataGroups: 1, fields: 5, pages: 1, controls: 8 });
  });
});
