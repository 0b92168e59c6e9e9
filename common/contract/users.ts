import { z } from 'zod';
import { versioned } from '../portal-api/common';
import {
  CreateInvitationRequest,
  Invitation,
  InvitationCreated,
  InvitationListQuery,
  InvitationPage,
  InvitationRequest,
  InvitationRequestGranted,
  InvitationRequestPage,
} from '../portal-api/invitations';
import { SecurityPolicy } from '../portal-api/security-policy';
import {
  BulkRequest,
  BulkResponse,
  CreateUserRequest,
  GroupOptions,
  ImportJob,
  ImportJobList,
  ImportRequest,
  ImportValidation,
  PasswordResetRequest,
  UserDetail,
  UserFields,
  UserFilter,
  UserListQuery,
  UserPage,
} from '../portal-api/users';
import { call, Empty, Ok } from './define';

export const VersionedUser = versioned(UserDetail);
export type VersionedUser = z.infer<typeof VersionedUser>;

/** The user as saved, plus the one-time password when one was generated (shown once, never stored). */
export const UserSaved = z.object({ user: VersionedUser, oneTimePassword: z.string().nullable() });
export type UserSaved = z.infer<typeof UserSaved>;

const UserId = z.object({ id: z.uuid() });
const IfMatch = z.string().min(1).max(200);

export const UserExport = z.object({ filename: z.string(), csv: z.string() });
export type UserExport = z.infer<typeof UserExport>;

export const VersionedSecurityPolicy = versioned(SecurityPolicy);
export type VersionedSecurityPolicy = z.infer<typeof VersionedSecurityPolicy>;

export const usersContract = {
  'users:list': call(UserListQuery, UserPage, 'read'),
  'users:get': call(UserId, VersionedUser, 'read'),
  'users:create': call(CreateUserRequest, UserSaved, 'write'),
  'users:update': call(UserId.extend({ ifMatch: IfMatch, value: UserFields }), VersionedUser, 'write'),
  'users:delete': call(UserId.extend({ ifMatch: IfMatch }), Ok, 'write'),
  'users:unlock': call(UserId.extend({ ifMatch: IfMatch }), VersionedUser, 'write'),
  'users:resetPassword': call(UserId.extend({ ifMatch: IfMatch, reset: PasswordResetRequest }), UserSaved, 'write'),
  /** At most BULK_MAX_ITEMS rows per call; the renderer sends a large selection in chunks and shows progress. */
  'users:bulk': call(BulkRequest, BulkResponse, 'write'),
  'users:groupOptions': call(Empty, GroupOptions, 'read'),
  'users:importValidate': call(ImportRequest, ImportValidation, 'read'),
  'users:importStart': call(ImportRequest, ImportJob, 'write'),
  'users:importJob': call(z.object({ jobId: z.uuid() }), ImportJob, 'read'),
  /** The activation codes of a finished import as CSV, once (the portal forgets them); the renderer offers the download. */
  'users:importActivationCodes': call(z.object({ jobId: z.uuid() }), UserExport, 'read'),
  /** The most recent import jobs, newest first: after a restart the console finds an interrupted one here. */
  'users:importJobs': call(Empty, ImportJobList, 'read'),
  /** Continues an interrupted import after its last written batch (same job id); poll it with `users:importJob`. */
  'users:importResume': call(z.object({ jobId: z.uuid() }), ImportJob, 'write'),
  /** New activation codes as CSV, once, for the accounts the import created that have no password yet (old codes stop working). */
  'users:importReissueCodes': call(z.object({ jobId: z.uuid() }), UserExport, 'write'),
  /** The current filter as CSV; the renderer offers it as a download. */
  'users:export': call(UserFilter, UserExport, 'read'),
  /** Invitations (membership mode `invitation`): the code is answered once by `create`, never listed. */
  'users:invitations': call(InvitationListQuery, InvitationPage, 'read'),
  'users:invite': call(CreateInvitationRequest, InvitationCreated, 'write'),
  'users:revokeInvitation': call(UserId.extend({ ifMatch: IfMatch }), Invitation, 'write'),
  /** Requests for an invitation ("anyone may request an invitation"), newest first; grant answers the invitation's code once. */
  'users:invitationRequests': call(InvitationListQuery, InvitationRequestPage, 'read'),
  'users:grantInvitationRequest': call(UserId.extend({ ifMatch: IfMatch }), InvitationRequestGranted, 'write'),
  'users:refuseInvitationRequest': call(UserId.extend({ ifMatch: IfMatch }), InvitationRequest, 'write'),
  'securityPolicy:get': call(Empty, VersionedSecurityPolicy, 'read'),
  'securityPolicy:update': call(z.object({ ifMatch: IfMatch, value: SecurityPolicy }), VersionedSecurityPolicy, 'write'),
};
