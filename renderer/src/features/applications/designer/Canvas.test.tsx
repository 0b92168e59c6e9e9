// @vitest-environment jsdom
import '../../../test/setup-dom';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { newControlDefinition, type ApplicationDefinition, type ControlDefinition } from '../../../../../common/domain/application-definition';
import { i18n } from '../../../lib/i18n';
import { renderWithProviders } from '../../../test/render';
import { Canvas } from './Canvas';
import { CanvasToolbar, RemoveControlsDialog, useDesignerShortcuts } from './CanvasToolbar';
import { DesignerDnd } from './DesignerDnd';
import { useDesignerStore } from './designer-store';
import { fixedIssueFlags } from './issues-store';

// Every control box draws its kind's icon once per render: counting icon renders counts box renders.
const renders = vi.hoisted(() => ({ count: 0 }));
vi.mock('./control-kinds', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./control-kinds')>();
  const KindIcon = (props: Parameters<typeof actual.KindIcon>[0]) => {
    renders.count += 1;
    return actual.KindIcon(props);
  };
  return { ...actual, KindIcon };
});
// jsdom lays nothing out: a 1,200 px wide canvas gives 100 px grid cells for the mouse tests.
vi.mock('@mantine/hooks', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@mantine/hooks')>()),
  useElementSize: () => ({ ref: { current: null }, width: 1200, height: 480 }),
}));

const NONE = fixedIssueFlags(new Set());
const NAMES: ReadonlyMap<string, string> = new Map([['f1', 'Name']]);
const store = () => useDesignerStore.getState();

function Harness() {
  const definition = useDesignerStore((state) => state.definition);
  const activePageId = useDesignerStore((state) => state.activePageId);
  const page = definition.pages.find((candidate) => candidate.id === activePageId);
  useDesignerShortcuts(true);
  return (
    <DesignerDnd>
      <CanvasToolbar />
      {page && <Canvas page={page} fieldNames={NAMES} issueFlags={NONE} />}
      <RemoveControlsDialog />
    </DesignerDnd>
  );
}

const label = (id: string, x: number, y: number, w = 2, more: Partial<ControlDefinition> = {}) => newControlDefinition({ id, kind: 'label', label: id, x, y, w, ...more });

function open(controls: ControlDefinition[]) {
  const definition: ApplicationDefinition = {
    dataGroups: [],
    pages: [
      { id: 'p1', title: 'Eins', dataGroupId: null, controls },
      { id: 'p2', title: 'Zwei', dataGroupId: null, controls: [] },
    ],
  };
  store().open('app', definition, { etag: '"e"', version: 1 }, null);
  return renderWithProviders(<Harness />);
}

const box = (id: string) => screen.getByTestId(`canvas-control-${id}`);
const pos = (id: string) => ['x', 'y', 'w', 'h'].map((key) => Number(box(id).dataset[key]));
const controlsOnPage = () => store().definition.pages.find((page) => page.id === store().activePageId)!.controls;

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

beforeEach(() => {
  renders.count = 0;
});

describe('canvas performance', () => {
  it('moving one control of 500 re-renders only that control', () => {
    const controls = Array.from({ length: 500 }, (_, i) => label(`c${i}`, (i % 6) * 2, Math.floor(i / 6), 2));
    open(controls);
    expect(renders.count).toBe(500);
    act(() => box('c7').focus());
    // Selecting c7 re-renders c7 (now selected), nothing else.
    expect(renders.count).toBe(501);
    renders.count = 0;
    fireEvent.keyDown(box('c7'), { key: 'ArrowDown' });
    expect(pos('c7').slice(0, 2)).toEqual([2, 2]);
    expect(renders.count).toBe(1);
    renders.count = 0;
    act(() => store().savingStarted());
    act(() => store().savingDone(store().revision, '2026-12-05T07:00:00.000Z'));
    expect(renders.count).toBe(0);
  });
});

describe('canvas keyboard', () => {
  it('arrows move the focused control, Shift+arrows resize it and the new size is announced', () => {
    open([label('a', 0, 0, 3)]);
    act(() => box('a').focus());
    fireEvent.keyDown(box('a'), { key: 'ArrowRight' });
    fireEvent.keyDown(box('a'), { key: 'ArrowDown' });
    expect(pos('a')).toEqual([1, 1, 3, 1]);
    fireEvent.keyDown(box('a'), { key: 'ArrowRight', shiftKey: true });
    fireEvent.keyDown(box('a'), { key: 'ArrowDown', shiftKey: true });
    expect(pos('a')).toEqual([1, 1, 4, 2]);
    expect(screen.getByTestId('canvas-announcer').textContent).toContain('column 2, row 2, width 4, height 2');
    fireEvent.keyDown(box('a'), { key: 'ArrowLeft', shiftKey: true });
    expect(pos('a')).toEqual([1, 1, 3, 2]);
  });

  it('Space picks the control up, arrows show where it goes, Space drops it as one undo step; Escape cancels', () => {
    open([label('a', 0, 0, 3)]);
    act(() => box('a').focus());
    const steps = store().past.length;
    fireEvent.keyDown(box('a'), { key: ' ' });
    fireEvent.keyDown(box('a'), { key: 'ArrowRight' });
    fireEvent.keyDown(box('a'), { key: 'ArrowRight' });
    expect(pos('a')[0]).toBe(0);
    expect(box('a').style.transform).toBe('translate(200px, 0px)');
    fireEvent.keyDown(box('a'), { key: ' ' });
    expect(pos('a')[0]).toBe(2);
    expect(box('a').style.transform).toBe('');
    expect(store().past.length).toBe(steps + 1);
    fireEvent.keyDown(box('a'), { key: 'Enter' });
    fireEvent.keyDown(box('a'), { key: 'ArrowDown' });
    fireEvent.keyDown(box('a'), { key: 'Escape' });
    expect(pos('a')[1]).toBe(0);
    expect(store().selectedControls.has('a')).toBe(true);
  });

  it('Ctrl+click and Ctrl+A select several, Escape clears; the align menu aligns them and undo takes it back', async () => {
    open([label('a', 1, 0, 2), label('b', 4, 2, 3), label('c', 6, 4, 2)]);
    const alignButton = screen.getByTestId('align-menu');
    expect(alignButton).toHaveProperty('disabled', true);
    fireEvent.pointerDown(box('a'), { button: 0 });
    fireEvent.pointerUp(window);
    fireEvent.pointerDown(box('b'), { button: 0, ctrlKey: true });
    fireEvent.pointerUp(window);
    expect([...store().selectedControls]).toEqual(['a', 'b']);
    expect(alignButton).toHaveProperty('disabled', false);
    fireEvent.keyDown(box('b'), { key: 'Escape' });
    expect(store().selectedControls.size).toBe(0);
    fireEvent.keyDown(box('b'), { key: 'a', ctrlKey: true });
    expect(store().selectedControls.size).toBe(3);

    fireEvent.click(alignButton);
    fireEvent.click(await screen.findByTestId('align-left'));
    expect(['a', 'b', 'c'].map((id) => pos(id)[0])).toEqual([1, 1, 1]);
    fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    expect(['a', 'b', 'c'].map((id) => pos(id)[0])).toEqual([1, 4, 6]);
    fireEvent.click(screen.getByTestId('designer-redo'));
    expect(['a', 'b', 'c'].map((id) => pos(id)[0])).toEqual([1, 1, 1]);
    fireEvent.keyDown(window, { key: 'z', ctrlKey: true, shiftKey: true });
    expect(screen.getByTestId('designer-redo')).toHaveProperty('disabled', true);
    fireEvent.pointerDown(box('b'), { button: 0 });
    fireEvent.pointerUp(window);
    expect([...store().selectedControls]).toEqual(['b']);
  });

  it('copies, pastes to another page and duplicates with Ctrl+C, Ctrl+V and Ctrl+D; Ctrl+Z undoes, but not inside a text field', () => {
    open([label('a', 0, 0, 2), label('b', 3, 0, 2)]);
    act(() => box('a').focus());
    fireEvent.keyDown(window, { key: 'd', ctrlKey: true });
    expect(controlsOnPage()).toHaveLength(3);
    const copy = controlsOnPage()[2]!;
    expect(copy).toMatchObject({ label: 'a', x: 0, y: 1 });
    expect([...store().selectedControls]).toEqual([copy.id]);

    fireEvent.keyDown(window, { key: 'c', ctrlKey: true });
    act(() => store().setActivePage('p2'));
    fireEvent.keyDown(window, { key: 'v', ctrlKey: true });
    expect(controlsOnPage().map((control) => [control.label, control.x, control.y])).toEqual([['a', 0, 1]]);
    expect(controlsOnPage()[0]!.id).not.toBe(copy.id);

    const input = document.createElement('input');
    document.body.append(input);
    fireEvent.keyDown(input, { key: 'z', ctrlKey: true });
    expect(controlsOnPage()).toHaveLength(1);
    input.remove();
    fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    expect(store().activePageId).toBe('p2');
    expect(controlsOnPage()).toHaveLength(0);
  });

  it('deleting a container with contents asks whether to keep them', async () => {
    open([newControlDefinition({ id: 'box', kind: 'groupbox', label: 'Box', x: 0, y: 0, w: 6 }), label('in', 1, 1, 2, { containerId: 'box' })]);
    act(() => box('box').focus());
    fireEvent.keyDown(box('box'), { key: 'Delete' });
    const dialog = await screen.findByTestId('remove-container-dialog');
    fireEvent.click(within(dialog).getByTestId('remove-container-keep'));
    expect(controlsOnPage().map((control) => [control.id, control.containerId])).toEqual([['in', null]]);
    fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    expect(controlsOnPage()).toHaveLength(2);
  });
});

describe('canvas mouse', () => {
  it('drags a control by whole cells, carries a container’s children and resizes with the handle', () => {
    open([newControlDefinition({ id: 'box', kind: 'section', label: 'Box', x: 0, y: 0, w: 6 }), label('in', 1, 1, 2, { containerId: 'box' }), label('other', 8, 0, 2)]);
    fireEvent.pointerDown(box('box'), { button: 0, clientX: 10, clientY: 10 });
    fireEvent.pointerMove(window, { clientX: 215, clientY: 60 });
    expect(box('in').style.transform).toBe('translate(200px, 48px)');
    fireEvent.pointerUp(window, { clientX: 215, clientY: 60 });
    expect(pos('box').slice(0, 2)).toEqual([2, 1]);
    expect(pos('in').slice(0, 2)).toEqual([3, 2]);

    fireEvent.pointerDown(screen.getByTestId('resize-se-box'), { button: 0, clientX: 600, clientY: 200 });
    fireEvent.pointerMove(window, { clientX: 790, clientY: 250 });
    fireEvent.pointerUp(window, { clientX: 790, clientY: 250 });
    expect(pos('box')).toEqual([2, 1, 8, 5]);
  });
});
