// @vitest-environment jsdom
import '../../../test/setup-dom';
import { fireEvent, screen, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { newDataGroupDefinition, newFieldDefinition, type ApplicationDefinition } from '../../../../../common/domain/application-definition';
import { i18n } from '../../../lib/i18n';
import { renderWithProviders } from '../../../test/render';
import { groupForest } from './DataTree';
import { currentDefinition, openInStore, StoreBoundPanels } from './designer-test-utils';
import { useDesignerStore } from './designer-store';

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

const definition: ApplicationDefinition = {
  dataGroups: [
    newDataGroupDefinition({
      id: 'dg_items',
      name: 'Items',
      tableName: 'items',
      parentId: 'dg_orders',
      onParentDelete: 'restrict',
      fields: [newFieldDefinition({ id: 'f_product', name: 'Product', type: 'reference', referenceDataGroupId: 'dg_products' })],
    }),
    newDataGroupDefinition({
      id: 'dg_orders',
      name: 'Orders',
      tableName: 'orders',
      fields: [
        newFieldDefinition({ id: 'f_no', name: 'Number', type: 'text', required: true }),
        newFieldDefinition({ id: 'f_customer', name: 'Customer', type: 'reference', referenceDataGroupId: 'dg_gone' }),
      ],
    }),
    newDataGroupDefinition({ id: 'dg_products', name: 'Products', tableName: 'products' }),
    newDataGroupDefinition({ id: 'dg_notes', name: 'Notes', tableName: 'notes', parentId: 'dg_items' }),
  ],
  pages: [],
};

describe('data tree', () => {
  it('nests child groups under their parent with the 1:n marker and delete rule, and shows where references point', () => {
    openInStore(definition);
    renderWithProviders(<StoreBoundPanels tree />);
    const orders = screen.getByTestId('tree-node-Orders');
    expect(orders.getAttribute('data-depth')).toBe('0');
    const items = within(screen.getByTestId('tree-children-Orders')).getByTestId('tree-node-Items');
    expect(items.getAttribute('data-depth')).toBe('1');
    expect(within(screen.getByTestId('tree-children-Items')).getByTestId('tree-node-Notes').getAttribute('data-depth')).toBe('2');
    expect(screen.getByTestId('tree-relation-Items').textContent).toBe('1:n · prevent');
    expect(screen.getByTestId('tree-relation-Notes').textContent).toBe('1:n · delete too');
    expect(screen.queryByTestId('tree-relation-Orders')).toBeNull();
    expect(screen.getByTestId('tree-ref-Product').textContent).toBe('Products');
    expect(screen.getByTestId('tree-ref-Customer').textContent).toBe('no target');
    // Top level in document order: Orders (Items nested), Products.
    const top = screen.getAllByTestId(/^tree-node-/).filter((node) => node.getAttribute('data-depth') === '0');
    expect(top.map((node) => node.getAttribute('data-testid'))).toEqual(['tree-node-Orders', 'tree-node-Products']);
  });

  it('selects with the keyboard (buttons), and a parent picked in the properties moves the group in the tree', () => {
    openInStore(definition);
    renderWithProviders(<StoreBoundPanels tree />);
    const products = screen.getByTestId('tree-group-Products');
    products.focus();
    expect(document.activeElement).toBe(products);
    fireEvent.click(products);
    expect(useDesignerStore.getState().selection).toEqual({ kind: 'dataGroup', id: 'dg_products' });
    expect(products.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByTestId('prop-parent'));
    fireEvent.click(screen.getByRole('option', { name: 'Orders' }));
    expect(currentDefinition().dataGroups[2]!.parentId).toBe('dg_orders');
    expect(within(screen.getByTestId('tree-children-Orders')).getByTestId('tree-node-Products')).toBeTruthy();
    expect(screen.getByTestId('tree-relation-Products').getAttribute('data-rule')).toBe('cascade');
  });

  it('shows groups of a parent cycle (a hand-edited document) at the top instead of hiding them', () => {
    const cyclic = [
      newDataGroupDefinition({ id: 'a', name: 'A', tableName: 'a', parentId: 'b' }),
      newDataGroupDefinition({ id: 'b', name: 'B', tableName: 'b', parentId: 'a' }),
      newDataGroupDefinition({ id: 'c', name: 'C', tableName: 'c', parentId: 'missing' }),
    ];
    const { roots } = groupForest(cyclic);
    expect(roots.map((group) => group.id)).toEqual(['c', 'a', 'b']);
  });
});
