import { z } from 'zod';
import { IsoDateTime, page } from './common';

export const UserLanguage = z.enum(['de', 'en']);
export type UserLanguage = z.infer<typeof UserLanguage>;

/** `locked` wins over `active`; a disabled account is `disabled` whatever its lock. */
export const UserStatus = z.enum(['active', 'locked', 'disabled']);
export type UserStatus = z.infer<typeof UserStatus>;

export const UserSortField = z.enum(['displayName', 'login', 'email', 'lastLoginAt', 'status']);
export type UserSortField = z.infer<typeof UserSortField>;

export const SortDirection = z.enum(['asc', 'desc']);
export type SortDirection = z.infer<typeof SortDirection>;

/**
 * `password_expired`: accounts with a password that must be replaced at the next sign-in, expired under
 * the policy or flagged "must change at next sign-in"; accounts without a password are not listed.
 */
export const UserFilterStatus = z.enum(['all', 'active', 'disabled', 'locked', 'never_signed_in', 'password_expired']);
export type UserFilterStatus = z.infer<typeof UserFilterStatus>;

export const LOGIN_MIN_LENGTH = 2;
export const LOGIN_MAX_LENGTH = 100;
export const DISPLAY_NAME_MAX_LENGTH = 200;
export const EMAIL_MAX_LENGTH = 254;
/** Letters (any script), digits and `. _ @ + -`; no spaces. */
export const LOGIN_PATTERN = /^[\p{L}\p{N}._@+-]+$/u;
/** Deliberately loose: one @, a dot in the domain, no spaces. The mail server is the real judge. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

export const UserLogin = z
  .string()
  .trim()
  .min(LOGIN_MIN_LENGTH)
  .max(LOGIN_MAX_LENGTH)
  .regex(LOGIN_PATTERN, 'Letters, digits and . _ @ + - only, no spaces');
export const UserDisplayName = z.string().trim().min(1).max(DISPLAY_NAME_MAX_LENGTH);
export const UserEmail = z.string().trim().max(EMAIL_MAX_LENGTH).regex(EMAIL_PATTERN, 'Not an e-mail address');

export const GroupRef = z.object({ id: z.string(), name: z.string() });
export type GroupRef = z.infer<typeof GroupRef>;

/** One row of the user list; `etag` lets bulk actions send If-Match per row. */
export const UserSummary = z.object({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  language: UserLanguage,
  enabled: z.boolean(),
  isAdmin: z.boolean(),
  status: UserStatus,
  lockedUntil: IsoDateTime.nullable(),
  lastLoginAt: IsoDateTime.nullable(),
  /** False for accounts that never got a password (imported): they cannot sign in until one is set. */
  hasPassword: z.boolean(),
  mustChangePassword: z.boolean(),
  /** Expired under the policy's expiry days. */
  passwordExpired: z.boolean(),
  etag: z.string(),
});
export type UserSummary = z.infer<typeof UserSummary>;

/** GET /users/:id (ETag header: the user's version). */
export const UserDetail = UserSummary.omit({ etag: true }).extend({
  /** Direct group memberships (kind `group`). */
  groups: z.array(GroupRef),
  failedAttempts: z.number().int(),
  passwordChangedAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type UserDetail = z.infer<typeof UserDetail>;

/** While searching, `total` counts at most SEARCH_TOTAL_CAP matches; `totalCapped` says there are more. */
export const UserPage = page(UserSummary).extend({ totalCapped: z.boolean().optional() });
export type UserPage = z.infer<typeof UserPage>;

export const USER_PAGE_MAX = 500;
export const SEARCH_TOTAL_CAP = 1000;

/** The list's filter (also what the CSV export exports). */
export const UserFilter = z.object({
  /** Search as you type: every word must occur in name, login or e-mail (case-insensitive substring). */
  q: z.string().trim().max(200).optional(),
  status: UserFilterStatus.default('all'),
  /** Members of this group, directly or through nested groups. */
  groupId: z.uuid().optional(),
  sort: UserSortField.default('displayName'),
  dir: SortDirection.default('asc'),
});
export type UserFilter = z.infer<typeof UserFilter>;
export type UserFilterInput = z.input<typeof UserFilter>;

/** GET /users */
export const UserListQuery = UserFilter.extend({
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(USER_PAGE_MAX).default(100),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

/** The editable fields (PUT /users/:id replaces them all). */
export const UserFields = z.object({
  login: UserLogin,
  displayName: UserDisplayName,
  email: UserEmail.nullable(),
  language: UserLanguage,
  enabled: z.boolean(),
  isAdmin: z.boolean(),
  /** The complete set of direct group memberships; roles and distribution lists are left alone. */
  groupIds: z.array(z.uuid()).max(500),
});
export type UserFields = z.infer<typeof UserFields>;

export const InitialPassword = z.discriminatedUnion('mode', [
  /** No password yet: the account cannot sign in until an administrator sets or generates one. */
  z.object({ mode: z.literal('none') }),
  /** The portal generates a one-time password, answers it once; it must be changed at first sign-in. */
  z.object({ mode: z.literal('generate') }),
  z.object({ mode: z.literal('set'), password: z.string().min(1).max(1024), mustChange: z.boolean() }),
]);
export type InitialPassword = z.infer<typeof InitialPassword>;

/** POST /users */
export const CreateUserRequest = UserFields.extend({ password: InitialPassword });
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

/** POST /users/:id/password (If-Match). */
export const PasswordResetRequest = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('generate') }),
  z.object({ mode: z.literal('set'), password: z.string().min(1).max(1024), mustChange: z.boolean() }),
  /** Keeps the password but asks for a new one at the next sign-in. */
  z.object({ mode: z.literal('require_change') }),
]);
export type PasswordResetRequest = z.infer<typeof PasswordResetRequest>;

/** Answer of POST /users and POST /users/:id/password: the one-time password appears here once and nowhere else. */
export const UserWithPassword = z.object({ user: UserDetail, oneTimePassword: z.string().nullable() });
export type UserWithPassword = z.infer<typeof UserWithPassword>;

/** `issue_activation_code`: a new one-time code for each account without a password (answered once, per row). */
export const BulkActionName = z.enum(['disable', 'enable', 'delete', 'add_to_group', 'issue_activation_code']);
export type BulkActionName = z.infer<typeof BulkActionName>;

export const BULK_MAX_ITEMS = 200;

/** POST /users/bulk: each item carries the ETag it was seen with; a changed row is reported, not overwritten. */
export const BulkRequest = z
  .object({
    action: BulkActionName,
    groupId: z.uuid().optional(),
    items: z
      .array(z.object({ id: z.uuid(), etag: z.string().min(1).max(200) }))
      .min(1)
      .max(BULK_MAX_ITEMS),
  })
  .refine((request) => request.action !== 'add_to_group' || request.groupId !== undefined, {
    path: ['groupId'],
    message: 'add_to_group needs a groupId',
  });
export type BulkRequest = z.infer<typeof BulkRequest>;

export const BulkOutcome = z.enum(['ok', 'unchanged', 'not_found', 'conflict', 'refused']);
export type BulkOutcome = z.infer<typeof BulkOutcome>;

export const BulkItemResult = z.object({
  id: z.string(),
  outcome: BulkOutcome,
  /** Why it was refused or conflicted, e.g. `self_lockout`, `last_admin`, `etag_mismatch`. */
  code: z.string().optional(),
  detail: z.string().optional(),
  /** The row's ETag after the action (absent when deleted or not found). */
  etag: z.string().optional(),
  /** issue_activation_code: the new code, in this answer only (the portal keeps its hash). */
  activationCode: z.string().optional(),
  /** issue_activation_code: when that code stops signing in. */
  activationCodeValidUntil: IsoDateTime.optional(),
});
export type BulkItemResult = z.infer<typeof BulkItemResult>;

export const BulkResponse = z.object({ results: z.array(BulkItemResult) });
export type BulkResponse = z.infer<typeof BulkResponse>;

/** GET /users/group-options: the groups a user may be put in (the picker and the filter). */
export const GroupOptions = z.array(GroupRef);
export type GroupOptions = z.infer<typeof GroupOptions>;

// ---------------------------------------------------------------------------------------------
// CSV import (columns and row rules: common/domain/user-import.ts)

export const IMPORT_MAX_ROWS = 50_000;

/** One CSV data row after header mapping; raw strings, validated by the portal. */
export const ImportRowInput = z.object({
  login: z.string().max(1000).default(''),
  displayName: z.string().max(1000).default(''),
  email: z.string().max(1000).default(''),
  language: z.string().max(100).default(''),
  enabled: z.string().max(100).default(''),
  groups: z.string().max(5000).default(''),
});
export type ImportRowInput = z.input<typeof ImportRowInput>;

export const ImportRequest = z.object({ rows: z.array(ImportRowInput).min(1).max(IMPORT_MAX_ROWS) });
export type ImportRequest = z.input<typeof ImportRequest>;

export const ImportIssue = z.object({
  /** 1-based data row (the CSV line is row + 1 because of the header). */
  row: z.number().int().min(1),
  field: z.string(),
  /** i18n key, e.g. `required`, `invalid_email`, `login_taken`, `unknown_group`, `duplicate_in_file`. */
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type ImportIssue = z.infer<typeof ImportIssue>;

/** POST /users/import/validate: what an import would do, without writing anything. */
export const ImportValidation = z.object({
  total: z.number().int(),
  valid: z.number().int(),
  issues: z.array(ImportIssue),
});
export type ImportValidation = z.infer<typeof ImportValidation>;

/** `interrupted`: the portal stopped while the job ran (crash, kill); `error` says how far it got. */
export const ImportJobState = z.enum(['running', 'done', 'failed', 'interrupted']);

/** POST /users/import answers 202 with this; GET /users/import/:jobId reports progress. */
export const ImportJob = z.object({
  id: z.string(),
  state: ImportJobState,
  total: z.number().int(),
  /** Rows handled so far (created or skipped). */
  processed: z.number().int(),
  created: z.number().int(),
  skipped: z.number().int(),
  /** Why rows were skipped (at most IMPORT_MAX_REPORTED_ISSUES). */
  issues: z.array(ImportIssue),
  startedAt: IsoDateTime,
  finishedAt: IsoDateTime.nullable(),
  error: z.string().nullable(),
  /**
   * Activation codes of the created users waiting to be downloaded (GET /users/import/:jobId/activation-codes,
   * once, after the job); 0 once downloaded.
   */
  activationCodes: z.number().int(),
});
export type ImportJob = z.infer<typeof ImportJob>;

/** GET /users/import: the most recent import jobs, newest first (an interrupted one can be resumed). */
export const ImportJobList = z.object({ jobs: z.array(ImportJob) });
export type ImportJobList = z.infer<typeof ImportJobList>;

export const IMPORT_MAX_REPORTED_ISSUES = 2_000;
