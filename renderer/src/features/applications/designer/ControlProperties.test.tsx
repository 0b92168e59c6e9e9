// @vitest-environment jsdom
import '../../../test/setup-dom';
import { fireEvent, screen, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  newControlDefinition,
  newDataGroupDefinition,
  newFieldDefinition,
  type ApplicationDefinition,
  type ControlDefinition,
} from '../../../../../common/domain/application-definition';
import { i18n } from '../../../lib/i18n';
import { renderWithProviders } from '../../../test/render';
import { currentDefinition, openInStore, StoreBoundPanels } from './designer-test-utils';

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

function pick(testId: string, option: string): void {
  fireEvent.click(screen.getByTestId(testId));
  fireEvent.click(screen.getByRole('option', { name: option }));
}

function app(controls: ControlDefinition[]): ApplicationDefinition {
  return {
    dataGroups: [
      newDataGroupDefinition({
        id: 'dg_orders',
        name: 'Orders',
        tableName: 'orders',
        fields: [
          newFieldDefinition({ id: 'f_no', name: 'Number', type: 'text' }),
          newFieldDefinition({ id: 'f_total', name: 'Total', type: 'decimal' }),
          newFieldDefinition({ id: 'f_mail', name: 'Contact', type: 'email' }),
          newFieldDefinition({ id: 'f_paid', name: 'Paid', type: 'boolean' }),
        ],
      }),
      newDataGroupDefinition({ id: 'dg_customers', name: 'Customers', tableName: 'customers', fields: [newFieldDefinition({ id: 'f_name', name: 'Name', type: 'text' })] }),
    ],
    pages: [
      { id: 'p_list', title: 'Order list', dataGroupId: 'dg_orders', controls },
      { id: 'p_edit', title: 'Order', dataGroupId: 'dg_orders', controls: [] },
    ],
  };
}

const control = () => currentDefinition().pages[0]!.controls[0]!;

function openControl(created: ControlDefinition) {
  openInStore(app([created]), { kind: 'control', id: created.id, pageId: 'p_list' });
  renderWithProviders(<StoreBoundPanels />);
}

describe('control properties', () => {
  it('offers a text field only fields it can show and keeps the field when it is picked again', () => {
    openControl(newControlDefinition({ id: 'c_1', kind: 'textfield', label: 'Number', x: 0, y: 0, w: 6 }));
    fireEvent.click(screen.getByTestId('prop-field'));
    expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual(['Number (Text)', 'Contact (E-mail)']);
    fireEvent.click(screen.getByRole('option', { name: 'Contact (E-mail)' }));
    expect(control().fieldId).toBe('f_mail');
    pick('prop-field', 'Contact (E-mail)');
    expect(control().fieldId).toBe('f_mail');
  });

  it('sizes a control by width and height within the grid', () => {
    openControl(newControlDefinition({ id: 'c_1', kind: 'textarea', label: 'Notes', x: 8, y: 2, w: 4 }));
    fireEvent.change(screen.getByTestId('prop-h'), { target: { value: '5' } });
    fireEvent.change(screen.getByTestId('prop-w'), { target: { value: '9' } });
    expect(control()).toMatchObject({ x: 8, w: 4, h: 5 });
    fireEvent.change(screen.getByTestId('prop-w'), { target: { value: '2' } });
    expect(control().w).toBe(2);
  });

  // The table tests pick many selects in a row: slow under jsdom on a busy machine, hence 60 s.
  it('designs a table view: starts on the page\'s data group, orders columns from its fields and the system fields', () => {
    openControl(newControlDefinition({ id: 'c_t', kind: 'table', label: 'Orders', x: 0, y: 0, w: 12 }));
    const columns = () => control().table?.columns;
    // A new table starts on the page's data group with its first fields.
    expect(screen.getAllByTestId(/^table-column-\d+$/).map((row) => row.getAttribute('data-column'))).toEqual(['f_no', 'f_total', 'f_mail', 'f_paid']);
    fireEvent.click(screen.getByTestId('table-column-remove-3'));
    expect(columns()).toEqual(['f_no', 'f_total', 'f_mail']);
    pick('table-add-column', 'Created');
    expect(columns()).toEqual(['f_no', 'f_total', 'f_mail', 'created']);
    fireEvent.click(screen.getByRole('button', { name: 'Move Created left' }));
    expect(columns()).toEqual(['f_no', 'f_total', 'created', 'f_mail']);
    fireEvent.click(screen.getByTestId('table-column-down-0'));
    expect(columns()).toEqual(['f_total', 'f_no', 'created', 'f_mail']);
  }, 60_000);

  it('designs a table view: sort, filter, page size and the page that opens a record; another data group starts over', () => {
    openControl(
      newControlDefinition({
        id: 'c_t',
        kind: 'table',
        label: 'Orders',
        x: 0,
        y: 0,
        w: 12,
        table: { dataGroupId: 'dg_orders', columns: ['f_total', 'f_no', 'created', 'f_mail'], sort: null, filter: null, pageSize: 25, openPageId: null },
      }),
    );
    const columns = () => control().table?.columns;
    pick('prop-sort-column', 'Total');
    fireEvent.click(within(screen.getByTestId('prop-sort-direction')).getByText('Descending'));
    pick('prop-filter-column', 'Contact');
    pick('prop-filter-operator', 'contains');
    fireEvent.change(screen.getByTestId('prop-filter-value'), { target: { value: '@example.org' } });
    fireEvent.change(screen.getByTestId('prop-page-size'), { target: { value: '10' } });
    pick('prop-open-page', 'Order');
    expect(control().table).toEqual({
      dataGroupId: 'dg_orders',
      columns: ['f_total', 'f_no', 'created', 'f_mail'],
      sort: { column: 'f_total', direction: 'desc' },
      filter: { column: 'f_mail', operator: 'contains', value: '@example.org' },
      pageSize: 10,
      openPageId: 'p_edit',
    });
    pick('prop-filter-operator', 'is empty');
    expect(screen.queryByTestId('prop-filter-value')).toBeNull();

    // Re-picking the data group keeps the design; another group starts its columns over.
    pick('prop-table-group', 'Orders');
    expect(columns()).toHaveLength(4);
    pick('prop-table-group', 'Customers');
    expect(control().table).toMatchObject({ dataGroupId: 'dg_customers', columns: [], sort: null, filter: null, openPageId: 'p_edit' });
  }, 60_000);

  it('gives a button an action: delete asks first unless turned off, go to page and open record need a page', () => {
    openControl(newControlDefinition({ id: 'c_b', kind: 'button', label: 'Remove', x: 0, y: 0, w: 3 }));
    expect(screen.getByTestId('prop-action')).toHaveProperty('value', 'Save');
    pick('prop-action', 'Delete');
    expect(control().action).toEqual({ type: 'delete', pageId: null, confirm: true });
    fireEvent.click(screen.getByTestId('prop-action-confirm'));
    expect(control().action?.confirm).toBe(false);
    pick('prop-action', 'Open record');
    expect(screen.queryByTestId('prop-action-confirm')).toBeNull();
    expect(screen.getByText('This action needs a target page.')).toBeTruthy();
    pick('prop-action-page', 'Order');
    expect(control().action).toMatchObject({ type: 'openRecord', pageId: 'p_edit' });
    pick('prop-action-page', 'Order');
    expect(control().action?.pageId).toBe('p_edit');
    expect(screen.queryByText('This action needs a target page.')).toBeNull();
  });

  it('sets the address of an image and says when it is no web address', () => {
    openControl(newControlDefinition({ id: 'c_i', kind: 'image', label: 'Logo', x: 0, y: 0, w: 3 }));
    fireEvent.change(screen.getByTestId('prop-url'), { target: { value: 'ftp://x' } });
    expect(screen.getByText('An address with http:// or https://')).toBeTruthy();
    fireEvent.change(screen.getByTestId('prop-url'), { target: { value: 'https://example.org/logo.png' } });
    expect(control().url).toBe('https://example.org/logo.png');
  });

  it('edits the tabs of a tab set and moves a control inside it to another tab', () => {
    const tabs = newControlDefinition({ id: 'c_tabs', kind: 'tabs', label: 'Details', x: 0, y: 0, w: 12, h: 4, tabs: ['General'] });
    const input = newControlDefinition({ id: 'c_in', kind: 'textfield', label: 'Number', fieldId: 'f_no', x: 0, y: 1, w: 6, containerId: 'c_tabs', tab: 0 });
    openInStore(app([tabs, input]), { kind: 'control', id: 'c_tabs', pageId: 'p_list' });
    const { unmount } = renderWithProviders(<StoreBoundPanels />);
    fireEvent.click(screen.getByTestId('prop-tab-add'));
    fireEvent.change(screen.getByTestId('prop-tab-1'), { target: { value: 'Delivery' } });
    expect(control().tabs).toEqual(['General', 'Delivery']);
    unmount();
    openInStore(currentDefinition(), { kind: 'control', id: 'c_in', pageId: 'p_list' });
    renderWithProviders(<StoreBoundPanels />);
    pick('prop-tab', 'Delivery');
    expect(currentDefinition().pages[0]!.controls[1]).toMatchObject({ containerId: 'c_tabs', tab: 1 });
  });
});
