import type { DirectoryMapping, DirectoryPreset } from '../portal-api/directory';

export interface DirectoryPresetDefaults {
  userFilter: string;
  groupFilter: string;
  mapping: DirectoryMapping;
}

/**
 * Active Directory: people by sAMAccountName (the pre-Windows-2000 logon name), disabled by the
 * ACCOUNTDISABLE bit of userAccountControl, groups with member (sent in ranges when large) and memberOf.
 * OpenLDAP: inetOrgPerson by uid, groupOfNames (member DNs) and posixGroup (memberUid logins).
 */
export const DIRECTORY_PRESETS: Record<DirectoryPreset, DirectoryPresetDefaults> = {
  active_directory: {
    userFilter: '(&(objectCategory=person)(objectClass=user))',
    groupFilter: '(objectClass=group)',
    mapping: {
      id: 'objectGUID',
      login: 'sAMAccountName',
      name: 'displayName',
      email: 'mail',
      department: 'department',
      disabledFlags: 'userAccountControl',
      memberOf: 'memberOf',
      groupName: 'cn',
      groupMember: 'member',
      groupMemberLogin: '',
    },
  },
  openldap: {
    userFilter: '(objectClass=inetOrgPerson)',
    groupFilter: '(|(objectClass=groupOfNames)(objectClass=posixGroup))',
    mapping: {
      id: 'entryUUID',
      login: 'uid',
      name: 'cn',
      email: 'mail',
      department: 'ou',
      disabledFlags: '',
      memberOf: '',
      groupName: 'cn',
      groupMember: 'member',
      groupMemberLogin: 'memberUid',
    },
  },
};

/** userAccountControl's ACCOUNTDISABLE bit. */
export const AD_ACCOUNT_DISABLE = 0x2;

export function isDisabledByFlags(value: string | undefined): boolean {
  if (value === undefined || !/^-?\d+$/.test(value.trim())) return false;
  return (Number(value) & AD_ACCOUNT_DISABLE) !== 0;
}

/** Directory ids arrive as text (entryUUID) or bytes (objectGUID): both become one stable string. */
export function externalIdOf(value: string | Uint8Array): string {
  if (typeof value === 'string') return value.toLowerCase();
  return Array.from(value, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** DNs compare case-insensitively and without spaces around separators. */
export function normalizeDn(dn: string): string {
  return dn
    .split(/(?<!\\),/)
    .map((part) => part.split(/(?<!\\)=/).map((side) => side.trim()).join('='))
    .join(',')
    .toLowerCase();
}
