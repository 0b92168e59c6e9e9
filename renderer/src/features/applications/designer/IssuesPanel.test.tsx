// @vitest-environment jsdom
import '../../../test/setup-dom';
import { fireEvent, screen, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  newControlDefinition,
  newDataGroupDefinition,
  newFieldDefinition,
  validateApplicationDefinition,
  type ApplicationDefinition,
} from '../../../../../common/domain/application-definition';
import { i18n } from '../../../lib/i18n';
import { renderWithProviders } from '../../../test/render';
import { useDesignerStore } from './designer-store';
import { groupIssues, IssuesPanel } from './IssuesPanel';

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

/** Orders with a field nobody shows (warning), a list page and a detail page with an unbound input (error). */
function definition(): ApplicationDefinition {
  return {
    dataGroups: [
      newDataGroupDefinition({
        id: 'dg_orders',
        name: 'Orders',
        tableName: 'orders',
        fields: [newFieldDefinition({ id: 'f_no', name: 'Number', type: 'text' }), newFieldDefinition({ id: 'f_note', name: 'Note', type: 'longText' })],
      }),
    ],
    pages: [
      {
        id: 'p_list',
        title: 'List',
        dataGroupId: 'dg_orders',
        controls: [
          newControlDefinition({
            id: 'c_table',
            kind: 'table',
            label: 'Orders',
            x: 0,
            y: 0,
            w: 12,
            table: { dataGroupId: 'dg_orders', columns: ['f_no'], sort: null, filter: null, pageSize: 25, openPageId: 'p_detail' },
          }),
        ],
      },
      {
        id: 'p_detail',
        title: 'Detail',
        dataGroupId: 'dg_orders',
        controls: [
          newControlDefinition({ id: 'c_tabs', kind: 'tabs', label: 'Tabs', x: 0, y: 0, w: 12, tabs: ['One', 'Two'] }),
          newControlDefinition({ id: 'c_no', kind: 'textfield', label: 'Number', fieldId: null, x: 0, y: 1, w: 6, containerId: 'c_tabs', tab: 1 }),
        ],
      },
    ],
  };
}

function open(d: ApplicationDefinition) {
  useDesignerStore.getState().open('app', d, { etag: '"e"', version: 1 }, null);
}

beforeEach(() => open(definition()));

describe('groupIssues', () => {
  it('groups by data group and page in the definition\'s order, errors before warnings', () => {
    const d = definition();
    d.pages[0]!.controls[0]!.table!.pageSize = 0;
    const groups = groupIssues(validateApplicationDefinition(d), d);
    expect(groups.map((group) => [group.key, group.errors, group.warnings])).toEqual([
      ['dataGroup:dg_orders', 0, 1],
      ['page:p_list', 1, 0],
      ['page:p_detail', 1, 0],
    ]);
    expect(groups[1]!.issues.map((issue) => issue.code)).toEqual(['table_page_size_invalid']);
  });

  it('puts whole-application problems first', () => {
    const empty: ApplicationDefinition = { dataGroups: [], pages: [] };
    expect(groupIssues(validateApplicationDefinition(empty), empty).map((group) => group.key)).toEqual(['application:']);
  });
});

describe('IssuesPanel', () => {
  it('counts errors and warnings, names each place and says what is wrong in the UI language', () => {
    renderWithProviders(<IssuesPanel issues={validateApplicationDefinition(definition())} />);
    const panel = screen.getByTestId('issues-panel');
    expect(panel.dataset.errors).toBe('1');
    expect(panel.dataset.warnings).toBe('1');
    expect(within(panel).getByText('1 error: fix it before publishing')).toBeTruthy();
    const orders = screen.getByTestId('issue-group-dataGroup-dg_orders');
    expect(within(orders).getByText('Data group Orders')).toBeTruthy();
    expect(within(orders).getByText('The field Note of Orders is shown on no page.')).toBeTruthy();
    expect(within(screen.getByTestId('issue-group-page-p_detail')).getByText(/"Number" to a field\./)).toBeTruthy();
  });

  it('says a draft with warnings only can be published', () => {
    const d = definition();
    d.pages[1]!.controls[1]!.fieldId = 'f_no';
    renderWithProviders(<IssuesPanel issues={validateApplicationDefinition(d)} />);
    expect(screen.getByText('1 warning: the draft can be published')).toBeTruthy();
  });

  it('jumps to a control on another page when its problem is clicked', () => {
    renderWithProviders(<IssuesPanel issues={validateApplicationDefinition(definition())} />);
    expect(useDesignerStore.getState().activePageId).toBe('p_list');
    fireEvent.click(screen.getByTestId('issue-control_unbound-c_no'));
    expect(useDesignerStore.getState().activePageId).toBe('p_detail');
    expect(useDesignerStore.getState().selection).toEqual({ kind: 'control', id: 'c_no', pageId: 'p_detail' });
    // The control is on the tab set's second tab: the canvas shows that tab.
    expect(useDesignerStore.getState().shownTabs).toEqual({ c_tabs: 1 });
  });

  it('selects the field of a field problem; each problem is a button, so Enter works too', () => {
    renderWithProviders(<IssuesPanel issues={validateApplicationDefinition(definition())} />);
    const item = screen.getByTestId('issue-field_not_shown-f_note');
    expect(item.tagName).toBe('BUTTON');
    fireEvent.click(item);
    expect(useDesignerStore.getState().selection).toEqual({ kind: 'field', id: 'f_note', dataGroupId: 'dg_orders' });
  });

  it('an empty application has nothing to publish', () => {
    const empty: ApplicationDefinition = { dataGroups: [], pages: [] };
    open(empty);
    renderWithProviders(<IssuesPanel issues={validateApplicationDefinition(empty)} />);
    expect(screen.queryByTestId('issues-none')).toBeNull();
    expect(screen.getByText('There is nothing to publish: add a page with at least one control.')).toBeTruthy();
  });
});
