import type { AuditListRequest, ConsoleHandlers, LogsRequest } from '../../common/contract';
import { AuditPage } from '../../common/portal-api/audit';
import { AdminSession, AdminSessionPage, AuditFacets, Backup, BackupPage, InstanceHealth } from '../../common/portal-api/instance';
import { ServerLogPage } from '../../common/portal-api/support';
import type { BackendContext } from '../context';

type DiagnosticsChannels =
  | 'instance:health'
  | 'instance:sessions'
  | 'instance:revokeSession'
  | 'instance:backups'
  | 'instance:startBackup'
  | 'instance:backup'
  | 'audit:list'
  | 'audit:facets'
  | 'instance:logs';

const text = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());

/** Empty filter texts from the form mean "no filter"; the portal would reject them. */
export function auditQuery(request: AuditListRequest): Record<string, string | number | undefined> {
  return {
    cursor: request.cursor,
    limit: request.limit,
    actor: text(request.actor),
    action: text(request.action),
    targetType: text(request.targetType),
    targetId: text(request.targetId),
    from: request.from,
    to: request.to,
  };
}

/** The query of GET /logs; an empty text filter is left out. */
export function logsQuery(request: LogsRequest): Record<string, string | number | undefined> {
  return {
    from: request.from,
    to: request.to,
    level: request.level,
    cursor: request.cursor,
    limit: request.limit,
    contains: text(request.contains),
  };
}

/** Health, admin sessions, backups and the audit trail of the signed-in portal's instance. */
export function diagnosticsHandlers(ctx: BackendContext): Pick<ConsoleHandlers, DiagnosticsChannels> {
  const client = () => ctx.session.client();
  return {
    'instance:health': async () => (await client().get('/instance/health', InstanceHealth)).data,
    'instance:sessions': async (query) => (await client().get('/instance/sessions', AdminSessionPage, { query })).data,
    'instance:revokeSession': async ({ id }) => {
      const revoked = (await client().delete(`/instance/sessions/${encodeURIComponent(id)}`, AdminSession)).data;
      ctx.log.info('admin session revoked', { user: revoked.user.login, own: revoked.current });
      // The portal no longer knows this console's token: drop the local session instead of failing later.
      if (revoked.current) ctx.session.expire();
      return { ok: true as const, endedOwnSession: revoked.current };
    },
    'instance:backups': async (query) => (await client().get('/instance/backups', BackupPage, { query })).data,
    'instance:startBackup': async () => {
      const started = (await client().post('/instance/backups', Backup)).data;
      ctx.log.info('backup started', { id: started.id });
      return started;
    },
    'instance:backup': async ({ id }) => (await client().get(`/instance/backups/${encodeURIComponent(id)}`, Backup)).data,
    'audit:list': async (request) => (await client().get('/audit', AuditPage, { query: auditQuery(request) })).data,
    'audit:facets': async () => (await client().get('/instance/audit-facets', AuditFacets)).data,
    'instance:logs': async (request) => (await client().get('/logs', ServerLogPage, { query: logsQuery(request) })).data,
  };
}
