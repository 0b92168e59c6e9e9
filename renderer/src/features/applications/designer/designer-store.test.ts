import { beforeEach, describe, expect, it } from 'vitest';
import { addControl, addDataGroup, addField, addPage, removePage } from './definition-ops';
import { useDesignerStore } from './designer-store';

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
