import { create } from 'zustand';
import type { ApplicationDefinition } from '../../../../../common/domain/application-definition';
import type { ControlClipboard } from './control-ops';
import { editKey } from './history-key';

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

/** Undo steps kept; older ones are dropped. */
export const HISTORY_LIMIT = 200;

export interface HistoryEntry {
  definition: ApplicationDefinition;
  activePageId: string | null;
}

export interface EditOptions {
  /** Consecutive edits with the same key are one undo step (typing in one property); derived from the change when absent. */
  coalesce?: string | null;
}

const NO_CONTROLS: ReadonlySet<string> = new Set();

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
  /** What the property panel shows: one item (for controls the one clicked last). */
  selection: Selection | null;
  /** The controls selected on the active page (one or more; Ctrl/Shift+click, Ctrl+A). */
  selectedControls: ReadonlySet<string>;
  activePageId: string | null;
  mode: CanvasMode;
  /** Undo and redo stacks of the work; cleared when another application opens, after publish and discard. */
  past: HistoryEntry[];
  future: HistoryEntry[];
  /** Coalescing key of the last edit (null after undo/redo or an edit that does not coalesce). */
  lastEditKey: string | null;
  clipboard: ControlClipboard | null;
  /** The tab each tab set shows on the canvas (UI state, not part of the definition). */
  shownTabs: Readonly<Record<string, number>>;

  /** Starts editing an application: from its draft, or from the published definition. */
  open(applicationId: string, definition: ApplicationDefinition, base: DraftBase, draft: { savedAt: string } | null): void;
  /** Applies an edit; `select` moves the selection to what the edit created. */
  edit(change: (definition: ApplicationDefinition) => ApplicationDefinition, select?: Selection | null, options?: EditOptions): void;
  undo(): void;
  redo(): void;
  /** Click on a control: `replace` selects only it, `toggle` (Ctrl/Shift+click) adds or removes it. */
  selectControl(id: string, pageId: string, mode: 'replace' | 'toggle'): void;
  /** Selects these controls of the page (Ctrl+A, after paste); the last one is shown in the property panel. */
  selectControls(ids: readonly string[], pageId: string): void;
  setClipboard(clipboard: ControlClipboard | null): void;
  showTab(containerId: string, tab: number): void;
  /** Removing containers with contents asks first: what the dialog asks about, null when it is closed. */
  pendingRemoval: { pageId: string; ids: readonly string[] } | null;
  askRemoval(request: { pageId: string; ids: readonly string[] } | null): void;
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
function reconcile(state: Pick<DesignerState, 'activePageId' | 'selection' | 'selectedControls'>, definition: ApplicationDefinition) {
  const activePageId = definition.pages.some((page) => page.id === state.activePageId) ? state.activePageId : firstPageId(definition);
  const selection = selectionExists(state.selection, definition) ? state.selection : null;
  return { activePageId, selection, selectedControls: reconcileControls(state.selectedControls, activePageId, definition) };
}

function reconcileControls(selected: ReadonlySet<string>, activePageId: string | null, definition: ApplicationDefinition): ReadonlySet<string> {
  if (selected.size === 0) return selected;
  const page = definition.pages.find((candidate) => candidate.id === activePageId);
  if (!page) return NO_CONTROLS;
  const ids = new Set(page.controls.map((control) => control.id));
  const kept = [...selected].filter((id) => ids.has(id));
  return kept.length === selected.size ? selected : new Set(kept);
}

function controlsOf(selection: Selection | null): ReadonlySet<string> {
  return selection?.kind === 'control' ? new Set([selection.id]) : NO_CONTROLS;
}

function pushed(past: HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  const next = past.length >= HISTORY_LIMIT ? past.slice(past.length - HISTORY_LIMIT + 1) : past.slice();
  next.push(entry);
  return next;
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

const emptyHistory = { past: [] as HistoryEntry[], future: [] as HistoryEntry[], lastEditKey: null };

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
  selectedControls: NO_CONTROLS,
  activePageId: null,
  mode: 'design',
  ...emptyHistory,
  clipboard: null,
  shownTabs: {},
  pendingRemoval: null,

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
      selectedControls: NO_CONTROLS,
      activePageId: firstPageId(definition),
      mode: 'design',
      ...emptyHistory,
      shownTabs: {},
      pendingRemoval: null,
    }),
  edit: (change, select, options) =>
    set((state) => {
      const definition = change(state.definition);
      if (definition === state.definition) return {};
      const key = options?.coalesce !== undefined ? options.coalesce : editKey(state.definition, definition);
      const coalesce = key !== null && key === state.lastEditKey && state.past.length > 0;
      const past = coalesce ? state.past : pushed(state.past, { definition: state.definition, activePageId: state.activePageId });
      const selection = select === undefined ? state.selection : select;
      const next = reconcile({ activePageId: state.activePageId, selection, selectedControls: select === undefined ? state.selectedControls : controlsOf(select) }, definition);
      return { definition, ...next, past, future: [], lastEditKey: key, revision: state.revision + 1, hasDraft: true, saveState: 'pending' };
    }),
  undo: () => set((state) => travel(state, 'back')),
  redo: () => set((state) => travel(state, 'forward')),
  replace: (definition, base) =>
    set((state) => ({
      definition,
      ...(base ? { base } : {}),
      ...reconcile(state, definition),
      past: pushed(state.past, { definition: state.definition, activePageId: state.activePageId }),
      future: [],
      lastEditKey: null,
      revision: state.revision + 1,
      hasDraft: true,
      saveState: 'pending',
    })),
  select: (selection) => set({ selection, selectedControls: controlsOf(selection) }),
  selectControl: (id, pageId, mode) =>
    set((state) => {
      if (mode === 'replace') return { selection: { kind: 'control', id, pageId }, selectedControls: new Set([id]) };
      const selected = new Set(state.selectedControls);
      if (selected.has(id)) selected.delete(id);
      else selected.add(id);
      const last = [...selected].at(-1);
      return { selectedControls: selected, selection: last === undefined ? null : { kind: 'control', id: last, pageId } };
    }),
  selectControls: (ids, pageId) =>
    set(() => {
      const last = ids.at(-1);
      return { selectedControls: new Set(ids), selection: last === undefined ? null : { kind: 'control', id: last, pageId } };
    }),
  setClipboard: (clipboard) => set({ clipboard }),
  askRemoval: (pendingRemoval) => set({ pendingRemoval }),
  showTab: (containerId, tab) => set((state) => ({ shownTabs: { ...state.shownTabs, [containerId]: tab } })),
  setActivePage: (activePageId) =>
    set({ activePageId, selection: activePageId === null ? null : { kind: 'page', id: activePageId }, selectedControls: NO_CONTROLS }),
  setMode: (mode) => set({ mode }),
  savingStarted: () => set({ saveState: 'saving' }),
  savingDone: (revision, savedAt) =>
    set((state) => ({ savedRevision: revision, savedAt, saveError: null, saveState: state.revision === revision ? 'saved' : 'pending' })),
  savingFailed: (saveError) => set({ saveState: 'failed', saveError }),
  // Publish and discard are checkpoints: the published version is the work again and nothing before it can be undone.
  reset: (definition, base) =>
    set((state) => ({
      definition,
      base,
      ...reconcile(state, definition),
      ...emptyHistory,
      revision: state.revision + 1,
      savedRevision: state.revision + 1,
      hasDraft: false,
      saveState: 'clean',
      savedAt: null,
      saveError: null,
    })),
}));

/** One step back or forward; the canvas returns to the page the step changed. */
function travel(state: DesignerState, direction: 'back' | 'forward'): Partial<DesignerState> {
  const from = direction === 'back' ? state.past : state.future;
  const entry = from.at(-1);
  if (!entry) return {};
  // Both directions of a step show the page it was made on.
  const current: HistoryEntry = { definition: state.definition, activePageId: entry.activePageId };
  const rest = from.slice(0, -1);
  const next = reconcile({ activePageId: entry.activePageId, selection: state.selection, selectedControls: state.selectedControls }, entry.definition);
  return {
    definition: entry.definition,
    ...next,
    past: direction === 'back' ? rest : pushed(state.past, current),
    future: direction === 'back' ? [...state.future, current] : rest,
    lastEditKey: null,
    revision: state.revision + 1,
    hasDraft: true,
    saveState: 'pending',
  };
}
