import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { activationCodesCsv, activationCodesFileName } from '../../common/domain/activation-code';
import { Uuid } from '../../common/portal-api/common';
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
  UserWithPassword,
} from '../../common/portal-api/users';
import { recordAudit } from '../audit';
import { clientGoneSignal } from '../http/client-gone';
import { checkIfMatch } from '../http/etag';
import { problem } from '../http/problem';
import { describeError } from '../logs/safe-error';
import { readSecurityPolicy } from '../settings';
import { exportFileName, exportUsersCsv } from '../users/export';
import { ImportJobs, listImportJobs, planImport, readImportJob, reissueActivationCodes, toValidation } from '../users/import';
import { listUsers } from '../users/list-query';
import { loadUser, type LoadedUser } from '../users/representation';
import {
  createUser,
  deleteUser,
  groupOptions,
  resetPassword,
  runBulk,
  unlockUser,
  updateUser,
  type Precondition,
} from '../users/service';
import type { FeatureRoutes } from './types';

const UserParams = z.object({ id: Uuid });
const JobParams = z.object({ jobId: Uuid });
/** 50,000 CSV rows as JSON. */
const IMPORT_BODY_LIMIT = 32 * 1024 * 1024;

function ifMatchOf(request: FastifyRequest): Precondition {
  return (etag, current) => checkIfMatch(request, etag, current);
}

function sendUser(reply: FastifyReply, loaded: LoadedUser) {
  reply.header('etag', loaded.etag);
  return loaded.detail;
}

/** User management (tag `users`): list, search, CRUD, passwords, bulk actions, CSV import and export. */
const userRoutes: FeatureRoutes = async (app) => {
  const jobs = new ImportJobs((message, context) => app.serverLog.error(message, context));
  app.addHook('onClose', () => jobs.idle());
  const changeContext = (request: FastifyRequest) => ({ db: app.portal.db, actor: request.actor, now: app.portal.now() });
  const viewContext = async () => ({ policy: (await readSecurityPolicy(app.portal.db)).policy, now: app.portal.now() });

  app.get(
    '/users',
    {
      config: { adminArea: 'users' },
      schema: {
        tags: ['users'],
        summary: 'Users, keyset-paged; search, filter and sort server-side (total on the first page)',
        querystring: UserListQuery,
        response: { 200: UserPage },
      },
    },
    async (request, reply) => {
      const gone = clientGoneSignal(request, reply);
      gone.throwIfAborted();
      return listUsers(app.portal.db, request.query, await viewContext(), gone);
    },
  );

  app.get(
    '/users/group-options',
    { config: { adminArea: 'users' }, schema: { tags: ['users'], summary: 'The groups users can be put in', response: { 200: GroupOptions } } },
    async () => groupOptions(app.portal.db),
  );

  app.get(
    '/users/export',
    { config: { adminArea: 'users' }, schema: { tags: ['users'], summary: 'The filtered list as CSV (text/csv, streamed)', querystring: UserFilter } },
    async (request, reply) => {
      const now = app.portal.now();
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${exportFileName(now)}"`)
        .send(
          exportUsersCsv(app.portal.db, request.query, await viewContext(), (error) =>
            app.serverLog.error('export failed', { reqId: request.id, path: '/api/v1/users/export', error: describeError(error) }),
          ),
        );
    },
  );

  app.post(
    '/users/import/validate',
    {
      config: { adminArea: 'users' },
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: { tags: ['users'], summary: 'Check CSV rows without writing anything', body: ImportRequest, response: { 200: ImportValidation } },
    },
    async (request) => toValidation(await planImport(app.portal.db, request.body.rows)),
  );

  app.post(
    '/users/import',
    {
      config: { adminArea: 'users' },
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['users'],
        summary: 'Import CSV rows as a background job; invalid rows are skipped and reported',
        body: ImportRequest,
        response: { 202: ImportJob },
      },
    },
    async (request, reply) => {
      const plan = await planImport(app.portal.db, request.body.rows);
      const job = jobs.start({ db: app.portal.db, actor: request.actor, now: app.portal.now }, plan);
      reply.code(202).header('location', `/api/v1/users/import/${job.id}`);
      return job;
    },
  );

  app.get(
    '/users/import',
    { config: { adminArea: 'users' }, schema: { tags: ['users'], summary: 'The most recent import jobs, newest first (at most 20)', response: { 200: ImportJobList } } },
    async () => ({ jobs: (await listImportJobs(app.portal.db)).map((job) => jobs.get(job.id) ?? job) }),
  );

  app.post(
    '/users/import/:jobId/resume',
    {
      config: { adminArea: 'users' },
      schema: {
        tags: ['users'],
        summary: 'Resume an interrupted import after its last written batch, as a background job; 409 unless interrupted or while an import runs',
        params: JobParams,
        response: { 202: ImportJob },
      },
    },
    async (request, reply) => {
      const job = await jobs.resume({ db: app.portal.db, actor: request.actor, now: app.portal.now }, request.params.jobId);
      reply.code(202).header('location', `/api/v1/users/import/${job.id}`);
      return job;
    },
  );

  app.get(
    '/users/import/:jobId',
    { config: { adminArea: 'users' }, schema: { tags: ['users'], summary: 'Progress of an import job', params: JobParams, response: { 200: ImportJob } } },
    async (request) => {
      const job = jobs.get(request.params.jobId) ?? (await readImportJob(app.portal.db, request.params.jobId));
      if (job === undefined) throw problem(404, 'Not Found', { code: 'import_job_not_found', detail: 'There is no such import job (any more).' });
      return job;
    },
  );

  app.get(
    '/users/import/:jobId/activation-codes',
    {
      config: { adminArea: 'users' },
      schema: {
        tags: ['users'],
        summary: 'The activation codes of a finished import as CSV (text/csv), once; 409 while running or once downloaded',
        params: JobParams,
      },
    },
    async (request, reply) => {
      if (jobs.get(request.params.jobId) === undefined && (await readImportJob(app.portal.db, request.params.jobId)) !== undefined) {
        throw problem(409, 'Conflict', {
          code: 'activation_codes_gone',
          detail: 'This import ran before the portal last started; its activation codes were not kept: issue new ones for the users who need them.',
        });
      }
      const rows = jobs.takeActivationCodes(request.params.jobId);
      const now = app.portal.now();
      await recordAudit(app.portal.db, {
        actor: request.actor,
        action: 'user.activation_codes_download',
        targetType: 'import',
        targetId: request.params.jobId,
        after: { count: rows.length },
        at: now,
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${activationCodesFileName(now)}"`)
        .send(activationCodesCsv(rows));
    },
  );

  app.post(
    '/users/import/:jobId/activation-codes',
    {
      config: { adminArea: 'users' },
      schema: {
        tags: ['users'],
        summary: 'New activation codes (text/csv, once) for the accounts this import created that still have no password; the old codes stop working',
        params: JobParams,
      },
    },
    async (request, reply) => {
      const rows = await reissueActivationCodes({ db: app.portal.db, actor: request.actor, now: app.portal.now }, request.params.jobId);
      jobs.forgetActivationCodes(request.params.jobId);
      return reply
        .type('text/csv; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${activationCodesFileName(app.portal.now())}"`)
        .send(activationCodesCsv(rows));
    },
  );

  app.post(
    '/users/bulk',
    {
      config: { adminArea: 'users' },
      schema: {
        tags: ['users'],
        summary: 'Disable, enable, delete, add to a group or issue activation codes; per row If-Match (etag) and result',
        body: BulkRequest,
        response: { 200: BulkResponse },
      },
    },
    async (request) => runBulk(changeContext(request), request.body),
  );

  app.post(
    '/users',
    { config: { adminArea: 'users' }, schema: { tags: ['users'], summary: 'Create a user', body: CreateUserRequest, response: { 201: UserWithPassword } } },
    async (request, reply) => {
      const { loaded, oneTimePassword } = await createUser(changeContext(request), request.body);
      reply.code(201).header('etag', loaded.etag).header('location', `/api/v1/users/${loaded.row.id}`);
      return { user: loaded.detail, oneTimePassword };
    },
  );

  app.get(
    '/users/:id',
    { config: { adminArea: 'users' }, schema: { tags: ['users'], summary: 'One user with groups (ETag)', params: UserParams, response: { 200: UserDetail } } },
    async (request, reply) => {
      const loaded = await loadUser(app.portal.db, request.params.id, await viewContext());
      if (loaded === null) throw problem(404, 'Not Found', { code: 'user_not_found', detail: 'There is no user with this id.' });
      return sendUser(reply, loaded);
    },
  );

  app.put(
    '/users/:id',
    {
      config: { adminArea: 'users' },
      schema: {
        tags: ['users'],
        summary: 'Replace the editable fields and groups (If-Match)',
        params: UserParams,
        body: UserFields,
        response: { 200: UserDetail },
      },
    },
    async (request, reply) => sendUser(reply, await updateUser(changeContext(request), request.params.id, request.body, ifMatchOf(request))),
  );

  app.delete(
    '/users/:id',
    { config: { adminArea: 'users' }, schema: { tags: ['users'], summary: 'Delete a user (If-Match)', params: UserParams } },
    async (request, reply) => {
      await deleteUser(changeContext(request), request.params.id, ifMatchOf(request));
      return reply.code(204).send();
    },
  );

  app.post(
    '/users/:id/unlock',
    { config: { adminArea: 'users' }, schema: { tags: ['users'], summary: 'End a lockout (If-Match)', params: UserParams, response: { 200: UserDetail } } },
    async (request, reply) => sendUser(reply, await unlockUser(changeContext(request), request.params.id, ifMatchOf(request))),
  );

  app.post(
    '/users/:id/password',
    {
      config: { adminArea: 'users' },
      schema: {
        tags: ['users'],
        summary: 'Reset the password: generate a one-time password, set one, or require a change (If-Match)',
        params: UserParams,
        body: PasswordResetRequest,
        response: { 200: UserWithPassword },
      },
    },
    async (request, reply) => {
      const { loaded, oneTimePassword } = await resetPassword(changeContext(request), request.params.id, request.body, ifMatchOf(request));
      reply.header('etag', loaded.etag);
      return { user: loaded.detail, oneTimePassword };
    },
  );
};

export default userRoutes;
