import { beforeEach, describe, expect, it } from 'vitest';
import { addControl, addDataGroup, addField, addPage, removePage, updateDataGroup, updatePage } from './definition-ops';
import { HISTORY_LIMIT, useDesignerStore } from './designer-store';

const BASE = { etag: '"definition.x.v1"', version: 1 };
const store = () => useDesignerStore.getState();

beforeEach(() => {
  store().open('app-1', { dataGroups: [], pages: [] }, BASE, null);
});

describe('designer store', () => {
  it('opens clean from the published version and as saved from a draft', () => {
    expect(store()).toMatchObject({ hasDraft: false, saveState: 'clean', revision: 0 });
    store().open('app-1', { dataGroups: [], pages: [] }, BASE, { savedAt: '2026-03-02T10:00:00.000Z' });
    expect(store()).toMatchObject({ hasDraft: true, saveState: 'saved', savedAt: '2026-03-02T10:00:00.000Z' });
  });

  it('marks every edit as pending and stays pending when a save finishes for an older revision', () => {
    store().edit((d) => addPage(d, 'Seite').definition);
    store().edit((d) => addDataGroup(d, 'Daten').definition);
    expect(store()).toMatchObject({ revision: 2, saveState: 'pending', hasDraft: true });
    store().savingStarted();
    store().savingDone(1, '2026-03-02T10:00:00.000Z');
    expect(store()).toMatchObject({ savedRevision: 1, saveState: 'pending' });
    store().savingDone(2, '2026-03-02T10:00:01.000Z');
    expect(store()).toMatchObject({ savedRevision: 2, saveState: 'saved' });
  });

  it('keeps the active page and the selection pointing at things that exist', () => {
    const page = addPage(store().definition, 'Seite');
    store().edit(() => page.definition);
    expect(store().activePageId).toBe(page.id);
    const group = addDataGroup(store().definition, 'Daten');
    const field = addField(group.definition, group.id, 'Name');
    const control = addControl(field.definition, page.id, { kind: 'textfield', label: 'Textfeld' });
    store().edit(() => control.definition, { kind: 'control', id: control.id, pageId: page.id });
    store().edit((d) => removePage(d, page.id));
    expect(store()).toMatchObject({ activePageId: null, selection: null });
  });

  it('after publishing, the published definition is the work again and nothing is left to save', () => {
    store().edit((d) => addPage(d, 'Seite').definition);
    store().reset({ dataGroups: [], pages: [] }, { etag: '"definition.x.v2"', version: 2 });
    expect(store()).toMatchObject({ hasDraft: false, saveState: 'clean', base: { version: 2 } });
    expect(store().revision).toBe(store().savedRevision);
  });
});

describe('designer store history', () => {
  const withPage = () => {
    const page = addPage(store().definition, 'Seite');
    store().edit(() => page.definition);
    return page.id;
  };

  it('undoes and redoes every edit, and a new edit drops what could be redone', () => {
    const pageId = withPage();
    store().edit((d) => addControl(d, pageId, { kind: 'label', label: 'A' }).definition);
    store().edit((d) => addControl(d, pageId, { kind: 'label', label: 'B' }).definition);
    const controls = () => store().definition.pages[0]?.controls.map((control) => control.label);
    expect(controls()).toEqual(['A', 'B']);
    store().undo();
    expect(controls()).toEqual(['A']);
    store().undo();
    expect(controls()).toEqual([]);
    store().redo();
    expect(controls()).toEqual(['A']);
    expect(store().future).toHaveLength(1);
    store().edit((d) => addControl(d, pageId, { kind: 'label', label: 'C' }).definition);
    expect(store().future).toHaveLength(0);
    store().redo();
    expect(controls()).toEqual(['A', 'C']);
    expect(store()).toMatchObject({ saveState: 'pending', hasDraft: true });
  });

  it('coalesces typing in one property into one step, but not typing in another one', () => {
    const pageId = withPage();
    for (const title of ['R', 'Re', 'Rei', 'Reise']) store().edit((d) => updatePage(d, pageId, { title }));
    store().edit((d) => addDataGroup(d, 'Daten').definition);
    const groupId = store().definition.dataGroups[0]!.id;
    for (const name of ['T', 'Tr', 'Trips']) store().edit((d) => updateDataGroup(d, groupId, { name }));
    expect(store().definition.dataGroups[0]?.name).toBe('Trips');
    store().undo();
    expect(store().definition.dataGroups[0]?.name).toBe('Daten');
    store().undo();
    expect(store().definition.dataGroups).toHaveLength(0);
    expect(store().definition.pages[0]?.title).toBe('Reise');
    store().undo();
    expect(store().definition.pages[0]?.title).toBe('Seite');
  });

  it('keeps at most the history limit, and an edit that changes nothing is no step', () => {
    const pageId = withPage();
    for (let i = 0; i < HISTORY_LIMIT + 20; i += 1) store().edit((d) => addControl(d, pageId, { kind: 'label', label: `L${i}` }).definition);
    expect(store().past).toHaveLength(HISTORY_LIMIT);
    store().edit((d) => d);
    expect(store().past).toHaveLength(HISTORY_LIMIT);
  });

  it('opening another application, publishing and discarding clear the history', () => {
    withPage();
    expect(store().past).toHaveLength(1);
    store().reset({ dataGroups: [], pages: [] }, BASE);
    expect(store()).toMatchObject({ past: [], future: [] });
    withPage();
    store().undo();
    expect(store().future).toHaveLength(1);
    store().open('app-2', { dataGroups: [], pages: [] }, BASE, null);
    expect(store()).toMatchObject({ past: [], future: [] });
  });

  it('multi-selects controls with toggle, and drops the removed ones from the selection on undo', () => {
    const pageId = withPage();
    const a = addControl(store().definition, pageId, { kind: 'label', label: 'A' });
    store().edit(() => a.definition);
    const b = addControl(store().definition, pageId, { kind: 'label', label: 'B' });
    store().edit(() => b.definition);
    store().selectControl(a.id, pageId, 'replace');
    store().selectControl(b.id, pageId, 'toggle');
    expect([...store().selectedControls]).toEqual([a.id, b.id]);
    expect(store().selection).toEqual({ kind: 'control', id: b.id, pageId });
    store().undo();
    expect([...store().selectedControls]).toEqual([a.id]);
    expect(store().selection).toBeNull();
    store().selectControl(a.id, pageId, 'toggle');
    expect(store().selectedControls.size).toBe(0);
  });
});
