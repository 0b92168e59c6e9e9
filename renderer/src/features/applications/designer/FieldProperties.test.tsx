// @vitest-environment jsdom
import '../../../test/setup-dom';
import { fireEvent, screen, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { newDataGroupDefinition, newFieldDefinition, type ApplicationDefinition, type FieldDefinition, type FieldType } from '../../../../../common/domain/application-definition';
import { i18n } from '../../../lib/i18n';
import { renderWithProviders } from '../../../test/render';
import { currentDefinition, openInStore, StoreBoundPanels } from './designer-test-utils';

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

function app(fields: FieldDefinition[], more: ApplicationDefinition['dataGroups'] = []): ApplicationDefinition {
  return { dataGroups: [newDataGroupDefinition({ id: 'dg_orders', name: 'Orders', tableName: 'orders', fields }), ...more], pages: [] };
}

const field = (type: FieldType, extra: Partial<FieldDefinition> = {}) => newFieldDefinition({ id: 'f_x', name: 'Amount', type, ...extra });
const stored = () => currentDefinition().dataGroups[0]!.fields[0]!;

export function pick(testId: string, option: string): void {
  fireEvent.click(screen.getByTestId(testId));
  fireEvent.click(screen.getByRole('option', { name: option }));
}

function openField(definition: ApplicationDefinition) {
  openInStore(definition, { kind: 'field', id: 'f_x', dataGroupId: 'dg_orders' });
  renderWithProviders(<StoreBoundPanels />);
}

describe('field properties per type', () => {
  it.each<[FieldType, string[], string[]]>([
    ['text', ['prop-unique', 'prop-min-length', 'prop-max-length', 'prop-pattern', 'prop-default'], ['prop-min', 'prop-precision', 'choices-editor', 'prop-reference']],
    ['longText', ['prop-min-length', 'prop-max-length', 'prop-pattern', 'prop-default'], ['prop-unique', 'prop-min', 'prop-precision']],
    ['integer', ['prop-unique', 'prop-min', 'prop-max', 'prop-default'], ['prop-precision', 'prop-max-length', 'prop-pattern']],
    ['decimal', ['prop-min', 'prop-max', 'prop-precision', 'prop-default'], ['prop-max-length', 'choices-editor']],
    ['boolean', ['prop-default'], ['prop-unique', 'prop-min', 'prop-max-length']],
    ['date', ['prop-default', 'prop-unique'], ['prop-min', 'prop-max-length']],
    ['dateTime', ['prop-default'], ['prop-min', 'prop-pattern']],
    ['choice', ['choices-editor', 'prop-default'], ['prop-unique', 'prop-max-length']],
    ['email', ['prop-max-length', 'prop-unique'], ['prop-pattern', 'prop-min']],
    ['url', ['prop-max-length'], ['prop-pattern', 'prop-precision']],
    ['file', [], ['prop-default', 'prop-unique', 'prop-max-length']],
    ['reference', ['prop-reference'], ['prop-default', 'prop-unique', 'choices-editor']],
  ])('a %s field shows only its rules', (type, shown, hidden) => {
    openField(app([field(type)]));
    expect(screen.getByTestId('field-properties').getAttribute('data-type')).toBe(type);
    expect(screen.getByTestId('prop-required')).toBeTruthy();
    for (const id of shown) expect(screen.queryByTestId(id), id).not.toBeNull();
    for (const id of hidden) expect(screen.queryByTestId(id), id).toBeNull();
  });

  it('changing the type drops what the new type cannot have and re-picking the type keeps everything', () => {
    openField(app([field('text', { maxLength: 20, minLength: 2, pattern: '[A-Z]+', unique: true, defaultValue: 'ABC' })]));
    pick('prop-field-type', 'Text');
    expect(stored()).toMatchObject({ type: 'text', maxLength: 20, pattern: '[A-Z]+', defaultValue: 'ABC' });
    pick('prop-field-type', 'Decimal');
    expect(stored()).toMatchObject({ type: 'decimal', maxLength: null, minLength: null, pattern: null, unique: true, precision: 2, defaultValue: null });
    fireEvent.change(screen.getByTestId('prop-min'), { target: { value: '1.5' } });
    fireEvent.change(screen.getByTestId('prop-max'), { target: { value: '0' } });
    expect(stored()).toMatchObject({ min: 1.5, max: 0 });
    expect(screen.getByTestId('prop-range-hint').textContent).toBe('The lower bound is above the upper bound.');
    pick('prop-field-type', 'Yes/no');
    expect(stored()).toMatchObject({ type: 'boolean', min: null, max: null, precision: null, unique: false });
  });

  it('takes a default value in an input of the type: numbers, yes/no, dates', () => {
    openField(app([field('integer')]));
    fireEvent.change(screen.getByTestId('prop-default'), { target: { value: '42' } });
    expect(stored().defaultValue).toBe('42');
    pick('prop-field-type', 'Yes/no');
    pick('prop-default', 'No');
    expect(stored().defaultValue).toBe('false');
    pick('prop-field-type', 'Date');
    expect(stored().defaultValue).toBeNull();
    fireEvent.change(screen.getByTestId('prop-default'), { target: { value: '2027-06-01' } });
    expect(stored().defaultValue).toBe('2027-06-01');
    pick('prop-field-type', 'Date and time');
    expect(stored().defaultValue).toBeNull();
    fireEvent.change(screen.getByTestId('prop-default'), { target: { value: '2027-06-01T09:30' } });
    expect(stored().defaultValue).toBe(new Date('2027-06-01T09:30').toISOString());
  });

  it('tests a sample against the pattern as a whole value and says when the pattern is broken', () => {
    openField(app([field('text', { pattern: '[A-Z]{2}-\\d{4}' })]));
    fireEvent.change(screen.getByTestId('prop-pattern-sample'), { target: { value: 'AB-1234' } });
    expect(screen.getByTestId('prop-pattern-result').getAttribute('data-verdict')).toBe('match');
    fireEvent.change(screen.getByTestId('prop-pattern-sample'), { target: { value: 'xAB-1234' } });
    expect(screen.getByTestId('prop-pattern-result').textContent).toBe('does not match');
    fireEvent.change(screen.getByTestId('prop-pattern'), { target: { value: '[A-Z' } });
    expect(stored().pattern).toBe('[A-Z');
    expect(screen.getByTestId('prop-pattern-result').getAttribute('data-verdict')).toBe('invalid');
    expect(screen.getByText('Not a valid regular expression')).toBeTruthy();
    fireEvent.change(screen.getByTestId('prop-pattern'), { target: { value: '' } });
    expect(stored().pattern).toBeNull();
  });

  it('edits choices as values with labels: add, edit, reorder, remove, and picks the default by label', () => {
    openField(app([field('choice', { choices: [{ value: 'open', label: 'Open' }] })]));
    fireEvent.click(screen.getByTestId('choice-add'));
    fireEvent.change(screen.getByTestId('choice-value-1'), { target: { value: 'done' } });
    fireEvent.change(screen.getByTestId('choice-label-1'), { target: { value: 'Done' } });
    fireEvent.click(screen.getByTestId('choice-add'));
    fireEvent.change(screen.getByTestId('choice-value-2'), { target: { value: 'held' } });
    fireEvent.change(screen.getByTestId('choice-label-2'), { target: { value: 'On hold' } });
    expect(stored().choices).toEqual([
      { value: 'open', label: 'Open' },
      { value: 'done', label: 'Done' },
      { value: 'held', label: 'On hold' },
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Move entry 3 up' }));
    expect(stored().choices.map((choice) => choice.value)).toEqual(['open', 'held', 'done']);
    expect((screen.getByTestId('choice-down-2') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('choice-remove-0'));
    expect(stored().choices.map((choice) => choice.value)).toEqual(['held', 'done']);
    pick('prop-default', 'On hold');
    expect(stored().defaultValue).toBe('held');
    // Removing the default's choice leaves the default named as no longer a choice.
    fireEvent.click(screen.getByTestId('choice-remove-0'));
    expect(stored().defaultValue).toBe('held');
    expect(screen.getByText('Does not fit the field type')).toBeTruthy();
  });

  it('points a reference field at another data group', () => {
    openField(app([field('reference')], [newDataGroupDefinition({ id: 'dg_customers', name: 'Customers', tableName: 'customers' })]));
    pick('prop-reference', 'Customers');
    expect(stored().referenceDataGroupId).toBe('dg_customers');
    pick('prop-reference', 'Customers');
    expect(stored().referenceDataGroupId).toBe('dg_customers');
    pick('prop-field-type', 'Text');
    expect(stored().referenceDataGroupId).toBeNull();
  });
});

describe('data group properties', () => {
  it('sets a parent with its delete rule, offers no parent that would make a cycle, and lists the system fields read-only', () => {
    const definition: ApplicationDefinition = {
      dataGroups: [
        newDataGroupDefinition({ id: 'dg_orders', name: 'Orders', tableName: 'orders' }),
        newDataGroupDefinition({ id: 'dg_items', name: 'Items', tableName: 'items', parentId: 'dg_orders' }),
        newDataGroupDefinition({ id: 'dg_notes', name: 'Notes', tableName: 'notes', parentId: 'dg_items' }),
      ],
      pages: [],
    };
    openInStore(definition, { kind: 'dataGroup', id: 'dg_orders' });
    renderWithProviders(<StoreBoundPanels />);
    fireEvent.click(screen.getByTestId('prop-parent'));
    expect(screen.queryByRole('option', { name: 'Items' })).toBeNull();
    expect(screen.queryByRole('option', { name: 'Notes' })).toBeNull();
    expect(screen.queryByTestId('prop-delete-rule')).toBeNull();
    const system = screen.getByTestId('system-fields');
    expect(within(system).getAllByRole('row').map((row) => row.textContent)).toEqual(['idIdText', 'createdCreatedDate and time', 'changedChangedDate and time', 'ownerOwnerText']);
    expect(within(system).queryByRole('textbox')).toBeNull();
  });

  it('a child group chooses what deleting a parent record does', () => {
    const definition: ApplicationDefinition = {
      dataGroups: [
        newDataGroupDefinition({ id: 'dg_orders', name: 'Orders', tableName: 'orders' }),
        newDataGroupDefinition({ id: 'dg_items', name: 'Items', tableName: 'items' }),
      ],
      pages: [],
    };
    openInStore(definition, { kind: 'dataGroup', id: 'dg_items' });
    renderWithProviders(<StoreBoundPanels />);
    pick('prop-parent', 'Orders');
    expect(currentDefinition().dataGroups[1]).toMatchObject({ parentId: 'dg_orders', onParentDelete: 'cascade' });
    fireEvent.click(screen.getByLabelText('Refuse while any exist'));
    expect(currentDefinition().dataGroups[1]!.onParentDelete).toBe('restrict');
    pick('prop-parent', 'Orders');
    expect(currentDefinition().dataGroups[1]!.parentId).toBe('dg_orders');
  });
});
