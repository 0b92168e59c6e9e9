import {
  AdminSession,
  AdminSessionPage,
  AdminSessionQuery,
  AuditFacets,
  Backup,
  BackupIdParams,
  BackupPage,
  BackupQuery,
  BACKUP_ARCHIVE_CONTENT_TYPE,
  InstanceHealth,
  RestoreConfirmation,
  RestoreResult,
  SessionIdParams,
} from '../../common/portal-api/instance';
import { recordAudit } from '../audit';
import { listAdminSessions, revokeAdminSession } from '../instance/admin-sessions';
import { auditFacets } from '../instance/audit-facets';
import { BackupService } from '../instance/backups';
import { collectInstanceHealth } from '../instance/health';
import { receiveUpload } from '../instance/upload';
import type { FeatureRoutes } from './types';

const tags = ['instance'];
const UPLOADED = Symbol('uploaded archive');

/** Diagnostics of the instance: health, admin sessions, backups, and the audit log's filter values. */
export const instanceRoutes: FeatureRoutes = async (app) => {
  const startedAtMs = Date.now();
  const backups = BackupService.for(
    app.portal.db,
    app.portal.now,
    (level, message, context) => app.serverLog.write(level, message, context),
    app.portal.backupHooks,
  );
  await backups.markInterrupted();
  const stopScheduler = backups.schedulable ? backups.startScheduler() : () => undefined;
  app.addHook('onClose', async () => {
    stopScheduler();
    await backups.settle();
  });

  app.get(
    '/instance/health',
    { config: { adminArea: 'diagnostics' }, schema: { tags, summary: 'Health of portal server, database, backups and sessions, measured now', response: { 200: InstanceHealth } } },
    async () => collectInstanceHealth(app.portal.db, backups, { now: app.portal.now(), startedAtMs }),
  );

  app.get(
    '/instance/sessions',
    {
      config: { adminArea: 'diagnostics' },
      schema: { tags, summary: 'Active admin sessions, newest first', querystring: AdminSessionQuery, response: { 200: AdminSessionPage } },
    },
    async (request) => listAdminSessions(app.portal.db, request.query, app.portal.now(), request.session?.tokenHash ?? null),
  );

  app.delete(
    '/instance/sessions/:id',
    { config: { adminArea: 'diagnostics' }, schema: { tags, summary: 'End an admin session (audited)', params: SessionIdParams, response: { 200: AdminSession } } },
    async (request) =>
      revokeAdminSession(app.portal.db, request.params.id, {
        actor: request.actor,
        currentTokenHash: request.session?.tokenHash ?? null,
        now: app.portal.now(),
      }),
  );

  app.get(
    '/instance/backups',
    { config: { adminArea: 'diagnostics' }, schema: { tags, summary: 'Backup history, newest first, and the backup policy', querystring: BackupQuery, response: { 200: BackupPage } } },
    async (request) => backups.list(request.query),
  );

  app.get(
    '/instance/backups/:id',
    { config: { adminArea: 'diagnostics' }, schema: { tags, summary: 'One backup', params: BackupIdParams, response: { 200: Backup } } },
    async (request) => backups.get(request.params.id),
  );

  app.post(
    '/instance/backups',
    { config: { adminArea: 'diagnostics' }, schema: { tags, summary: 'Start a backup now (audited); 409 while one runs', response: { 202: Backup } } },
    async (request, reply) => {
      const started = await backups.start('manual', request.actor);
      reply.code(202).header('location', `/api/v1/instance/backups/${started.id}`);
      return started;
    },
  );

  // An uploaded archive reaches its route as the raw stream (never buffered whole); the route bounds its size.
  // Under a symbol key, so checks that walk a parsed body (the input guard) do not walk the stream.
  app.addContentTypeParser(BACKUP_ARCHIVE_CONTENT_TYPE, (_request, payload, done) => done(null, { [UPLOADED]: payload }));

  app.get(
    '/instance/backups/:id/archive',
    {
      config: { adminArea: 'diagnostics' },
      schema: { tags, summary: 'Download the archive of a backup (streamed, audited)', params: BackupIdParams, produces: [BACKUP_ARCHIVE_CONTENT_TYPE] },
    },
    async (request, reply) => {
      const { backup, stream } = await backups.archive(request.params.id);
      await recordAudit(app.portal.db, { actor: request.actor, action: 'backup.download', targetType: 'backup', targetId: backup.id, at: app.portal.now() });
      reply
        .type(BACKUP_ARCHIVE_CONTENT_TYPE)
        .header('content-disposition', `attachment; filename="${backup.file}"`)
        .header('x-archive-sha256', backup.sha256 ?? '');
      if (backup.sizeBytes !== null) reply.header('content-length', String(backup.sizeBytes));
      return reply.send(stream);
    },
  );

  app.post(
    '/instance/backups/:id/restore',
    {
      config: { adminArea: 'diagnostics' },
      schema: {
        tags,
        summary: 'Restore a backup: the portal name typed to confirm; checked first, then one transaction; every session ends (audited)',
        params: BackupIdParams,
        body: RestoreConfirmation,
        response: { 200: RestoreResult },
      },
    },
    async (request) => backups.restore({ kind: 'backup', id: request.params.id }, request.body.confirm, request.actor, app.restoreGate),
  );

  app.post(
    '/instance/restores',
    {
      config: { adminArea: 'diagnostics' },
      schema: {
        tags,
        summary: `Restore an uploaded archive (${BACKUP_ARCHIVE_CONTENT_TYPE}, streamed): checked first, then one transaction; every session ends (audited)`,
        querystring: RestoreConfirmation,
        consumes: [BACKUP_ARCHIVE_CONTENT_TYPE],
        response: { 200: RestoreResult },
      },
    },
    async (request) => {
      const upload = await receiveUpload((request.body as { [UPLOADED]?: NodeJS.ReadableStream } | undefined)?.[UPLOADED]);
      try {
        return await backups.restore({ kind: 'upload', file: upload.file }, request.query.confirm, request.actor, app.restoreGate);
      } finally {
        await upload.remove();
      }
    },
  );

  app.get(
    '/instance/audit-facets',
    { config: { adminArea: 'diagnostics' }, schema: { tags, summary: 'Actors, actions and target types in the audit log', response: { 200: AuditFacets } } },
    async () => auditFacets(app.portal.db),
  );
};

export default instanceRoutes;
