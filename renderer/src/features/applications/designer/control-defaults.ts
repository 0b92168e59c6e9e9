import {
  systemFields,
  type ButtonAction,
  type ControlDefinition,
  type DataGroupDefinition,
  type FieldType,
  type TableView,
} from '../../../../../common/domain/application-definition';

/** What a table shows before it is configured: the page's data group, its first fields as columns. */
export function defaultTableView(group: DataGroupDefinition | undefined): TableView {
  return {
    dataGroupId: group?.id ?? null,
    columns: (group?.fields ?? []).slice(0, 4).map((field) => field.id),
    sort: null,
    filter: null,
    pageSize: 25,
    openPageId: null,
  };
}

export const defaultButtonAction = (): ButtonAction => ({ type: 'save', pageId: null, confirm: true });

/** The control's table, or the default one for the page's data group when it has none yet. */
export function tableOf(control: ControlDefinition, pageGroup: DataGroupDefinition | undefined): TableView {
  return control.table ?? defaultTableView(pageGroup);
}

export function actionOf(control: ControlDefinition): ButtonAction {
  return control.action ?? defaultButtonAction();
}

export interface ColumnOption {
  /** A field id or a system field key. */
  value: string;
  /** The field's name; for a system field its key (translated by the caller). */
  name: string;
  type: FieldType;
  system: boolean;
}

/** The columns a table of the group can show: its fields, then the system fields. */
export function columnOptions(group: DataGroupDefinition | undefined): ColumnOption[] {
  if (group === undefined) return [];
  return [
    ...group.fields.map((field) => ({ value: field.id, name: field.name, type: field.type, system: false })),
    ...systemFields.map((field) => ({ value: field.key, name: field.key, type: field.type, system: true })),
  ];
}
