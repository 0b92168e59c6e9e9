import type { ApplicationDefinition, ControlDefinition, DataGroupDefinition, FieldDefinition, PageDefinition } from './application-definition';
import { systemFields } from './application-definition';

/**
 * What changed between two versions of an application definition: data groups, fields, pages and controls
 * added, removed or changed, matched by id. Values that point at other things (a page's data group, a
 * control's field, a button's target page, table columns) are shown by name, so a person can read the list;
 * they are compared by id, so a rename of the target is reported on the target only.
 */

export const diffEntityKinds = ['dataGroup', 'field', 'page', 'control'] as const;
export type DiffEntityKind = (typeof diffEntityKinds)[number];
export const diffChangeKinds = ['added', 'removed', 'changed'] as const;
export type DiffChangeKind = (typeof diffChangeKinds)[number];

/** A shown value: names instead of ids, lists as lists (table columns, choices, tab titles), null for "none". */
export type DiffValue = string | number | boolean | null | readonly string[];

/**
 * Property keys (stable, for translation): data group name, tableName, parent, onParentDelete; field name,
 * type, required, unique, defaultValue, minLength, maxLength, min, max, precision, pattern, choices,
 * referenceDataGroup, dataGroup (moved to another group); page title, dataGroup; control kind, label, field,
 * x, y, w, h, container, tab, tabs, action, actionPage, actionConfirm, url, tableDataGroup, tableColumns,
 * tableSort, tableFilter, tablePageSize, tableOpenPage, page (moved to another page); every entity: order
 * (its position among its siblings, 1-based, reported when its place relative to the others changed).
 */
export type DiffProperty = string;

export interface PropertyChange {
  property: DiffProperty;
  before: DiffValue;
  after: DiffValue;
}

export interface DefinitionChange {
  entity: DiffEntityKind;
  change: DiffChangeKind;
  id: string;
  /** Name of a data group or field, title of a page, label (or kind, when empty) of a control; from `after`, or `before` if removed. */
  name: string;
  /** Fields: their data group; controls: their page; null for data groups and pages. */
  parentId: string | null;
  parentName: string | null;
  /** "changed" only: every property that differs, in a fixed order. */
  properties: PropertyChange[];
}

export type DiffSummary = Record<DiffEntityKind, Record<DiffChangeKind, number>> & { total: number };

export interface DefinitionDiff {
  changes: DefinitionChange[];
  summary: DiffSummary;
}

interface Located<T> {
  item: T;
  parentId: string | null;
  parentName: string | null;
  /** Index among its siblings. */
  index: number;
}

/** Names for ids in one version: data groups, fields, pages, controls. */
class Names {
  private readonly dataGroups = new Map<string, string>();
  private readonly fields = new Map<string, string>();
  private readonly pages = new Map<string, string>();
  private readonly controls = new Map<string, string>();

  constructor(definition: ApplicationDefinition) {
    for (const group of definition.dataGroups) {
      this.dataGroups.set(group.id, group.name);
      for (const field of group.fields) this.fields.set(field.id, field.name);
    }
    for (const page of definition.pages) {
      this.pages.set(page.id, page.title);
      for (const control of page.controls) this.controls.set(control.id, controlName(control));
    }
  }

  dataGroup = (id: string | null): string | null => (id === null ? null : (this.dataGroups.get(id) ?? id));
  page = (id: string | null): string | null => (id === null ? null : (this.pages.get(id) ?? id));
  control = (id: string | null): string | null => (id === null ? null : (this.controls.get(id) ?? id));
  /** A field or, in table columns, a system field key. */
  field = (id: string | null): string | null => {
    if (id === null) return null;
    if (systemFields.some((system) => system.key === id)) return id;
    return this.fields.get(id) ?? id;
  };
}

function controlName(control: ControlDefinition): string {
  return control.label.trim() === '' ? control.kind : control.label;
}

/** Deep equality of JSON-like values; key order does not matter (edits spread objects in any order). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left).filter((key) => left[key] !== undefined);
  if (keys.length !== Object.keys(right).filter((key) => right[key] !== undefined).length) return false;
  return keys.every((key) => sameValue(left[key], right[key]));
}

/** A compared property: raw values decide whether it changed, shown values are what the list says. */
interface Property<T> {
  key: DiffProperty;
  raw: (item: T) => unknown;
  shown: (item: T, names: Names) => DiffValue;
}

const same = <T>(key: DiffProperty & keyof T): Property<T> => ({
  key,
  raw: (item) => item[key],
  shown: (item) => item[key] as DiffValue,
});

const choiceText = (choice: { value: string; label: string }) => (choice.label === choice.value ? choice.value : `${choice.value} (${choice.label})`);

const dataGroupProperties: Property<DataGroupDefinition>[] = [
  same('name'),
  same('tableName'),
  { key: 'parent', raw: (group) => group.parentId, shown: (group, names) => names.dataGroup(group.parentId) },
  same('onParentDelete'),
];

const fieldProperties: Property<FieldDefinition>[] = [
  same('name'),
  same('type'),
  same('required'),
  same('unique'),
  same('defaultValue'),
  same('minLength'),
  same('maxLength'),
  same('min'),
  same('max'),
  same('precision'),
  same('pattern'),
  { key: 'choices', raw: (field) => field.choices, shown: (field) => field.choices.map(choiceText) },
  { key: 'referenceDataGroup', raw: (field) => field.referenceDataGroupId, shown: (field, names) => names.dataGroup(field.referenceDataGroupId) },
];

const pageProperties: Property<PageDefinition>[] = [
  same('title'),
  { key: 'dataGroup', raw: (page) => page.dataGroupId, shown: (page, names) => names.dataGroup(page.dataGroupId) },
];

const tableProperty = <K extends keyof NonNullable<ControlDefinition['table']>>(
  key: DiffProperty,
  part: K,
  show: (value: NonNullable<ControlDefinition['table']>[K], names: Names) => DiffValue,
): Property<ControlDefinition> => ({
  key,
  raw: (control) => control.table?.[part] ?? null,
  shown: (control, names) => (control.table === null ? null : show(control.table[part], names)),
});

const controlProperties: Property<ControlDefinition>[] = [
  same('kind'),
  same('label'),
  { key: 'field', raw: (control) => control.fieldId, shown: (control, names) => names.field(control.fieldId) },
  same('x'),
  same('y'),
  same('w'),
  same('h'),
  { key: 'container', raw: (control) => control.containerId, shown: (control, names) => names.control(control.containerId) },
  same('tab'),
  same('tabs'),
  { key: 'action', raw: (control) => control.action?.type ?? null, shown: (control) => control.action?.type ?? null },
  { key: 'actionPage', raw: (control) => control.action?.pageId ?? null, shown: (control, names) => names.page(control.action?.pageId ?? null) },
  { key: 'actionConfirm', raw: (control) => control.action?.confirm ?? null, shown: (control) => control.action?.confirm ?? null },
  same('url'),
  // A table that appears or goes away is a change of its data group (null <-> group) at least.
  { key: 'table', raw: (control) => control.table !== null, shown: (control) => control.table !== null },
  tableProperty('tableDataGroup', 'dataGroupId', (id, names) => names.dataGroup(id)),
  tableProperty('tableColumns', 'columns', (columns, names) => columns.map((column) => names.field(column) ?? column)),
  tableProperty('tableSort', 'sort', (sort, names) => (sort === null ? null : [names.field(sort.column) ?? sort.column, sort.direction])),
  tableProperty('tableFilter', 'filter', (filter, names) => (filter === null ? null : [names.field(filter.column) ?? filter.column, filter.operator, filter.value])),
  tableProperty('tablePageSize', 'pageSize', (size) => size),
  tableProperty('tableOpenPage', 'openPageId', (id, names) => names.page(id)),
];

/** When two different targets carry the same name, the shown values would look equal: then show the ids too. */
function distinguish(before: DiffValue, after: DiffValue, rawBefore: unknown, rawAfter: unknown): [DiffValue, DiffValue] {
  if (!sameValue(before, after)) return [before, after];
  return [`${String(before)} (${JSON.stringify(rawBefore)})`, `${String(after)} (${JSON.stringify(rawAfter)})`];
}

function propertyChanges<T>(properties: readonly Property<T>[], before: T, after: T, names: { before: Names; after: Names }): PropertyChange[] {
  const changes: PropertyChange[] = [];
  for (const property of properties) {
    const rawBefore = property.raw(before);
    const rawAfter = property.raw(after);
    if (sameValue(rawBefore, rawAfter)) continue;
    const [shownBefore, shownAfter] = distinguish(property.shown(before, names.before), property.shown(after, names.after), rawBefore, rawAfter);
    changes.push({ property: property.key, before: shownBefore, after: shownAfter });
  }
  return changes;
}

/** Everything of one entity kind in a version, by id (the first of duplicated ids wins), in document order. */
function locate<T extends { id: string }>(entries: Array<Located<T>>): Map<string, Located<T>> {
  const byId = new Map<string, Located<T>>();
  for (const entry of entries) if (!byId.has(entry.item.id)) byId.set(entry.item.id, entry);
  return byId;
}

function dataGroupsOf(definition: ApplicationDefinition) {
  return locate(definition.dataGroups.map((item, index) => ({ item, parentId: null, parentName: null, index })));
}
function fieldsOf(definition: ApplicationDefinition) {
  return locate(definition.dataGroups.flatMap((group) => group.fields.map((item, index) => ({ item, parentId: group.id, parentName: group.name, index }))));
}
function pagesOf(definition: ApplicationDefinition) {
  return locate(definition.pages.map((item, index) => ({ item, parentId: null, parentName: null, index })));
}
function controlsOf(definition: ApplicationDefinition) {
  return locate(definition.pages.flatMap((page) => page.controls.map((item, index) => ({ item, parentId: page.id, parentName: page.title, index }))));
}

/**
 * Ids whose place among the siblings kept on both sides changed: the one before it (among those kept, in the
 * same parent) is another one. Adding or removing a sibling moves nobody; swapping two moves both.
 */
function reordered<T extends { id: string }>(before: Map<string, Located<T>>, after: Map<string, Located<T>>): Set<string> {
  const predecessors = (side: Map<string, Located<T>>, other: Map<string, Located<T>>) => {
    const last = new Map<string | null, string | null>();
    const result = new Map<string, string | null>();
    for (const [id, entry] of side) {
      const counterpart = other.get(id);
      if (counterpart === undefined || counterpart.parentId !== entry.parentId) continue;
      result.set(id, last.get(entry.parentId) ?? null);
      last.set(entry.parentId, id);
    }
    return result;
  };
  const inBefore = predecessors(before, after);
  const inAfter = predecessors(after, before);
  const moved = new Set<string>();
  for (const [id, predecessor] of inAfter) if (inBefore.get(id) !== predecessor) moved.add(id);
  return moved;
}

function nameOf(entity: DiffEntityKind, item: DataGroupDefinition | FieldDefinition | PageDefinition | ControlDefinition): string {
  if (entity === 'page') return (item as PageDefinition).title;
  if (entity === 'control') return controlName(item as ControlDefinition);
  return (item as DataGroupDefinition | FieldDefinition).name;
}

function diffEntities<T extends DataGroupDefinition | FieldDefinition | PageDefinition | ControlDefinition>(
  entity: DiffEntityKind,
  before: Map<string, Located<T>>,
  after: Map<string, Located<T>>,
  properties: readonly Property<T>[],
  names: { before: Names; after: Names },
): DefinitionChange[] {
  const moved = reordered(before, after);
  const changes: DefinitionChange[] = [];
  for (const [id, now] of after) {
    const base = { entity, id, name: nameOf(entity, now.item), parentId: now.parentId, parentName: now.parentName };
    const was = before.get(id);
    if (was === undefined) {
      changes.push({ ...base, change: 'added', properties: [] });
      continue;
    }
    const list = propertyChanges(properties, was.item, now.item, names);
    if (was.parentId !== now.parentId) list.push({ property: entity === 'field' ? 'dataGroup' : 'page', before: was.parentName, after: now.parentName });
    if (moved.has(id)) list.push({ property: 'order', before: was.index + 1, after: now.index + 1 });
    if (list.length > 0) changes.push({ ...base, change: 'changed', properties: list });
  }
  for (const [id, was] of before) {
    if (after.has(id)) continue;
    changes.push({ entity, id, name: nameOf(entity, was.item), parentId: was.parentId, parentName: was.parentName, change: 'removed', properties: [] });
  }
  return changes;
}

function summarize(changes: readonly DefinitionChange[]): DiffSummary {
  const counts = () => ({ added: 0, removed: 0, changed: 0 });
  const summary: DiffSummary = { dataGroup: counts(), field: counts(), page: counts(), control: counts(), total: changes.length };
  for (const change of changes) summary[change.entity][change.change] += 1;
  return summary;
}

/**
 * The changes from `before` to `after`: data groups, then fields, pages, controls; within each, added and
 * changed ones in the order of `after`, then removed ones in the order of `before`. Empty when both are equal.
 */
export function diffDefinitions(before: ApplicationDefinition, after: ApplicationDefinition): DefinitionDiff {
  const names = { before: new Names(before), after: new Names(after) };
  const changes = [
    ...diffEntities('dataGroup', dataGroupsOf(before), dataGroupsOf(after), dataGroupProperties, names),
    ...diffEntities('field', fieldsOf(before), fieldsOf(after), fieldProperties, names),
    ...diffEntities('page', pagesOf(before), pagesOf(after), pageProperties, names),
    ...diffEntities('control', controlsOf(before), controlsOf(after), controlProperties, names),
  ];
  return { changes, summary: summarize(changes) };
}
