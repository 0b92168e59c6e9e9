// @vitest-environment jsdom
import '../../../test/setup-dom';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { Profiler } from 'react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { newControlDefinition, newDataGroupDefinition, newFieldDefinition, validateApplicationDefinition, type ApplicationDefinition } from '../../../../../common/domain/application-definition';
import { i18n } from '../../../lib/i18n';
import { renderWithProviders } from '../../../test/render';
import { moveControls } from './control-ops';
import { DesignerBody } from './DesignerPage';
import { useDesignerStore } from './designer-store';
import { IssuesStore } from './issues-store';

// Renders counted where they happen: each data group node draws IconDatabase once, and the two forms are wrapped.
// Each control box draws its KindIcon once; each palette item calls useDraggable.
const renders = vi.hoisted(() => ({ tree: 0, control: 0, field: 0, issues: 0, canvas: 0 }));
const drawn = vi.hoisted(() => ({ boxes: 0, palette: 0 }));
vi.mock('@tabler/icons-react', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@tabler/icons-react')>();
  const IconDatabase = () => {
    renders.tree += 1;
    return null;
  };
  return { ...actual, IconDatabase };
});
vi.mock('./control-kinds', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./control-kinds')>();
  const KindIcon = (props: Parameters<typeof actual.KindIcon>[0]) => {
    drawn.boxes += 1;
    return actual.KindIcon(props);
  };
  return { ...actual, KindIcon };
});
vi.mock('@dnd-kit/core', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@dnd-kit/core')>();
  const useDraggable: typeof actual.useDraggable = (args) => {
    drawn.palette += 1;
    return actual.useDraggable(args);
  };
  return { ...actual, useDraggable };
});
vi.mock('./ControlProperties', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./ControlProperties')>();
  const ControlProperties = (props: Parameters<typeof actual.ControlProperties>[0]) => {
    renders.control += 1;
    return <actual.ControlProperties {...props} />;
  };
  return { ...actual, ControlProperties };
});
vi.mock('./FieldProperties', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./FieldProperties')>();
  const FieldProperties = (props: Parameters<typeof actual.FieldProperties>[0]) => {
    renders.field += 1;
    return <actual.FieldProperties {...props} />;
  };
  return { ...actual, FieldProperties };
});
vi.mock('./Canvas', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./Canvas')>();
  const Canvas = (props: Parameters<typeof actual.Canvas>[0]) => {
    renders.canvas += 1;
    return <actual.Canvas {...props} />;
  };
  return { ...actual, Canvas };
});
// Commits anywhere inside the issue list, whether its parent or its own subscriptions caused them.
vi.mock('./IssuesPanel', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./IssuesPanel')>();
  const IssuesPanel = (props: Parameters<typeof actual.IssuesPanel>[0]) => (
    <Profiler id="issues" onRender={() => (renders.issues += 1)}>
      <actual.IssuesPanel {...props} />
    </Profiler>
  );
  return { ...actual, IssuesPanel };
});
vi.mock('@mantine/hooks', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@mantine/hooks')>()),
  useElementSize: () => ({ ref: { current: null }, width: 1200, height: 480 }),
}));

const store = () => useDesignerStore.getState();
const reset = () => {
  Object.assign(renders, { tree: 0, control: 0, field: 0, issues: 0, canvas: 0 });
  Object.assign(drawn, { boxes: 0, palette: 0 });
};
const moveDown = (id: string) => act(() => store().edit((d) => moveControls(d, 'p1', [id], 0, 1)));

function openBig() {
  const controls = Array.from({ length: 500 }, (_, i) => newControlDefinition({ id: `c${i}`, kind: 'textfield', label: `c${i}`, x: (i % 6) * 2, y: Math.floor(i / 6), w: 2, fieldId: 'f1' }));
  const definition: ApplicationDefinition = {
    dataGroups: [
      newDataGroupDefinition({ id: 'g1', name: 'Kunden', tableName: 'kunden', fields: [newFieldDefinition({ id: 'f1', name: 'Name', type: 'text' })] }),
      newDataGroupDefinition({ id: 'g2', name: 'Orte', tableName: 'orte' }),
    ],
    pages: [{ id: 'p1', title: 'Eins', dataGroupId: 'g1', controls }],
  };
  store().open('app', definition, { etag: '"e"', version: 1 }, null);
  return renderWithProviders(<DesignerBody mode="design" issues={new IssuesStore(validateApplicationDefinition(definition))} />);
}

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

beforeEach(reset);

/** The designer validates in a task after the edit's frame (lib/after-next-paint.ts): a frame, or its 100 ms fallback. */
const afterValidation = () => act(async () => new Promise((resolve) => setTimeout(resolve, 150)));

describe('designer workspace re-renders per edit', () => {
  it('moving one control of 500 re-renders neither the data tree nor the form of another selection', async () => {
    openBig();
    expect(renders.tree).toBeGreaterThan(0);

    act(() => store().select({ kind: 'control', id: 'c0', pageId: 'p1' }));
    expect(screen.getByTestId('control-properties')).toBeTruthy();
    reset();
    moveDown('c7');
    // Let the deferred validation run too.
    await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(store().definition.pages[0]!.controls[7]!.y).toBe(2);
    expect(renders).toMatchObject({ tree: 0, control: 0, field: 0 });

    // The selected control itself moving shows the new row, through the row input alone: the form is not re-rendered.
    moveDown('c0');
    expect((screen.getByTestId('prop-y') as HTMLInputElement).value).toBe('2');
    expect(renders.control).toBe(0);
    // Typing a row still moves it, from where it is now.
    fireEvent.change(screen.getByTestId('prop-y'), { target: { value: '5' } });
    expect(store().definition.pages[0]!.controls[0]).toMatchObject({ x: 0, y: 4 });
    fireEvent.change(screen.getByTestId('prop-x'), { target: { value: '3' } });
    expect(store().definition.pages[0]!.controls[0]).toMatchObject({ x: 2, y: 4 });
    expect(renders.tree).toBe(0);

    act(() => store().select({ kind: 'field', id: 'f1', dataGroupId: 'g1' }));
    expect(screen.getByTestId('field-properties')).toBeTruthy();
    reset();
    moveDown('c9');
    await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(renders).toMatchObject({ tree: 0, control: 0, field: 0 });
  });

  it('a move that changes no issue re-renders no issue list', async () => {
    openBig();
    await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(screen.getByTestId('issues-none')).toBeTruthy();
    reset();
    // c499 is on the last row: one row down it covers nothing.
    moveDown('c499');
    await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(store().definition.pages[0]!.controls[499]!.y).toBe(84);
    expect(renders.issues).toBe(0);
  });

  it('the canvas follows what it does not re-render its list for: a box shows its new binding, a new control gets a box, the canvas grows with the last row', () => {
    openBig();
    const canvas = screen.getByTestId('designer-canvas');
    expect(canvas.style.height).toBe(`${87 * 48}px`);
    expect(screen.getByTestId('canvas-control-c5').textContent).toContain('Name');
    act(() => store().edit((d) => ({ ...d, pages: d.pages.map((page) => ({ ...page, controls: page.controls.map((c) => (c.id === 'c5' ? { ...c, fieldId: null } : c)) })) })));
    expect(screen.getByTestId('canvas-control-c5').textContent).not.toContain('Name');
    moveDown('c499');
    expect(canvas.style.height).toBe(`${88 * 48}px`);
    expect(screen.getByTestId('canvas-control-c499').dataset.y).toBe('84');
    const added = newControlDefinition({ id: 'added', kind: 'label', label: 'Neu', x: 0, y: 90, w: 2 });
    act(() => store().edit((d) => ({ ...d, pages: d.pages.map((page) => ({ ...page, controls: [...page.controls, added] })) })));
    expect(screen.getByTestId('canvas-control-added').textContent).toContain('Neu');
  });

  it('validation still follows every edit: an unbound control is listed, the tree marks a field with a problem', async () => {
    openBig();
    expect(screen.queryByTestId('issue-control_unbound-c5')).toBeNull();
    act(() => store().edit((d) => ({ ...d, pages: d.pages.map((page) => ({ ...page, controls: page.controls.map((c) => (c.id === 'c5' ? { ...c, fieldId: null } : c)) })) })));
    expect(await screen.findByTestId('issue-control_unbound-c5')).toBeTruthy();
    expect(within(screen.getByTestId('data-tree')).queryByLabelText('Has problems')).toBeNull();
    act(() => store().edit((d) => ({ ...d, dataGroups: d.dataGroups.map((g) => ({ ...g, fields: g.fields.map((f) => ({ ...f, name: '' })) })) })));
    expect(await within(screen.getByTestId('data-tree')).findByLabelText('Has problems')).toBeTruthy();
  });

  it('a Ctrl+click on a control re-renders no data tree node; selecting a field in the tree re-renders the tree', () => {
    openBig();
    reset();
    fireEvent.pointerDown(screen.getByTestId('canvas-control-c3'), { ctrlKey: true, button: 0, pointerId: 1 });
    fireEvent.pointerUp(screen.getByTestId('canvas-control-c3'), { ctrlKey: true, button: 0, pointerId: 1 });
    expect(store().selectedControls.has('c3')).toBe(true);
    expect(renders.tree).toBe(0);
    fireEvent.click(screen.getByTestId('tree-field-Name'));
    expect(renders.tree).toBeGreaterThan(0);
    expect(renders.field).toBe(1);
  });

  it('a move that makes a new issue (an overlap) re-renders the boxes concerned, not the palette or the other 498 boxes', async () => {
    openBig();
    await afterValidation();
    expect(screen.queryByTestId('issue-controls_overlap-c3')).toBeNull();
    reset();
    // c3 sits at row 1, column 7; one row down it covers c9.
    moveDown('c3');
    expect(screen.queryAllByLabelText('Has problems')).toHaveLength(0);
    await afterValidation();
    expect(screen.getByTestId('canvas-control-c9').getAttribute('aria-label')).toBeTruthy();
    expect(screen.getAllByLabelText('Has problems').length).toBeGreaterThan(0);
    expect(drawn.palette).toBe(0);
    // The moved box, then the two boxes that now show the overlap (each at most twice: move, then issue).
    expect(drawn.boxes).toBeGreaterThan(0);
    expect(drawn.boxes).toBeLessThanOrEqual(4);
    // The canvas does not render its list: the move reaches the moved box and the new issue the two boxes on their own.
    expect(renders.canvas).toBe(0);
    expect(renders.tree).toBe(0);
  });
});
