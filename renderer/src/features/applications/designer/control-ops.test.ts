import { describe, expect, it } from 'vitest';
import { newControlDefinition, type ApplicationDefinition, type ControlDefinition, type ControlKind } from '../../../../../common/domain/application-definition';
import {
  alignControls,
  copyControls,
  distributeControls,
  duplicateControls,
  moveControls,
  pasteControls,
  removeControls,
  resizeControl,
  snapGuides,
} from './control-ops';

const control = (id: string, kind: ControlKind, x: number, y: number, w: number, h: number, more: Partial<ControlDefinition> = {}) =>
  newControlDefinition({ id, kind, label: id, x, y, w, ...more, h });

function app(controls: ControlDefinition[], dataGroupId: string | null = 'dg1'): ApplicationDefinition {
  return {
    dataGroups: [],
    pages: [
      { id: 'p1', title: 'Eins', dataGroupId, controls },
      { id: 'p2', title: 'Zwei', dataGroupId: 'dg2', controls: [] },
    ],
  };
}

const on = (definition: ApplicationDefinition, pageId = 'p1') => definition.pages.find((page) => page.id === pageId)!.controls;
const byId = (definition: ApplicationDefinition, id: string, pageId = 'p1') => on(definition, pageId).find((c) => c.id === id)!;
const box = (c: ControlDefinition) => [c.x, c.y, c.w, c.h];

describe('moving', () => {
  it('moves several controls together and stops the group at the grid edge', () => {
    const d = app([control('a', 'label', 0, 0, 4, 1), control('b', 'label', 6, 2, 4, 1), control('c', 'label', 0, 5, 2, 1)]);
    const moved = moveControls(d, 'p1', ['a', 'b'], 5, 1);
    expect(box(byId(moved, 'a'))).toEqual([2, 1, 4, 1]);
    expect(box(byId(moved, 'b'))).toEqual([8, 3, 4, 1]);
    expect(byId(moved, 'c')).toBe(byId(d, 'c'));
  });

  it('a moved container carries its children; a control moved into a container gets its id and shown tab', () => {
    const d = app([control('box', 'groupbox', 0, 0, 6, 4), control('in', 'label', 1, 1, 2, 1, { containerId: 'box' }), control('tabs', 'tabs', 6, 6, 6, 4), control('out', 'label', 0, 8, 2, 1)]);
    const moved = moveControls(d, 'p1', ['box'], 0, 1);
    expect(box(byId(moved, 'in'))).toEqual([1, 2, 2, 1]);
    expect(byId(moved, 'in').containerId).toBe('box');
    const intoTabs = moveControls(d, 'p1', ['out'], 7, -1, (id) => (id === 'tabs' ? 2 : 0));
    expect(byId(intoTabs, 'out')).toMatchObject({ containerId: 'tabs', tab: 2 });
    const backOut = moveControls(intoTabs, 'p1', ['out'], -7, 3);
    expect(byId(backOut, 'out')).toMatchObject({ containerId: null, tab: 0 });
  });
});

describe('resizing, aligning, distributing', () => {
  it('resizes inside the grid, at least one cell', () => {
    const d = app([control('a', 'label', 8, 0, 2, 1)]);
    expect(box(byId(resizeControl(d, 'p1', 'a', 9, 3), 'a'))).toEqual([8, 0, 4, 3]);
    expect(box(byId(resizeControl(d, 'p1', 'a', 0, 0), 'a'))).toEqual([8, 0, 1, 1]);
  });

  it.each([
    ['left', [[1, 0], [1, 2], [1, 4]]],
    ['right', [[7, 0], [8, 2], [6, 4]]],
    ['top', [[1, 0], [4, 0], [6, 0]]],
    ['bottom', [[1, 5], [4, 5], [6, 4]]],
    ['centerX', [[4, 0], [5, 2], [4, 4]]],
    ['centerY', [[1, 3], [4, 3], [6, 2]]],
  ] as const)('aligns %s', (alignment, expected) => {
    const d = app([control('a', 'label', 1, 0, 4, 1), control('b', 'label', 4, 2, 3, 1), control('c', 'label', 6, 4, 5, 2)]);
    const aligned = alignControls(d, 'p1', ['a', 'b', 'c'], alignment);
    expect(['a', 'b', 'c'].map((id) => [byId(aligned, id).x, byId(aligned, id).y])).toEqual(expected);
  });

  it('distributes three or more controls with equal gaps, first and last stay', () => {
    const d = app([control('a', 'label', 0, 0, 2, 1), control('b', 'label', 2, 1, 2, 1), control('c', 'label', 10, 2, 2, 1)]);
    const spread = distributeControls(d, 'p1', ['c', 'a', 'b'], 'horizontal');
    expect(['a', 'b', 'c'].map((id) => byId(spread, id).x)).toEqual([0, 5, 10]);
    const v = app([control('a', 'label', 0, 0, 2, 1), control('b', 'label', 3, 1, 2, 1), control('c', 'label', 6, 9, 2, 1)]);
    expect(['a', 'b', 'c'].map((id) => byId(distributeControls(v, 'p1', ['a', 'b', 'c'], 'vertical'), id).y)).toEqual([0, 5, 9]);
    expect(distributeControls(d, 'p1', ['a', 'b'], 'horizontal')).toBe(d);
  });
});

describe('copy, paste, duplicate, remove', () => {
  const source = () =>
    app([control('box', 'section', 0, 0, 6, 3), control('in', 'textfield', 1, 1, 3, 1, { containerId: 'box', fieldId: 'f1' }), control('name', 'textfield', 6, 0, 3, 1, { fieldId: 'f2' })]);

  it('duplicates on the page with new ids, below everything when the place is taken, keeping bindings and the container link', () => {
    const { definition, ids } = duplicateControls(source(), 'p1', ['box']);
    expect(ids).toHaveLength(1);
    const copies = on(definition).slice(3);
    expect(copies).toHaveLength(2);
    const [box2, in2] = copies as [ControlDefinition, ControlDefinition];
    expect(box2.id).not.toBe('box');
    expect(in2).toMatchObject({ containerId: box2.id, fieldId: 'f1', y: 4 });
    expect(box2.y).toBe(3);
    expect(new Set(on(definition).map((c) => c.id)).size).toBe(5);
  });

  it('pastes onto a page of another data group unbound, at the same place when it is free', () => {
    const clipboard = copyControls(source(), 'p1', ['name', 'in'])!;
    const { definition, ids } = pasteControls(source(), 'p2', clipboard);
    expect(ids).toHaveLength(2);
    expect(on(definition, 'p2').map((c) => [c.x, c.y, c.fieldId, c.containerId])).toEqual([
      [1, 1, null, null],
      [6, 0, null, null],
    ]);
  });

  it('removing a container deletes its contents or releases them onto the page', () => {
    expect(on(removeControls(source(), 'p1', ['box'], true)).map((c) => c.id)).toEqual(['name']);
    const released = removeControls(source(), 'p1', ['box'], false);
    expect(on(released).map((c) => [c.id, c.containerId])).toEqual([
      ['in', null],
      ['name', null],
    ]);
  });
});

describe('snap guides', () => {
  it('names the columns and rows where edges or centres line up with other controls', () => {
    const page = app([control('a', 'label', 0, 0, 4, 1), control('b', 'label', 6, 3, 2, 2)]).pages[0]!;
    expect(snapGuides(page, new Set(['m']), { x: 0, y: 3, w: 6, h: 1 })).toEqual({ vertical: [0, 6], horizontal: [3, 4] });
    expect(snapGuides(page, new Set(['m']), { x: 2, y: 1, w: 4, h: 1 })).toEqual({ vertical: [2, 4, 6], horizontal: [1] })
    expect(snapGuides(page, new Set(['m']), { x: 9, y: 7, w: 1, h: 1 })).toEqual({ vertical: [], horizontal: [] });
  });
});
