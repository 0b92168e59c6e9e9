// @vitest-environment jsdom
import '../../../test/setup-dom';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CallResult } from '../../../../../common/contract';
import {
  newControlDefinition,
  newDataGroupDefinition,
  newFieldDefinition,
  type ApplicationDefinition,
} from '../../../../../common/domain/application-definition';
import type { ApplicationRecord } from '../../../../../common/portal-api/designer';
import { setConsoleTransport } from '../../../lib/console-client';
import { i18n } from '../../../lib/i18n';
import { renderWithProviders } from '../../../test/render';
import { openInStore } from './designer-test-utils';
import { PagePreview } from './PagePreview';

const APP = '00000000-0000-4000-8000-000000000001';
const R1 = '11111111-1111-4111-8111-111111111111';
const R2 = '22222222-2222-4222-8222-222222222222';

type Handler = (request: Record<string, unknown>) => CallResult | Promise<CallResult>;
const ok = (value: unknown): CallResult => ({ ok: true, value });

function fakeBackend(handlers: Record<string, Handler>) {
  const calls: { channel: string; request: Record<string, unknown> }[] = [];
  setConsoleTransport({
    call: async (channel, request) => {
      calls.push({ channel, request: request as Record<string, unknown> });
      const handler = handlers[channel];
      return handler ? handler(request as Record<string, unknown>) : { ok: false, error: { code: 'NOT_FOUND', message: channel } };
    },
  });
  return calls;
}

const definition: ApplicationDefinition = {
  dataGroups: [
    newDataGroupDefinition({
      id: 'dg_orders',
      name: 'Orders',
      tableName: 'orders',
      fields: [
        newFieldDefinition({ id: 'f_no', name: 'Number', type: 'text', required: true, pattern: '[A-Z]{2}-\\d{3}' }),
        newFieldDefinition({ id: 'f_total', name: 'Total', type: 'decimal', min: 0 }),
        newFieldDefinition({ id: 'f_state', name: 'State', type: 'choice', choices: [{ value: 'open', label: 'Open' }, { value: 'done', label: 'Done' }] }),
      ],
    }),
  ],
  pages: [
    {
      id: 'p_list',
      title: 'All orders',
      dataGroupId: 'dg_orders',
      controls: [
        newControlDefinition({
          id: 'c_table',
          kind: 'table',
          label: 'Orders',
          x: 0,
          y: 0,
          w: 12,
          table: { dataGroupId: 'dg_orders', columns: ['f_no', 'f_state', 'f_total'], sort: { column: 'f_total', direction: 'desc' }, filter: { column: 'f_state', operator: 'equals', value: 'open' }, pageSize: 2, openPageId: 'p_edit' },
        }),
        newControlDefinition({ id: 'c_new', kind: 'button', label: 'New order', x: 0, y: 6, w: 3, action: { type: 'goToPage', pageId: 'p_edit', confirm: true } }),
      ],
    },
    {
      id: 'p_edit',
      title: 'Order',
      dataGroupId: 'dg_orders',
      controls: [
        newControlDefinition({ id: 'c_box', kind: 'groupbox', label: 'Order data', x: 0, y: 0, w: 12, h: 4 }),
        newControlDefinition({ id: 'c_no', kind: 'textfield', label: 'Number', fieldId: 'f_no', x: 0, y: 1, w: 6, containerId: 'c_box' }),
        newControlDefinition({ id: 'c_total', kind: 'number', label: 'Total', fieldId: 'f_total', x: 6, y: 1, w: 6, containerId: 'c_box' }),
        newControlDefinition({ id: 'c_tabs', kind: 'tabs', label: 'More', x: 0, y: 4, w: 12, h: 3, tabs: ['State', 'Notes'] }),
        newControlDefinition({ id: 'c_state', kind: 'dropdown', label: 'State', fieldId: 'f_state', x: 0, y: 5, w: 6, containerId: 'c_tabs', tab: 0 }),
        newControlDefinition({ id: 'c_note', kind: 'label', label: 'Notes go here', x: 0, y: 5, w: 6, containerId: 'c_tabs', tab: 1 }),
        newControlDefinition({ id: 'c_save', kind: 'button', label: 'Save', x: 0, y: 7, w: 3, action: { type: 'save', pageId: null, confirm: true } }),
        newControlDefinition({ id: 'c_delete', kind: 'button', label: 'Delete', x: 3, y: 7, w: 3, action: { type: 'delete', pageId: 'p_list', confirm: true } }),
        newControlDefinition({ id: 'c_cancel', kind: 'button', label: 'Cancel', x: 6, y: 7, w: 3, action: { type: 'cancel', pageId: null, confirm: true } }),
      ],
    },
  ],
};

function record(id: string, values: ApplicationRecord['values'], version = 1): ApplicationRecord {
  return { id, applicationId: APP, dataGroupId: 'dg_orders', parentRecordId: null, values, owner: 'admin', created: '2027-06-01T08:00:00.000Z', changed: '2027-06-01T08:00:00.000Z', version };
}

const published = (version: number) => () =>
  ok({ etag: `"v${version}"`, value: { applicationId: APP, applicationName: 'Shop', version, publishedAt: version ? '2027-06-01T08:00:00.000Z' : null, publishedBy: version ? 'admin' : null, definition } });

function show(pageId: string) {
  openInStore(definition);
  const page = definition.pages.find((candidate) => candidate.id === pageId)!;
  return renderWithProviders(<PagePreview page={page} definition={definition} />);
}

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

afterEach(() => setConsoleTransport(null));

describe('page preview', () => {
  it("lists the portal's records with the designed columns, sort, filter and page size, pages through them and opens a row on the detail page", async () => {
    const rows = [record(R1, { f_no: 'AB-100', f_total: 1250.5, f_state: 'open' }), record(R2, { f_no: 'AB-101', f_total: 99, f_state: 'open' })];
    const calls = fakeBackend({
      'applications:definition': published(3),
      'applications:records': (request) => ok({ items: request.offset === 0 ? rows : [rows[0]], total: 3, offset: request.offset, limit: request.limit }),
      'applications:record': (request) => ok({ etag: '"r1"', value: rows.find((row) => row.id === request.recordId) }),
    });
    show('p_list');
    const table = await screen.findByTestId('preview-c_table');
    await waitFor(() => expect(table.getAttribute('data-state')).toBe('ready'));
    expect(calls.find((call) => call.channel === 'applications:records')?.request).toEqual({
      applicationId: APP,
      dataGroupId: 'dg_orders',
      offset: 0,
      limit: 2,
      sort: 'f_total',
      direction: 'desc',
      filterColumn: 'f_state',
      filterOperator: 'equals',
      filterValue: 'open',
    });
    expect(within(table).getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual(['Number', 'State', 'Total ▼']);
    const first = screen.getByTestId(`preview-row-${R1}`);
    expect(within(first).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['AB-100', 'Open', (1250.5).toLocaleString('en')]);
    expect(screen.getByTestId('preview-c_table-range').textContent).toBe('1–2 of 3');
    expect(screen.getByTestId('preview-c_table-filter').textContent).toBe('Filtered: State equals open');

    fireEvent.click(screen.getByTestId('preview-c_table-next'));
    await waitFor(() => expect(calls.filter((call) => call.channel === 'applications:records').at(-1)?.request.offset).toBe(2));
    fireEvent.click(screen.getByTestId('preview-c_table-previous'));
    await waitFor(() => expect(screen.getByTestId('preview-c_table-range').textContent).toBe('1–2 of 3'));

    fireEvent.keyDown(screen.getByTestId(`preview-row-${R2}`), { key: 'Enter' });
    await waitFor(() => expect(screen.getByTestId('page-preview').getAttribute('data-page-id')).toBe('p_edit'));
    expect(screen.getByTestId('page-preview').getAttribute('data-record-id')).toBe(R2);
    expect(await screen.findByTestId('preview-page-title')).toHaveProperty('textContent', 'Order');
    fireEvent.click(screen.getByTestId('preview-back'));
    expect(screen.getByTestId('page-preview').getAttribute('data-page-id')).toBe('p_list');
  });

  it('shows loading, empty and error states of a table', async () => {
    let answer: CallResult = ok({ items: [], total: 0, offset: 0, limit: 2 });
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    fakeBackend({ 'applications:definition': published(1), 'applications:records': async () => (await held, answer) });
    const first = show('p_list');
    const table = await screen.findByTestId('preview-c_table');
    expect(table.getAttribute('data-state')).toBe('loading');
    expect(within(table).getByText('Loading records …')).toBeTruthy();
    release();
    await waitFor(() => expect(table.getAttribute('data-state')).toBe('empty'));
    expect(within(table).getByText('No records.')).toBeTruthy();
    first.unmount();
    answer = { ok: false, error: { code: 'UNREACHABLE', message: 'portal down' } };
    show('p_list');
    await waitFor(() => expect(screen.getByTestId('preview-c_table').getAttribute('data-state')).toBe('error'));
    expect(screen.getByTestId('error-alert')).toBeTruthy();
  });

  it('says why tables are empty when the application was never published, and asks for nothing', async () => {
    const calls = fakeBackend({ 'applications:definition': published(0) });
    show('p_list');
    expect(await screen.findByTestId('preview-unpublished')).toBeTruthy();
    expect(screen.getByTestId('preview-c_table').getAttribute('data-state')).toBe('unpublished');
    expect(calls.some((call) => call.channel === 'applications:records')).toBe(false);
  });

  it('renders containers with working tabs, validates per field on save and creates the record through the portal', async () => {
    const calls = fakeBackend({
      'applications:definition': published(2),
      'applications:createRecord': (request) => ok({ etag: '"c1"', value: record(R1, request.values as ApplicationRecord['values']) }),
    });
    show('p_edit');
    await screen.findByTestId('preview-record-state');
    expect(screen.getByTestId('preview-c_box').getAttribute('data-kind')).toBe('groupbox');
    expect(screen.getByTestId('preview-c_state')).toBeTruthy();
    expect(screen.queryByTestId('preview-c_note')).toBeNull();
    fireEvent.click(screen.getByTestId('preview-c_tabs-tab-1'));
    expect(screen.getByTestId('preview-c_note').textContent).toBe('Notes go here');
    expect(screen.queryByTestId('preview-c_state')).toBeNull();
    fireEvent.click(screen.getByTestId('preview-c_tabs-tab-0'));

    fireEvent.change(screen.getByTestId('preview-c_no'), { target: { value: 'ab-1' } });
    fireEvent.change(screen.getByTestId('preview-c_total'), { target: { value: '-5' } });
    fireEvent.click(screen.getByTestId('preview-c_save'));
    expect(screen.getByTestId('preview-status').textContent).toBe('Please correct the marked fields.');
    expect(screen.getByText('Does not match the pattern [A-Z]{2}-\\d{3}.')).toBeTruthy();
    expect(screen.getByText('At least 0.')).toBeTruthy();
    expect(calls.some((call) => call.channel === 'applications:createRecord')).toBe(false);

    fireEvent.change(screen.getByTestId('preview-c_no'), { target: { value: 'AB-123' } });
    fireEvent.change(screen.getByTestId('preview-c_total'), { target: { value: '12.5' } });
    expect(screen.queryByText('At least 0.')).toBeNull();
    fireEvent.click(screen.getByTestId('preview-c_save'));
    await waitFor(() => expect(screen.getByTestId('preview-status').textContent).toBe('Saved.'));
    expect(calls.find((call) => call.channel === 'applications:createRecord')?.request).toEqual({
      applicationId: APP,
      dataGroupId: 'dg_orders',
      values: { f_no: 'AB-123', f_total: 12.5, f_state: null },
      parentRecordId: null,
    });
    expect(screen.getByTestId('preview-record-state').getAttribute('data-record-id')).toBe(R1);
  });

  it('shows the portal\'s field errors, and deletes the open record only after confirmation', async () => {
    let refuse = true;
    const rows = [record(R1, { f_no: 'AB-100', f_total: 5, f_state: 'open' }, 7)];
    const calls = fakeBackend({
      'applications:definition': published(2),
      'applications:records': () => ok({ items: rows, total: 1, offset: 0, limit: 2 }),
      'applications:record': () => ok({ etag: '"r7"', value: rows[0] }),
      'applications:updateRecord': (request) =>
        refuse
          ? { ok: false, error: { code: 'VALIDATION', message: 'invalid', details: { errors: [{ path: 'values.f_no', message: 'not_unique: AB-100 is taken' }] } } }
          : ok({ etag: '"r8"', value: record(R1, request.values as ApplicationRecord['values'], 8) }),
      'applications:deleteRecord': () => ok({ deleted: 1 }),
    });
    show('p_list');
    fireEvent.click(await screen.findByTestId(`preview-row-${R1}`));
    expect(await screen.findByTestId('preview-c_no')).toHaveProperty('value', 'AB-100');
    fireEvent.click(screen.getByTestId('preview-c_save'));
    expect(await screen.findByText('This value is already taken.')).toBeTruthy();
    expect(calls.find((call) => call.channel === 'applications:updateRecord')?.request).toMatchObject({ applicationId: APP, recordId: R1, ifMatch: '"r7"' });

    refuse = false;
    fireEvent.click(screen.getByTestId('preview-c_delete'));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this record?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(calls.some((call) => call.channel === 'applications:deleteRecord')).toBe(false);
    fireEvent.click(screen.getByTestId('preview-c_delete'));
    fireEvent.click(await screen.findByTestId('preview-delete-confirm'));
    await waitFor(() => expect(screen.getByTestId('page-preview').getAttribute('data-page-id')).toBe('p_list'));
    expect(calls.find((call) => call.channel === 'applications:deleteRecord')?.request).toEqual({ applicationId: APP, recordId: R1, ifMatch: '"r7"' });
    expect(screen.getByTestId('preview-status').textContent).toBe('Deleted.');
  });

  it('goes to a page with a button and back with cancel', async () => {
    fakeBackend({ 'applications:definition': published(1), 'applications:records': () => ok({ items: [], total: 0, offset: 0, limit: 2 }) });
    show('p_list');
    fireEvent.click(await screen.findByTestId('preview-c_new'));
    expect(screen.getByTestId('page-preview').getAttribute('data-page-id')).toBe('p_edit');
    expect(screen.getByTestId('preview-record-state').textContent).toBe('New record');
    fireEvent.click(screen.getByTestId('preview-c_cancel'));
    expect(screen.getByTestId('page-preview').getAttribute('data-page-id')).toBe('p_list');
  });

  it('shows images and links, and names an image address the console may not load', async () => {
    fakeBackend({ 'applications:definition': published(1) });
    const page = {
      id: 'p_info',
      title: 'About',
      dataGroupId: null,
      controls: [
        newControlDefinition({ id: 'c_img', kind: 'image', label: 'Logo', x: 0, y: 0, w: 4, url: 'https://example.org/logo.png' }),
        newControlDefinition({ id: 'c_link', kind: 'link', label: 'Terms', x: 4, y: 0, w: 4, url: 'https://example.org/terms' }),
      ],
    };
    openInStore({ ...definition, pages: [page] });
    renderWithProviders(<PagePreview page={page} definition={{ ...definition, pages: [page] }} />);
    const image = await screen.findByTestId('preview-c_img');
    expect(image.getAttribute('alt')).toBe('Logo');
    expect(screen.getByTestId('preview-c_link').getAttribute('href')).toBe('https://example.org/terms');
    fireEvent.error(image);
    expect(screen.getByTestId('preview-c_img').textContent).toBe('Image https://example.org/logo.png: the console loads no pictures from other addresses; the portal shows it.');
    expect(screen.queryByTestId('preview-record-state')).toBeNull();
  });

  it("creates a child record from its parent's record (the child table lists only its children) and returns to the parent", async () => {
    const withItems: ApplicationDefinition = {
      dataGroups: [
        ...definition.dataGroups,
        newDataGroupDefinition({ id: 'dg_items', name: 'Items', tableName: 'items', parentId: 'dg_orders', fields: [newFieldDefinition({ id: 'f_item', name: 'Item', type: 'text', required: true })] }),
      ],
      pages: [
        definition.pages[0]!,
        {
          ...definition.pages[1]!,
          controls: [
            newControlDefinition({ id: 'c_no', kind: 'textfield', label: 'Number', fieldId: 'f_no', x: 0, y: 0, w: 6 }),
            newControlDefinition({ id: 'c_items', kind: 'table', label: 'Items', x: 0, y: 1, w: 12, table: { dataGroupId: 'dg_items', columns: ['f_item'], sort: null, filter: null, pageSize: 10, openPageId: 'p_item' } }),
            newControlDefinition({ id: 'c_add', kind: 'button', label: 'New item', x: 0, y: 7, w: 3, action: { type: 'goToPage', pageId: 'p_item', confirm: true } }),
          ],
        },
        {
          id: 'p_item',
          title: 'Item',
          dataGroupId: 'dg_items',
          controls: [
            newControlDefinition({ id: 'c_item', kind: 'textfield', label: 'Item', fieldId: 'f_item', x: 0, y: 0, w: 6 }),
            newControlDefinition({ id: 'c_item_save', kind: 'button', label: 'Save item', x: 0, y: 1, w: 3, action: { type: 'save', pageId: 'p_edit', confirm: true } }),
          ],
        },
      ],
    };
    const order = record(R1, { f_no: 'AB-100', f_total: 5, f_state: 'open' });
    const calls = fakeBackend({
      'applications:definition': published(4),
      'applications:record': () => ok({ etag: '"o1"', value: order }),
      'applications:records': (request) => ok({ items: request.dataGroupId === 'dg_orders' ? [order] : [], total: request.dataGroupId === 'dg_orders' ? 1 : 0, offset: 0, limit: 10 }),
      'applications:createRecord': (request) => ok({ etag: '"i1"', value: { ...record(R2, request.values as ApplicationRecord['values']), dataGroupId: 'dg_items', parentRecordId: R1 } }),
    });
    openInStore(withItems);
    renderWithProviders(<PagePreview page={withItems.pages[0]!} definition={withItems} />);
    fireEvent.click(await screen.findByTestId(`preview-row-${R1}`));
    await waitFor(() => expect(screen.getByTestId('preview-c_items').getAttribute('data-state')).toBe('empty'));
    expect(calls.filter((call) => call.channel === 'applications:records').at(-1)?.request).toMatchObject({ dataGroupId: 'dg_items', parentRecordId: R1 });
    fireEvent.click(screen.getByTestId('preview-c_add'));
    expect(screen.getByTestId('page-preview').getAttribute('data-page-id')).toBe('p_item');
    fireEvent.click(await screen.findByTestId('preview-c_item_save'));
    expect(await screen.findByText('Required.')).toBeTruthy();
    fireEvent.change(screen.getByTestId('preview-c_item'), { target: { value: 'Screws' } });
    fireEvent.click(screen.getByTestId('preview-c_item_save'));
    await waitFor(() => expect(screen.getByTestId('page-preview').getAttribute('data-page-id')).toBe('p_edit'));
    expect(calls.find((call) => call.channel === 'applications:createRecord')?.request).toEqual({ applicationId: APP, dataGroupId: 'dg_items', values: { f_item: 'Screws' }, parentRecordId: R1 });
    // Back on the order it came from, with the order still open.
    expect(screen.getByTestId('page-preview').getAttribute('data-record-id')).toBe(R1);
    expect(await screen.findByTestId('preview-c_no')).toHaveProperty('value', 'AB-100');
    expect(screen.getByTestId('preview-status').textContent).toBe('Saved.');
  });
});
