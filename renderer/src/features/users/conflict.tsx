import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupRef, UserDetail, UserFields } from '../../../../common/portal-api/users';
import { useConflict } from '../../lib/use-conflict';

/** A user as the conflict dialog compares it: the editable fields, groups by name. */
export interface ComparableUser {
  login: string;
  displayName: string;
  email: string;
  language: string;
  enabled: boolean;
  isAdmin: boolean;
  groups: string;
}

function groupList(names: string[]): string {
  return [...names].sort((a, b) => a.localeCompare(b)).join(', ');
}

export function comparableDetail(detail: UserDetail): ComparableUser {
  return {
    login: detail.login,
    displayName: detail.displayName,
    email: detail.email ?? '',
    language: detail.language,
    enabled: detail.enabled,
    isAdmin: detail.isAdmin,
    groups: groupList(detail.groups.map((group) => group.name)),
  };
}

export function comparableFields(fields: UserFields, groups: readonly GroupRef[]): ComparableUser {
  const names = new Map(groups.map((group) => [group.id, group.name]));
  return {
    login: fields.login,
    displayName: fields.displayName,
    email: fields.email ?? '',
    language: fields.language,
    enabled: fields.enabled,
    isAdmin: fields.isAdmin,
    groups: groupList(fields.groupIds.map((id) => names.get(id) ?? id)),
  };
}

/** The editable fields of a user as the portal holds them (to save again, or to take over). */
export function fieldsOf(detail: UserDetail): UserFields {
  return {
    login: detail.login,
    displayName: detail.displayName,
    email: detail.email,
    language: detail.language,
    enabled: detail.enabled,
    isAdmin: detail.isAdmin,
    groupIds: detail.groups.map((group) => group.id),
  };
}

export interface ConflictChoice {
  mine: ComparableUser;
  /** Saves the administrator's version over the current one (If-Match: the current ETag). */
  keepMine(currentEtag: string): void;
  /** Drops the change and shows the portal's version. */
  takeTheirs(current: UserDetail, currentEtag: string): void;
}

/**
 * HTTP 412 on a user: both versions side by side, the administrator decides. `offer` returns false for
 * any other error, which the caller shows itself.
 */
export function useUserConflict(busy = false): { offer(error: unknown, choice: ConflictChoice): boolean; dialog: ReactNode } {
  const { t } = useTranslation();
  const fields = Object.fromEntries(
    ['login', 'displayName', 'email', 'language', 'enabled', 'isAdmin', 'groups'].map((field) => [field, t(`users:form.${field}`)]),
  );
  const conflict = useConflict({ busy, labels: { title: t('users:conflict.title'), fields } });
  const offer = (error: unknown, choice: ConflictChoice) =>
    conflict.offer(error, {
      mine: choice.mine,
      theirs: (current) => comparableDetail(current as UserDetail),
      keepMine: choice.keepMine,
      takeTheirs: (current, currentEtag) => choice.takeTheirs(current as UserDetail, currentEtag),
    });
  return { offer, dialog: conflict.dialog };
}
