import { z } from 'zod';
import { IsoDateTime } from './common';

/** Which attribute names a directory uses: Active Directory or OpenLDAP (inetOrgPerson, groupOfNames, posixGroup). */
export const DirectoryPreset = z.enum(['active_directory', 'openldap']);
export type DirectoryPreset = z.infer<typeof DirectoryPreset>;

const AttributeName = z.string().trim().max(100).regex(/^([A-Za-z][A-Za-z0-9-]*|[0-9]+(\.[0-9]+)*)?$/, 'an LDAP attribute name');
const RequiredAttribute = AttributeName.min(1);

/** Where each portal field comes from; an empty attribute name means "not mapped". */
export const DirectoryMapping = z.object({
  /** The entry's stable id: objectGUID (AD) or entryUUID (OpenLDAP); renames and moves keep it. */
  id: RequiredAttribute,
  login: RequiredAttribute,
  name: RequiredAttribute,
  email: AttributeName,
  /** Department: becomes an org unit under the directory's root unit. */
  department: AttributeName,
  /** AD: userAccountControl; its ACCOUNTDISABLE bit (0x2) disables the portal account. */
  disabledFlags: AttributeName,
  /** Group memberships listed on the user or group (AD memberOf). */
  memberOf: AttributeName,
  groupName: RequiredAttribute,
  /** Members as DNs (member of group / groupOfNames); AD sends large ones in ranges. */
  groupMember: AttributeName,
  /** Members as logins (posixGroup memberUid). */
  groupMemberLogin: AttributeName,
});
export type DirectoryMapping = z.infer<typeof DirectoryMapping>;

export const DIRECTORY_PAGE_SIZE_MAX = 5000;

/** ldaps:// or ldap:// with StartTLS; a plain ldap:// bind would send the password in the clear. */
export const DirectoryUrl = z
  .string()
  .trim()
  .max(500)
  .regex(/^ldaps?:\/\/[^/\s?#]+\/?$/i, 'ldaps://host[:port] or ldap://host[:port]');

const DirectoryConfigFields = z.object({
  url: DirectoryUrl,
  startTls: z.boolean(),
  /** base64 SHA-256 of the server certificate's SubjectPublicKeyInfo, as portal pins. */
  pin: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'a base64 SHA-256 pin').nullable(),
  bindDn: z.string().trim().min(1).max(1000),
  baseDn: z.string().trim().min(1).max(1000),
  userFilter: z.string().trim().min(1).max(2000),
  groupFilter: z.string().trim().min(1).max(2000),
  pageSize: z.number().int().min(1).max(DIRECTORY_PAGE_SIZE_MAX),
  preset: DirectoryPreset,
  mapping: DirectoryMapping,
  /** The org unit (a container at the top of the org structure) that holds one unit per department. */
  orgUnitRoot: z.string().trim().min(1).max(200),
  /** A sync that would disable more than this share (percent) of the directory's accounts stops and asks. */
  disableLimitPercent: z.number().int().min(0).max(100),
  /** Minutes between scheduled syncs; null: no schedule. */
  scheduleMinutes: z.number().int().min(15).max(7 * 24 * 60).nullable(),
});

function tlsRequired(value: { url: string; startTls: boolean }): boolean {
  return value.url.toLowerCase().startsWith('ldaps://') || value.startTls;
}
const TLS_MESSAGE = { message: 'ldap:// needs StartTLS; use ldaps:// or turn StartTLS on', path: ['startTls'] };

/** The directory connection as the console reads it: never the bind password, only whether one is stored. */
export const DirectorySettings = DirectoryConfigFields.extend({
  url: z.string(),
  bindDn: z.string(),
  baseDn: z.string(),
  configured: z.boolean(),
  passwordSet: z.boolean(),
});
export type DirectorySettings = z.infer<typeof DirectorySettings>;

/** What the console sends; `bindPassword` omitted keeps the stored one. */
export const DirectorySettingsInput = DirectoryConfigFields.extend({
  bindPassword: z.string().min(1).max(1000).optional(),
}).refine(tlsRequired, TLS_MESSAGE);
export type DirectorySettingsInput = z.infer<typeof DirectorySettingsInput>;

export const DirectoryCertificateRequest = z.object({ url: DirectoryUrl, startTls: z.boolean() }).refine(tlsRequired, TLS_MESSAGE);
export type DirectoryCertificateRequest = z.infer<typeof DirectoryCertificateRequest>;

export const DirectoryCertificate = z.object({
  subject: z.string(),
  issuer: z.string(),
  validFrom: IsoDateTime,
  validTo: IsoDateTime,
  spki: z.string(),
});
export type DirectoryCertificate = z.infer<typeof DirectoryCertificate>;

export const DirectoryTestStep = z.enum(['dns', 'connect', 'tls', 'bind', 'base_dn', 'user_filter', 'group_filter']);
export type DirectoryTestStep = z.infer<typeof DirectoryTestStep>;

/** Why a step failed, for the console to say in its words; `detail` is the server's own text. */
export const DirectoryFailure = z.object({
  step: DirectoryTestStep,
  code: z.enum([
    'dns_not_found',
    'connect_refused',
    'connect_timeout',
    'tls_failed',
    'pin_mismatch',
    'pin_missing',
    'bind_invalid_credentials',
    'bind_failed',
    'base_dn_not_found',
    'filter_syntax',
    'search_failed',
    'password_missing',
  ]),
  detail: z.string(),
  /** pin_mismatch: the pin stored and the certificate's. */
  expected: z.string().optional(),
  actual: z.string().optional(),
});
export type DirectoryFailure = z.infer<typeof DirectoryFailure>;

export const DirectoryTestResult = z.object({
  ok: z.boolean(),
  /** Steps that passed, in order. */
  passed: z.array(DirectoryTestStep),
  failure: DirectoryFailure.nullable(),
  /** Sample counts (first page) when the filters ran. */
  usersFound: z.number().int().nullable(),
  groupsFound: z.number().int().nullable(),
});
export type DirectoryTestResult = z.infer<typeof DirectoryTestResult>;

export const DirectoryRunKind = z.enum(['dry_run', 'sync']);
export type DirectoryRunKind = z.infer<typeof DirectoryRunKind>;
/** `needs_confirmation`: it would disable more accounts than the limit allows and changed nothing. */
export const DirectoryRunState = z.enum(['running', 'done', 'failed', 'needs_confirmation', 'interrupted']);
export type DirectoryRunState = z.infer<typeof DirectoryRunState>;
export const DirectoryRunPhase = z.enum(['reading', 'planning', 'writing', 'finished']);

export const DirectoryStartRun = z.object({
  kind: DirectoryRunKind,
  /** The number of accounts to disable the administrator agreed to after a stop; another number stops again. */
  confirmDisable: z.number().int().min(0).optional(),
});
export type DirectoryStartRun = z.infer<typeof DirectoryStartRun>;

const ChangeCounts = z.object({ create: z.number().int(), update: z.number().int(), unchanged: z.number().int() });
export const DirectoryCounts = z.object({
  directoryUsers: z.number().int(),
  directoryGroups: z.number().int(),
  users: ChangeCounts.extend({ disable: z.number().int(), enable: z.number().int() }),
  groups: ChangeCounts.extend({ gone: z.number().int() }),
  memberships: z.object({ add: z.number().int(), remove: z.number().int() }),
  orgUnits: z.object({ create: z.number().int() }),
  conflicts: z.number().int(),
});
export type DirectoryCounts = z.infer<typeof DirectoryCounts>;

export const DirectorySample = z.object({
  login: z.string(),
  name: z.string(),
  /** Fields that change (updates). */
  fields: z.array(z.string()).optional(),
});
export type DirectorySample = z.infer<typeof DirectorySample>;

export const DirectoryConflictKind = z.enum(['local_login', 'duplicate_login', 'missing_login', 'invalid_login', 'local_group', 'duplicate_group', 'group_cycle']);
export type DirectoryConflictKind = z.infer<typeof DirectoryConflictKind>;
export const DirectoryConflict = z.object({ kind: DirectoryConflictKind, name: z.string(), dns: z.array(z.string()) });
export type DirectoryConflict = z.infer<typeof DirectoryConflict>;

export const DIRECTORY_SAMPLE_SIZE = 10;
export const DIRECTORY_CONFLICTS_KEPT = 200;

export const DirectoryReport = z.object({
  counts: DirectoryCounts,
  samples: z.object({
    createUsers: z.array(DirectorySample),
    updateUsers: z.array(DirectorySample),
    disableUsers: z.array(DirectorySample),
    createGroups: z.array(DirectorySample),
    updateGroups: z.array(DirectorySample),
  }),
  /** The first DIRECTORY_CONFLICTS_KEPT conflicts; counts.conflicts has them all. */
  conflicts: z.array(DirectoryConflict),
  /** Set when the disable share was over the limit. */
  guard: z.object({ disable: z.number().int(), accounts: z.number().int(), limitPercent: z.number().int() }).nullable(),
});
export type DirectoryReport = z.infer<typeof DirectoryReport>;

export const DirectoryRun = z.object({
  id: z.uuid(),
  kind: DirectoryRunKind,
  trigger: z.enum(['manual', 'schedule']),
  state: DirectoryRunState,
  phase: DirectoryRunPhase,
  actorLogin: z.string(),
  startedAt: IsoDateTime,
  finishedAt: IsoDateTime.nullable(),
  /** Writing: changes written of `total`. */
  processed: z.number().int(),
  total: z.number().int(),
  report: DirectoryReport.nullable(),
  error: z.string().nullable(),
});
export type DirectoryRun = z.infer<typeof DirectoryRun>;

export const DirectoryRunList = z.object({ runs: z.array(DirectoryRun) });
export type DirectoryRunList = z.infer<typeof DirectoryRunList>;
