import { z } from 'zod';
import type { ConsoleHandlers } from '../../common/contract';
import { ConsoleError } from '../../common/errors';
import { Invitation, InvitationCreated, InvitationPage, InvitationRequest, InvitationRequestGranted, InvitationRequestPage } from '../../common/portal-api/invitations';
import { SecurityPolicyAsStored } from '../../common/domain/password-policy';
import {
  BulkResponse,
  GroupOptions,
  ImportJob,
  ImportJobList,
  ImportValidation,
  UserDetail,
  UserPage,
  UserWithPassword,
  type UserFilter,
} from '../../common/portal-api/users';
import type { BackendContext } from '../context';

type UsersChannels =
  | 'users:list'
  | 'users:get'
  | 'users:create'
  | 'users:update'
  | 'users:delete'
  | 'users:unlock'
  | 'users:resetPassword'
  | 'users:bulk'
  | 'users:groupOptions'
  | 'users:importValidate'
  | 'users:importStart'
  | 'users:importJob'
  | 'users:importActivationCodes'
  | 'users:importJobs'
  | 'users:importResume'
  | 'users:importReissueCodes'
  | 'users:export'
  | 'users:invitations'
  | 'users:invite'
  | 'users:revokeInvitation'
  | 'users:invitationRequests'
  | 'users:grantInvitationRequest'
  | 'users:refuseInvitationRequest'
  | 'securityPolicy:get'
  | 'securityPolicy:update';

const EXPORT_TIMEOUT_MS = 5 * 60_000;

const userPath = (id: string, suffix = '') => `/users/${encodeURIComponent(id)}${suffix}`;

/** Every change is answered with the new ETag; without it the next change could not send If-Match. */
function requireEtag(etag: string | null, what: string): string {
  if (etag === null) throw new ConsoleError('MALFORMED_RESPONSE', `The portal sent no ETag for ${what}`, { what });
  return etag;
}

/** `attachment; filename="users-2026-03-02.csv"` -> the name; anything unusual gets the fallback. */
export function csvFilename(header: string | string[] | undefined, fallback: string): string {
  const value = Array.isArray(header) ? header[0] : header;
  const name = /filename="?([^";]*)"?/i.exec(value ?? '')?.[1] ?? '';
  return /^[\w][\w.-]*\.csv$/.test(name) ? name : fallback;
}

function filterQuery(filter: UserFilter): Record<string, string | undefined> {
  return { q: filter.q, status: filter.status, groupId: filter.groupId, sort: filter.sort, dir: filter.dir };
}

/** User management and the security policy: thin calls to the portal, ETags passed through. */
export function usersHandlers(ctx: BackendContext): Pick<ConsoleHandlers, UsersChannels> {
  const client = () => ctx.session.client();
  const versionedUser = (response: { etag: string | null; data: UserDetail }) => ({
    etag: requireEtag(response.etag, 'the user'),
    value: response.data,
  });
  const savedUser = (response: { etag: string | null; data: UserWithPassword }) => ({
    user: { etag: requireEtag(response.etag, 'the user'), value: response.data.user },
    oneTimePassword: response.data.oneTimePassword,
  });

  return {
    'users:list': async ({ cursor, limit, ...filter }) =>
      (await client().get('/users', UserPage, { query: { ...filterQuery(filter), cursor, limit } })).data,
    'users:get': async ({ id }) => versionedUser(await client().get(userPath(id), UserDetail)),
    'users:create': async (request) => {
      const response = await client().post('/users', UserWithPassword, { body: request });
      ctx.log.info('user created', { login: request.login, passwordMode: request.password.mode });
      return savedUser(response);
    },
    'users:update': async ({ id, ifMatch, value }) => versionedUser(await client().put(userPath(id), UserDetail, { body: value, ifMatch })),
    'users:delete': async ({ id, ifMatch }) => {
      await client().delete(userPath(id), z.unknown(), { ifMatch });
      return { ok: true as const };
    },
    'users:unlock': async ({ id, ifMatch }) => versionedUser(await client().post(userPath(id, '/unlock'), UserDetail, { ifMatch })),
    'users:resetPassword': async ({ id, ifMatch, reset }) =>
      savedUser(await client().post(userPath(id, '/password'), UserWithPassword, { body: reset, ifMatch })),
    'users:bulk': async (request) => (await client().post('/users/bulk', BulkResponse, { body: request })).data,
    'users:groupOptions': async () => (await client().get('/users/group-options', GroupOptions)).data,
    'users:importValidate': async (request) => (await client().post('/users/import/validate', ImportValidation, { body: request })).data,
    'users:importStart': async (request) => {
      const job = (await client().post('/users/import', ImportJob, { body: request })).data;
      ctx.log.info('user import started', { job: job.id, rows: job.total });
      return job;
    },
    'users:importJob': async ({ jobId }) => (await client().get(`/users/import/${encodeURIComponent(jobId)}`, ImportJob)).data,
    'users:importActivationCodes': async ({ jobId }) => {
      const response = await client().text('GET', `/users/import/${encodeURIComponent(jobId)}/activation-codes`);
      ctx.log.info('activation codes downloaded', { job: jobId });
      return { filename: csvFilename(response.headers['content-disposition'], 'activation-codes.csv'), csv: response.data };
    },
    'users:importJobs': async () => (await client().get('/users/import', ImportJobList)).data,
    'users:importResume': async ({ jobId }) => {
      const job = (await client().post(`/users/import/${encodeURIComponent(jobId)}/resume`, ImportJob)).data;
      ctx.log.info('user import resumed', { job: job.id, processed: job.processed, rows: job.total });
      return job;
    },
    'users:importReissueCodes': async ({ jobId }) => {
      const response = await client().text('POST', `/users/import/${encodeURIComponent(jobId)}/activation-codes`);
      ctx.log.info('activation codes reissued', { job: jobId });
      return { filename: csvFilename(response.headers['content-disposition'], 'activation-codes.csv'), csv: response.data };
    },
    'users:export': async (filter) => {
      const response = await client().text('GET', '/users/export', { query: filterQuery(filter), timeoutMs: EXPORT_TIMEOUT_MS });
      return { filename: csvFilename(response.headers['content-disposition'], 'users.csv'), csv: response.data };
    },
    'users:invitations': async ({ cursor, limit }) => (await client().get('/invitations', InvitationPage, { query: { cursor, limit } })).data,
    'users:invite': async (request) => {
      const created = (await client().post('/invitations', InvitationCreated, { body: request })).data;
      ctx.log.info('invitation created', { invitation: created.invitation.id });
      return created;
    },
    'users:revokeInvitation': async ({ id, ifMatch }) => {
      const revoked = (await client().post(`/invitations/${encodeURIComponent(id)}/revoke`, Invitation, { ifMatch })).data;
      ctx.log.info('invitation revoked', { invitation: id });
      return revoked;
    },
    'users:invitationRequests': async ({ cursor, limit }) =>
      (await client().get('/invitation-requests', InvitationRequestPage, { query: { cursor, limit } })).data,
    'users:grantInvitationRequest': async ({ id, ifMatch }) => {
      const granted = (await client().post(`/invitation-requests/${encodeURIComponent(id)}/grant`, InvitationRequestGranted, { ifMatch })).data;
      ctx.log.info('invitation request granted', { request: id, invitation: granted.invitation.id });
      return granted;
    },
    'users:refuseInvitationRequest': async ({ id, ifMatch }) => {
      const refused = (await client().post(`/invitation-requests/${encodeURIComponent(id)}/refuse`, InvitationRequest, { ifMatch })).data;
      ctx.log.info('invitation request refused', { request: id });
      return refused;
    },
    'securityPolicy:get': async () => {
      const response = await client().get('/security-policy', SecurityPolicyAsStored);
      return { etag: requireEtag(response.etag, 'the security policy'), value: response.data };
    },
    'securityPolicy:update': async ({ ifMatch, value }) => {
      const response = await client().put('/security-policy', SecurityPolicyAsStored, { body: value, ifMatch });
      ctx.log.info('security policy changed', { preset: value.preset });
      return { etag: requireEtag(response.etag, 'the security policy'), value: response.data };
    },
  };
}
