import type { PageDefinition } from '../../../../../common/domain/application-definition';
import {
  alignControls,
  copyControls,
  distributeControls,
  duplicateControls,
  holdsControls,
  isShown,
  pasteControls,
  removeControls,
  type Alignment,
  type Axis,
  type ShownTab,
} from './control-ops';
import { useDesignerStore } from './designer-store';

/**
 * What the canvas toolbar and the keyboard shortcuts do to the selection on the active page. They read the
 * store when they run, so callers need no subscription (and re-render nothing by holding them).
 */

const store = () => useDesignerStore.getState();

export function activePage(): PageDefinition | null {
  const state = store();
  return state.definition.pages.find((page) => page.id === state.activePageId) ?? null;
}

export const shownTab: ShownTab = (containerId) => store().shownTabs[containerId] ?? 0;

function selectedIds(): string[] {
  const page = activePage();
  if (!page) return [];
  const selected = store().selectedControls;
  return page.controls.filter((control) => selected.has(control.id)).map((control) => control.id);
}

export function selectAll(): void {
  const page = activePage();
  if (page) store().selectControls(page.controls.filter((control) => isShown(page, control, shownTab)).map((control) => control.id), page.id);
}

export function clearSelection(): void {
  const page = activePage();
  if (page) store().select({ kind: 'page', id: page.id });
}

export function align(alignment: Alignment): void {
  const page = activePage();
  const ids = selectedIds();
  if (page && ids.length >= 2) store().edit((definition) => alignControls(definition, page.id, ids, alignment), undefined, { coalesce: null });
}

export function distribute(axis: Axis): void {
  const page = activePage();
  const ids = selectedIds();
  if (page && ids.length >= 3) store().edit((definition) => distributeControls(definition, page.id, ids, axis), undefined, { coalesce: null });
}

/** Copies the selection; returns how many controls were copied (0: nothing selected). */
export function copySelection(): number {
  const page = activePage();
  const clipboard = page ? copyControls(store().definition, page.id, selectedIds()) : null;
  if (clipboard) store().setClipboard(clipboard);
  return clipboard?.controls.length ?? 0;
}

/** Pastes onto the active page and selects the copies. */
export function paste(): number {
  const page = activePage();
  const clipboard = store().clipboard;
  if (!page || !clipboard) return 0;
  let ids: string[] = [];
  store().edit((definition) => {
    const result = pasteControls(definition, page.id, clipboard, shownTab);
    ids = result.ids;
    return result.definition;
  }, undefined, { coalesce: null });
  store().selectControls(ids, page.id);
  return ids.length;
}

export function duplicate(): number {
  const page = activePage();
  const source = selectedIds();
  if (!page || source.length === 0) return 0;
  let ids: string[] = [];
  store().edit((definition) => {
    const result = duplicateControls(definition, page.id, source, shownTab);
    ids = result.ids;
    return result.definition;
  }, undefined, { coalesce: null });
  store().selectControls(ids, page.id);
  return ids.length;
}

/** Removes the selection; a container with something inside asks first (see RemoveControlsDialog). */
export function requestRemove(): void {
  const page = activePage();
  const ids = selectedIds();
  if (!page || ids.length === 0) return;
  if (holdsControls(page, ids)) store().askRemoval({ pageId: page.id, ids });
  else removeNow(page.id, ids, false);
}

export function removeNow(pageId: string, ids: readonly string[], withContents: boolean): void {
  store().edit((definition) => removeControls(definition, pageId, ids, withContents), { kind: 'page', id: pageId }, { coalesce: null });
}
