import { describe, expect, it } from 'vitest';
import {
  ApplicationDefinition,
  controlsOverlap,
  defaultControlFor,
  defaultControlHeight,
  isHttpUrl,
  isIsoDate,
  isIsoDateTime,
  newControlDefinition,
  newDataGroupDefinition,
  newFieldDefinition,
  publishBlockers,
  reachablePageIds,
  summarizeDefinition,
  validateApplicationDefinition,
  type ControlDefinition,
  type DefinitionIssueCode,
} from './application-definition';

/**
 * A small valid leave-request application: the requests (with a control per field on the start page, and
 * a table of their days) and the days (a child group, edited on a second page in a tab set).
 */
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
      {
        id: 'dg_days',
        name: 'Tage',
        tableName: 'leave_days',
        parentId: 'dg1',
        fields: [
          { id: 'f_day', name: 'Tag', type: 'date', required: true, maxLength: null, choices: [] },
          { id: 'f_emp', name: 'Vertretung', type: 'reference', required: false, maxLength: null, choices: [], referenceDataGroupId: 'dg1' },
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
          { id: 'c_send', kind: 'button', label: 'Absenden', fieldId: null, x: 0, y: 6, w: 3, action: { type: 'save' } },
          {
            id: 'c_list',
            kind: 'table',
            label: 'Tage',
            fieldId: null,
            x: 0,
            y: 7,
            w: 12,
            table: { dataGroupId: 'dg_days', columns: ['f_day', 'created'], openPageId: 'p_day' },
          },
        ],
      },
      {
        id: 'p_day',
        title: 'Tag',
        dataGroupId: 'dg_days',
        controls: [
          { id: 'c_tabs', kind: 'tabs', label: 'Tag', fieldId: null, x: 0, y: 0, w: 12, tabs: ['Allgemein', 'Vertretung'] },
          { id: 'c_day', kind: 'date', label: 'Tag', fieldId: 'f_day', x: 0, y: 1, w: 6, containerId: 'c_tabs', tab: 0 },
          { id: 'c_emp', kind: 'reference', label: 'Vertretung', fieldId: 'f_emp', x: 0, y: 1, w: 6, containerId: 'c_tabs', tab: 1 },
          { id: 'c_back', kind: 'button', label: 'Zurück', fieldId: null, x: 0, y: 4, w: 3, action: { type: 'goToPage', pageId: 'p1' } },
          { id: 'c_img', kind: 'image', label: 'Logo', fieldId: null, x: 3, y: 4, w: 3, url: 'https://intranet.example/logo.png' },
          { id: 'c_link', kind: 'link', label: 'Regeln', fieldId: null, x: 6, y: 4, w: 3, url: 'http://intranet.example/urlaub?lang=de#regeln' },
        ],
      },
    ],
  });
}

type Change = (definition: ApplicationDefinition) => void;
type Expected = Array<{ code: DefinitionIssueCode; path: string }>;

const group = (d: ApplicationDefinition, index = 0) => d.dataGroups[index]!;
const page = (d: ApplicationDefinition, index = 0) => d.pages[index]!;
const control = (d: ApplicationDefinition, id: string) => d.pages.flatMap((p) => p.controls).find((c) => c.id === id)!;
const field = (d: ApplicationDefinition, id: string) => d.dataGroups.flatMap((g) => g.fields).find((f) => f.id === id)!;
const table = (d: ApplicationDefinition) => control(d, 'c_list').table!;
/** Adds a field to the requests and a control bound to it below the table, so only the field's own rules speak. */
const addShownField = (d: ApplicationDefinition, added: Parameters<typeof newFieldDefinition>[0]) => {
  group(d).fields.push(newFieldDefinition(added));
  page(d).controls.push(newControlDefinition({ id: `c_${added.id}`, kind: defaultControlFor(added.type), label: added.name, fieldId: added.id, x: 0, y: 13, w: 6 }));
};
const F = (f: number, rest = '') => `dataGroups[0].fields[${f}]${rest}`;

const cases: Array<{ rule: string; change: Change; expected: Expected }> = [
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
    expected: [{ code: 'duplicate_data_group_name', path: 'dataGroups[2].name' }],
  },
  {
    rule: 'table names are unique',
    change: (d) => d.dataGroups.push(newDataGroupDefinition({ id: 'dg2', name: 'Archiv', tableName: 'leave_requests' })),
    expected: [{ code: 'duplicate_table_name', path: 'dataGroups[2].tableName' }],
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
    expected: [{ code: 'field_not_shown', path: 'dataGroups[2].fields[0]' }],
  },
  {
    rule: 'page titles are unique',
    change: (d) => d.pages.push({ id: 'p2', title: 'antrag', dataGroupId: null, controls: [] }),
    expected: [
      { code: 'duplicate_page_title', path: 'pages[2].title' },
      { code: 'page_unreachable', path: 'pages[2]' },
    ],
  },
  {
    rule: 'ids are unique across the whole definition',
    change: (d) => (control(d, 'c_send').id = 'f_name'),
    expected: [{ code: 'duplicate_id', path: 'pages[0].controls[7].id' }],
  },
  {
    rule: 'a choice field needs at least one choice',
    change: (d) => (field(d, 'f_kind').choices = []),
    expected: [{ code: 'choices_missing', path: 'dataGroups[0].fields[4].choices' }],
  },
  {
    rule: 'a choice needs a value',
    change: (d) => field(d, 'f_kind').choices.push({ value: '  ', label: '' }),
    expected: [{ code: 'choice_value_empty', path: 'dataGroups[0].fields[4].choices[2].value' }],
  },
  {
    rule: 'a choice needs a label',
    change: (d) => (field(d, 'f_kind').choices[0]!.label = ' '),
    expected: [{ code: 'choice_label_missing', path: 'dataGroups[0].fields[4].choices[0].label' }],
  },
  {
    rule: 'choices are unique',
    change: (d) => (field(d, 'f_kind').choices = [{ value: 'Urlaub', label: 'Urlaub' }, { value: 'urlaub', label: 'urlaub' }]),
    expected: [{ code: 'duplicate_choice', path: 'dataGroups[0].fields[4].choices[1].value' }],
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
      // Its save button has nothing to save.
      { code: 'button_needs_data_group', path: 'pages[0].controls[7].action' },
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
    expected: [
      { code: 'control_unbound', path: 'pages[0].controls[2].fieldId' },
      { code: 'field_not_shown', path: F(1) },
    ],
  },
  {
    rule: 'labels and buttons are never bound',
    change: (d) => (control(d, 'c_send').fieldId = 'f_name'),
    expected: [{ code: 'control_not_bindable', path: 'pages[0].controls[7].fieldId' }],
  },
  {
    rule: 'a number control cannot show a text field',
    change: (d) => (control(d, 'c_days').fieldId = 'f_name'),
    expected: [
      { code: 'control_type_mismatch', path: 'pages[0].controls[2].fieldId' },
      { code: 'field_not_shown', path: F(1) },
    ],
  },
  {
    rule: 'a checkbox needs a boolean field',
    change: (d) => (control(d, 'c_half').fieldId = 'f_kind'),
    expected: [
      { code: 'control_type_mismatch', path: 'pages[0].controls[4].fieldId' },
      { code: 'field_not_shown', path: F(3) },
    ],
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
    expected: [{ code: 'control_size_invalid', path: 'pages[0].controls[7]' }],
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
  // Fields
  { rule: 'a field may not take the name of a system field', change: (d) => (field(d, 'f_name').name = ' Owner'), expected: [{ code: 'field_name_reserved', path: F(0, '.name') }] },
  {
    rule: 'an integer default is a whole number',
    change: (d) => Object.assign(field(d, 'f_days'), { type: 'integer', precision: null, defaultValue: '1.5' }),
    expected: [{ code: 'default_invalid', path: F(1, '.defaultValue') }],
  },
  { rule: 'an integer default within range passes', change: (d) => Object.assign(field(d, 'f_days'), { type: 'integer', precision: null, min: 1, max: 30, defaultValue: '12' }), expected: [] },
  { rule: 'a decimal default has at most `precision` places', change: (d) => Object.assign(field(d, 'f_days'), { precision: 1, defaultValue: '2.25' }), expected: [{ code: 'default_precision', path: F(1, '.defaultValue') }] },
  { rule: 'a decimal default lies within min and max', change: (d) => Object.assign(field(d, 'f_days'), { min: 0.5, max: 30, defaultValue: '31' }), expected: [{ code: 'default_range', path: F(1, '.defaultValue') }] },
  { rule: 'a decimal default is a number', change: (d) => (field(d, 'f_days').defaultValue = '1,5'), expected: [{ code: 'default_invalid', path: F(1, '.defaultValue') }] },
  { rule: 'a boolean default is true or false', change: (d) => (field(d, 'f_half').defaultValue = 'yes'), expected: [{ code: 'default_invalid', path: F(3, '.defaultValue') }] },
  { rule: 'a date default is a real calendar day', change: (d) => (field(d, 'f_from').defaultValue = '2026-02-29'), expected: [{ code: 'default_invalid', path: F(2, '.defaultValue') }] },
  { rule: 'a leap day is a valid date default', change: (d) => (field(d, 'f_from').defaultValue = '2028-02-29'), expected: [] },
  {
    rule: 'a date-time default is ISO 8601 with a valid hour',
    change: (d) => {
      field(d, 'f_from').type = 'dateTime';
      field(d, 'f_from').defaultValue = '2026-12-05T24:00Z';
      control(d, 'c_from').kind = 'datetime';
    },
    expected: [{ code: 'default_invalid', path: F(2, '.defaultValue') }],
  },
  { rule: 'a choice default is one of the choices', change: (d) => (field(d, 'f_kind').defaultValue = 'Krank'), expected: [{ code: 'default_not_a_choice', path: F(4, '.defaultValue') }] },
  { rule: 'a choice default that is a choice passes', change: (d) => (field(d, 'f_kind').defaultValue = 'Urlaub'), expected: [] },
  { rule: 'an e-mail default is an address', change: (d) => addShownField(d, { id: 'f_mail', name: 'Mail', type: 'email', defaultValue: 'hr@' }), expected: [{ code: 'default_invalid', path: F(5, '.defaultValue') }] },
  { rule: 'a URL default is an http(s) address', change: (d) => addShownField(d, { id: 'f_web', name: 'Web', type: 'url', defaultValue: 'ftp://files.example' }), expected: [{ code: 'default_invalid', path: F(5, '.defaultValue') }] },
  { rule: 'a file field has no default', change: (d) => addShownField(d, { id: 'f_doc', name: 'Beleg', type: 'file', defaultValue: 'a.pdf' }), expected: [{ code: 'default_not_allowed', path: F(5, '.defaultValue') }] },
  { rule: 'a text default respects the length', change: (d) => Object.assign(field(d, 'f_name'), { minLength: 3, defaultValue: 'ab' }), expected: [{ code: 'default_length', path: F(0, '.defaultValue') }] },
  { rule: 'a text default matches the pattern', change: (d) => Object.assign(field(d, 'f_name'), { pattern: '[A-Z][a-z]+', defaultValue: 'anna' }), expected: [{ code: 'default_pattern_mismatch', path: F(0, '.defaultValue') }] },
  { rule: 'the pattern applies to the whole value', change: (d) => Object.assign(field(d, 'f_name'), { pattern: '[A-Z][a-z]+', defaultValue: 'Anna B' }), expected: [{ code: 'default_pattern_mismatch', path: F(0, '.defaultValue') }] },
  { rule: 'a matching text default passes', change: (d) => Object.assign(field(d, 'f_name'), { pattern: '[A-Z][a-z]+', defaultValue: 'Anna', minLength: 2 }), expected: [] },
  { rule: 'the minimum length is not above the maximum', change: (d) => (field(d, 'f_name').minLength = 121), expected: [{ code: 'length_range_invalid', path: F(0, '.minLength') }] },
  { rule: 'the minimum length is not negative', change: (d) => (field(d, 'f_name').minLength = -1), expected: [{ code: 'min_length_invalid', path: F(0, '.minLength') }] },
  { rule: 'only text-like fields have a minimum length', change: (d) => (field(d, 'f_from').minLength = 1), expected: [{ code: 'min_length_not_allowed', path: F(2, '.minLength') }] },
  { rule: 'the smallest value is not above the largest', change: (d) => Object.assign(field(d, 'f_days'), { min: 5, max: 1 }), expected: [{ code: 'range_invalid', path: F(1, '.min') }] },
  { rule: 'only numbers have a range', change: (d) => (field(d, 'f_name').max = 3), expected: [{ code: 'range_not_allowed', path: F(0, '.max') }] },
  {
    rule: 'an integer range is whole',
    change: (d) => Object.assign(field(d, 'f_days'), { type: 'integer', precision: null, min: 0.5 }),
    expected: [{ code: 'range_not_integer', path: F(1, '.min') }],
  },
  { rule: 'a precision lies between 0 and 10', change: (d) => (field(d, 'f_days').precision = 11), expected: [{ code: 'precision_invalid', path: F(1, '.precision') }] },
  { rule: 'only decimals have a precision', change: (d) => (field(d, 'f_name').precision = 2), expected: [{ code: 'precision_not_allowed', path: F(0, '.precision') }] },
  { rule: 'a pattern is a valid regular expression', change: (d) => (field(d, 'f_name').pattern = '([a-z]'), expected: [{ code: 'pattern_invalid', path: F(0, '.pattern') }] },
  { rule: 'a pattern is valid on its own, not only inside ^(?:…)$', change: (d) => (field(d, 'f_name').pattern = 'a)|(b'), expected: [{ code: 'pattern_invalid', path: F(0, '.pattern') }] },
  { rule: 'an empty pattern is no pattern', change: (d) => Object.assign(field(d, 'f_name'), { pattern: '', defaultValue: 'Anna' }), expected: [] },
  { rule: 'only text-like fields have a pattern', change: (d) => (field(d, 'f_days').pattern = '\\d+'), expected: [{ code: 'pattern_not_allowed', path: F(1, '.pattern') }] },
  { rule: 'a yes/no field cannot be unique', change: (d) => (field(d, 'f_half').unique = true), expected: [{ code: 'unique_not_allowed', path: F(3, '.unique') }] },
  { rule: 'a text field can be unique', change: (d) => (field(d, 'f_name').unique = true), expected: [] },
  { rule: 'a reference names its data group', change: (d) => (field(d, 'f_emp').referenceDataGroupId = null), expected: [{ code: 'reference_target_missing', path: 'dataGroups[1].fields[1].referenceDataGroupId' }] },
  { rule: 'a reference to a deleted data group is broken', change: (d) => (field(d, 'f_emp').referenceDataGroupId = 'gone'), expected: [{ code: 'reference_target_broken', path: 'dataGroups[1].fields[1].referenceDataGroupId' }] },
  { rule: 'only reference fields point at a data group', change: (d) => (field(d, 'f_name').referenceDataGroupId = 'dg_days'), expected: [{ code: 'reference_not_allowed', path: F(0, '.referenceDataGroupId') }] },
  // Data groups
  { rule: 'a parent that does not exist', change: (d) => (group(d, 1).parentId = 'gone'), expected: [{ code: 'parent_missing', path: 'dataGroups[1].parentId' }] },
  { rule: 'a data group that is its own parent', change: (d) => (group(d, 1).parentId = 'dg_days'), expected: [{ code: 'parent_self', path: 'dataGroups[1].parentId' }] },
  {
    rule: 'a parent cycle is reported on every group on it',
    change: (d) => (group(d).parentId = 'dg_days'),
    expected: [
      { code: 'parent_cycle', path: 'dataGroups[0].parentId' },
      { code: 'parent_cycle', path: 'dataGroups[1].parentId' },
    ],
  },
  // Controls
  { rule: 'an e-mail control cannot show a text field', change: (d) => (control(d, 'c_name').kind = 'email'), expected: [{ code: 'control_type_mismatch', path: 'pages[0].controls[1].fieldId' }] },
  { rule: 'a control sits in a container of its page', change: (d) => (control(d, 'c_day').containerId = 'gone'), expected: [{ code: 'container_missing', path: 'pages[1].controls[1].containerId' }] },
  { rule: 'only containers hold controls', change: (d) => (control(d, 'c_day').containerId = 'c_back'), expected: [{ code: 'container_not_container', path: 'pages[1].controls[1].containerId' }] },
  { rule: 'a container is not nested in itself', change: (d) => (control(d, 'c_tabs').containerId = 'c_tabs'), expected: [{ code: 'container_cycle', path: 'pages[1].controls[0].containerId' }] },
  {
    rule: 'two containers nested in each other are both reported',
    change: (d) => {
      page(d, 1).controls.push(newControlDefinition({ id: 'c_sec', kind: 'section', label: 'Abschnitt', x: 0, y: 0, w: 12, containerId: 'c_tabs' }));
      control(d, 'c_tabs').containerId = 'c_sec';
    },
    expected: [
      { code: 'container_cycle', path: 'pages[1].controls[0].containerId' },
      { code: 'container_cycle', path: 'pages[1].controls[6].containerId' },
    ],
  },
  { rule: 'a child lies inside its container', change: (d) => (control(d, 'c_day').y = 4), expected: [{ code: 'control_outside_container', path: 'pages[1].controls[1]' }] },
  { rule: 'a child is on one of the tab set\'s tabs', change: (d) => (control(d, 'c_emp').tab = 2), expected: [{ code: 'tab_out_of_range', path: 'pages[1].controls[2].tab' }] },
  {
    rule: 'a tab set has tabs',
    change: (d) => (control(d, 'c_tabs').tabs = []),
    expected: [
      { code: 'tabs_missing', path: 'pages[1].controls[0].tabs' },
      { code: 'tab_out_of_range', path: 'pages[1].controls[1].tab' },
      { code: 'tab_out_of_range', path: 'pages[1].controls[2].tab' },
    ],
  },
  { rule: 'every tab has a title', change: (d) => (control(d, 'c_tabs').tabs[1] = ' '), expected: [{ code: 'tab_title_missing', path: 'pages[1].controls[0].tabs[1]' }] },
  { rule: 'controls on the same tab overlap', change: (d) => (control(d, 'c_emp').tab = 0), expected: [{ code: 'controls_overlap', path: 'pages[1].controls[2]' }] },
  {
    rule: 'a child overlapping its container (it lies in it) is no overlap; siblings on the page are',
    change: (d) => page(d, 1).controls.push(newControlDefinition({ id: 'c_over', kind: 'label', label: 'Hinweis', x: 6, y: 3, w: 6 })),
    expected: [{ code: 'controls_overlap', path: 'pages[1].controls[6]' }],
  },
  { rule: 'a control is at least one row high', change: (d) => (control(d, 'c_back').h = 0), expected: [{ code: 'control_size_invalid', path: 'pages[1].controls[3]' }] },
  { rule: 'a control ends above the last grid row', change: (d) => (control(d, 'c_back').y = 200), expected: [{ code: 'control_outside_grid', path: 'pages[1].controls[3]' }] },
  // Tables
  { rule: 'a table shows a data group', change: (d) => (table(d).dataGroupId = null), expected: [{ code: 'table_data_group_missing', path: 'pages[0].controls[8].table' }] },
  {
    rule: 'a table of a deleted data group is broken',
    change: (d) => (table(d).dataGroupId = 'gone'),
    expected: [
      { code: 'table_data_group_broken', path: 'pages[0].controls[8].table.dataGroupId' },
      { code: 'table_open_page_other_data_group', path: 'pages[0].controls[8].table.openPageId' },
    ],
  },
  { rule: 'a table has columns', change: (d) => (table(d).columns = []), expected: [{ code: 'table_columns_missing', path: 'pages[0].controls[8].table.columns' }] },
  { rule: 'a column is a field of the table\'s data group', change: (d) => table(d).columns.push('f_name'), expected: [{ code: 'table_column_invalid', path: 'pages[0].controls[8].table.columns[2]' }] },
  { rule: 'system fields are columns too', change: (d) => table(d).columns.push('owner', 'changed', 'id', 'f_emp'), expected: [] },
  { rule: 'a table sorts by a field', change: (d) => (table(d).sort = { column: 'f_kind', direction: 'asc' }), expected: [{ code: 'table_sort_invalid', path: 'pages[0].controls[8].table.sort.column' }] },
  { rule: 'a table sorts by a system field', change: (d) => (table(d).sort = { column: 'created', direction: 'desc' }), expected: [] },
  {
    rule: 'a table filters by a field',
    change: (d) => (table(d).filter = { column: 'nope', operator: 'equals', value: 'x' }),
    expected: [{ code: 'table_filter_invalid', path: 'pages[0].controls[8].table.filter.column' }],
  },
  { rule: 'a page size is at least 1', change: (d) => (table(d).pageSize = 0), expected: [{ code: 'table_page_size_invalid', path: 'pages[0].controls[8].table.pageSize' }] },
  { rule: 'a page size is at most 500', change: (d) => (table(d).pageSize = 501), expected: [{ code: 'table_page_size_invalid', path: 'pages[0].controls[8].table.pageSize' }] },
  {
    rule: 'a table opens records on a page that exists',
    change: (d) => (table(d).openPageId = 'gone'),
    expected: [
      { code: 'table_open_page_missing', path: 'pages[0].controls[8].table.openPageId' },
      { code: 'page_unreachable', path: 'pages[1]' },
    ],
  },
  {
    rule: 'a table opens records on a page of the same data group',
    change: (d) => (table(d).openPageId = 'p1'),
    expected: [
      { code: 'table_open_page_other_data_group', path: 'pages[0].controls[8].table.openPageId' },
      { code: 'page_unreachable', path: 'pages[1]' },
    ],
  },
  // Buttons, images, links
  { rule: 'a button does something', change: (d) => (control(d, 'c_send').action = null), expected: [{ code: 'button_action_missing', path: 'pages[0].controls[7].action' }] },
  { rule: 'go to page names a page', change: (d) => (control(d, 'c_back').action!.pageId = null), expected: [{ code: 'button_target_missing', path: 'pages[1].controls[3].action.pageId' }] },
  { rule: 'open record names a page that exists', change: (d) => (control(d, 'c_back').action = { type: 'openRecord', pageId: 'gone', confirm: true }), expected: [{ code: 'button_target_missing', path: 'pages[1].controls[3].action.pageId' }] },
  {
    rule: 'open record goes to a page that shows a data group',
    change: (d) => {
      control(d, 'c_back').action = { type: 'openRecord', pageId: 'p_info', confirm: true };
      d.pages.push({ id: 'p_info', title: 'Info', dataGroupId: null, controls: [newControlDefinition({ id: 'c_info', kind: 'label', label: 'Info', x: 0, y: 0, w: 3 })] });
    },
    expected: [{ code: 'button_target_no_data_group', path: 'pages[1].controls[3].action.pageId' }],
  },
  { rule: 'open record on a page of a data group passes', change: (d) => (control(d, 'c_back').action = { type: 'openRecord', pageId: 'p1', confirm: true }), expected: [] },
  {
    rule: 'save and delete need a data group on their page',
    change: (d) => {
      control(d, 'c_back').action = { type: 'goToPage', pageId: 'p_info', confirm: true };
      d.pages.push({ id: 'p_info', title: 'Info', dataGroupId: null, controls: [newControlDefinition({ id: 'c_del', kind: 'button', label: 'Löschen', x: 0, y: 0, w: 3, action: { type: 'delete', pageId: null, confirm: true } })] });
    },
    expected: [{ code: 'button_needs_data_group', path: 'pages[2].controls[0].action' }],
  },
  { rule: 'an image needs an http(s) address', change: (d) => (control(d, 'c_img').url = 'javascript:alert(1)'), expected: [{ code: 'url_invalid', path: 'pages[1].controls[4].url' }] },
  { rule: 'a link needs an address', change: (d) => (control(d, 'c_link').url = ''), expected: [{ code: 'url_invalid', path: 'pages[1].controls[5].url' }] },
  // The whole application
  { rule: 'a field on no page is a warning', change: (d) => group(d, 1).fields.push(newFieldDefinition({ id: 'f_hidden', name: 'Intern', type: 'text' })), expected: [{ code: 'field_not_shown', path: 'dataGroups[1].fields[2]' }] },
  { rule: 'a field shown only as a table column is shown', change: (d) => (control(d, 'c_day').fieldId = null), expected: [{ code: 'control_unbound', path: 'pages[1].controls[1].fieldId' }] },
  { rule: 'a page nobody reaches is a warning', change: (d) => (table(d).openPageId = null), expected: [{ code: 'page_unreachable', path: 'pages[1]' }] },
  {
    rule: 'a button of the start page reaches a page',
    change: (d) => {
      table(d).openPageId = null;
      control(d, 'c_send').action = { type: 'goToPage', pageId: 'p_day', confirm: true };
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

  it('refuses to call an empty application publishable: nothing to publish is an error', () => {
    const empty = validateApplicationDefinition({ dataGroups: [], pages: [] });
    expect(empty).toMatchObject([{ code: 'nothing_to_publish', severity: 'error', path: 'pages', target: { kind: 'application' } }]);
    const blankPages = validateApplicationDefinition({ dataGroups: [], pages: [{ id: 'p1', title: 'Start', dataGroupId: null, controls: [] }] });
    expect(blankPages.map(({ code, path }) => ({ code, path }))).toEqual([{ code: 'nothing_to_publish', path: 'pages[0].controls' }]);
    expect(publishBlockers(blankPages)).toHaveLength(1);
  });

  it('marks fields shown nowhere and pages nobody reaches as warnings, which do not block publishing', () => {
    const definition = validDefinition();
    group(definition).fields.push(newFieldDefinition({ id: 'f_note', name: 'Notiz', type: 'longText' }));
    table(definition).openPageId = null;
    const issues = validateApplicationDefinition(definition);
    expect(issues.map(({ code, severity }) => ({ code, severity }))).toEqual([
      { code: 'field_not_shown', severity: 'warning' },
      { code: 'page_unreachable', severity: 'warning' },
    ]);
    expect(publishBlockers(issues)).toEqual([]);
  });

  it('reaches pages through buttons of reachable pages and table rows, starting at the first page', () => {
    const definition = validDefinition();
    definition.pages.push(
      { id: 'p_help', title: 'Hilfe', dataGroupId: null, controls: [newControlDefinition({ id: 'c_help', kind: 'label', label: 'Hilfe', x: 0, y: 0, w: 12 })] },
      { id: 'p_island', title: 'Insel', dataGroupId: null, controls: [newControlDefinition({ id: 'c_to_help', kind: 'button', label: 'Hilfe', x: 0, y: 0, w: 3, action: { type: 'goToPage', pageId: 'p_help', confirm: true } })] },
    );
    // A button on a page nobody reaches leads nowhere.
    expect([...reachablePageIds(definition)]).toEqual(['p1', 'p_day']);
    control(definition, 'c_back').action = { type: 'goToPage', pageId: 'p_help', confirm: true };
    expect([...reachablePageIds(definition)].sort()).toEqual(['p1', 'p_day', 'p_help']);
  });
});

describe('value formats', () => {
  it.each([
    ['2026-12-05', true],
    ['2024-02-29', true],
    ['2100-02-29', false],
    ['2026-13-01', false],
    ['2026-04-31', false],
    ['5.12.2026', false],
  ])('date %s: %s', (value, valid) => expect(isIsoDate(value)).toBe(valid));
  it.each([
    ['2026-12-05T07:30Z', true],
    ['2026-12-05T07:30', false],
    ['2026-12-05T07:30:15.250Z', true],
    ['2026-12-05T07:30:00+01:00', true],
    ['2026-12-05 07:30', false],
    ['2026-12-05T07:60Z', false],
    ['2026-12-05T07:30:00.1234Z', false],
    ['2026-12-05', false],
  ])('date-time %s: %s', (value, valid) => expect(isIsoDateTime(value)).toBe(valid));
  it.each([
    ['https://intranet.example/a?b=c#d', true],
    ['http://localhost:8080', true],
    ['HTTPS://EXAMPLE.ORG', true],
    ['ftp://example.org', false],
    ['javascript:alert(1)', false],
    ['https://', false],
    ['https://user@evil.example', false],
    ['', false],
  ])('address %s: %s', (value, valid) => expect(isHttpUrl(value)).toBe(valid));
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
    expect(summarizeDefinition(validDefinition())).toEqual({ dataGroups: 2, fields: 7, pages: 2, controls: 15 });
  });
});
