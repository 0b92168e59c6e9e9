import { create } from 'zustand';
import type { ApplicationDefinition } from '../../../../../common/domain/application-definition';

/**
 * The designer's UI state: the definition being edited (the draft), what is selected, which page the
 * canvas shows, design or preview. Server state (published definition, versions) stays in react-query;
 * the draft reaches disk through main (see use-draft-autosave.ts).
 */

export type Selection =
  | { kind: 'dataGroup'; id: string }
  | { kind: 'field'; id: string; dataGroupId: string }
  | { kind: 'page'; id: string }
  | { kind: 'control'; id: string; pageId: string };

export type CanvasMode = 'design' | 'preview';
export type SaveState = 'clean' | 'pending' | 'saving' | 'saved' | 'failed';

export interface DraftBase {
  /** ETag of the published version the draft started from: sent as If-Match on publish. */
  etag: string;
  version: number;
}

interface DesignerState {
  applicationId: string | null;
  definition: ApplicationDefinition;
  base: DraftBase | null;
  /** Bumped on every edit; autosave writes when it is ahead of `savedRevision`. */
  revision: number;
  savedRevision: number;
  /** A draft file exists (the work differs from the published version). */
  hasDraft: boolean;
  saveState: SaveState;
  savedAt: string | null;
  saveError: unknown;
  selection: Selection | null;
  activePageId: string | null;
  mode: CanvasMode;

  /** Starts editing an application: from its draft, or from the published definition. */
  open(applicationId: string, definition: ApplicationDefinition, base: DraftBase, draft: { savedAt: string } | null): void;
  /** Applies an edit; `select` moves the selection to what the edit created. */
  edit(change: (definition: ApplicationDefinition) => ApplicationDefinition, select?: Selection | null): void;
  /** Replaces the work (a version from the history, the portal's version after a conflict) and marks it as a change. */
  replace(definition: ApplicationDefinition, base?: DraftBase): void;
  select(selection: Selection | null): void;
  setActivePage(pageId: string | null): void;
  setMode(mode: CanvasMode): void;
  savingStarted(): void;
  savingDone(revision: number, savedAt: string): void;
  savingFailed(error: unknown): void;
  /** After publish or discard: the published definition is the work again, no draft. */
  reset(definition: ApplicationDefinition, base: DraftBase): void;
}

function firstPageId(definition: ApplicationDefinition): string | null {
  return definition.pages[0]?.id ?? null;
}

/** Keeps the active page and selection pointing at things that still exist. */
function reconcile(state: Pick<DesignerState, 'activePageId' | 'selection'>, definition: ApplicationDefinition) {
  const activePageId = definition.pages.some((page) => page.id === state.activePageId) ? state.activePageId : firstPageId(definition);
  return { activePageId, selection: selectionExists(state.selection, definition) ? state.selection : null };
}

export function selectionExists(selection: Selection | null, definition: ApplicationDefinition): boolean {
  if (selection === null) return true;
  switch (selection.kind) {
    case 'dataGroup':
      return definition.dataGroups.some((group) => group.id === selection.id);
    case 'field':
      return definition.dataGroups.some((group) => group.id === selection.dataGroupId && group.fields.some((field) => field.id === selection.id));
    case 'page':
      return definition.pages.some((page) => page.id === selection.id);
    case 'control':
      return definition.pages.some((page) => page.id === selection.pageId && page.controls.some((control) => control.id === selection.id));
  }
}

export const useDesignerStore = create<DesignerState>()((set) => ({
  applicationId: null,
  definition: { dataGroups: [], pages: [] },
  base: null,
  revision: 0,
  savedRevision: 0,
  hasDraft: false,
  saveState: 'clean',
  savedAt: null,
  saveError: null,
  selection: null,
  activePageId: null,
  mode: 'design',

  open: (applicationId, definition, base, draft) =>
    set({
      applicationId,
      definition,
      base,
      revision: 0,
      savedRevision: 0,
      hasDraft: draft !== null,
      saveState: draft === null ? 'clean' : 'saved',
      savedAt: draft?.savedAt ?? null,
      saveError: null,
      selection: null,
      activePageId: firstPageId(definition),
      mode: 'design',
    }),
  edit: (change, select) =>
    set((state) => {
      const definition = change(state.definition);
      const next = reconcile({ activePageId: state.activePageId, selection: select === undefined ? state.selection : select }, definition);
      return { definition, ...next, revision: state.revision + 1, hasDraft: true, saveState: 'pending' };
    }),
  replace: (definition, base) =>
    set((state) => ({
      definition,
      ...(base ? { base } : {}),
      ...reconcile(state, definition),
      revision: state.revision + 1,
      hasDraft: true,
      saveState: 'pending',
    })),
  select: (selection) => set({ selection }),
  setActivePage: (activePageId) => set({ activePageId, selection: activePageId === null ? null : { kind: 'page', id: activePageId } }),
  setMode: (mode) => set({ mode }),
  savingStarted: () => set({ saveState: 'saving' }),
  savingDone: (revision, savedAt) =>
    set((state) => ({ savedRevision: revision, savedAt, saveError: null, saveState: state.revision === revision ? 'saved' : 'pending' })),
  savingFailed: (saveError) => set({ saveState: 'failed', saveError }),
  reset: (definition, base) =>
    set((state) => ({
      definition,
      base,
      ...reconcile(state, definition),
      revision: state.revision + 1,
      savedRevision: state.revision + 1,
      hasDraft: false,
      saveState: 'clean',
      savedAt: null,
      saveError: null,
    })),
}));
