import { z } from 'zod';
import { IsoDateTime, page, PageQuery } from './common';

// Payloads of /api/v1/instance/...: the health of the instance, the admin sessions, the backups.

export const HealthStatus = z.enum(['ok', 'warning', 'error']);
export type HealthStatus = z.infer<typeof HealthStatus>;

/**
 * What every component reports: a status, a reason code (the console words it in the user's language
 * from the component's figures) and an English sentence for logs and tickets.
 */
const componentBase = { status: HealthStatus, detail: z.string() };

export const PortalServerHealth = z.object({
  ...componentBase,
  reason: z.enum(['normal', 'high', 'critical']),
  version: z.string(),
  node: z.string(),
  uptimeSeconds: z.number().min(0),
  memory: z.object({
    rssBytes: z.number().int().min(0),
    heapUsedBytes: z.number().int().min(0),
    heapLimitBytes: z.number().int().min(0),
  }),
});
export type PortalServerHealth = z.infer<typeof PortalServerHealth>;

export const DatabaseEngine = z.enum(['pglite', 'postgresql']);
export type DatabaseEngine = z.infer<typeof DatabaseEngine>;

export const DatabaseHealth = z.object({
  ...componentBase,
  reason: z.enum(['reachable', 'slow', 'very_slow', 'unreachable']),
  engine: DatabaseEngine,
  /** The measured round trip of `select 1`; null when it failed. */
  latencyMs: z.number().min(0).nullable(),
  sizeBytes: z.number().int().min(0).nullable(),
  /** `select version()`. */
  serverVersion: z.string().nullable(),
});
export type DatabaseHealth = z.infer<typeof DatabaseHealth>;

/** `portal`: this portal makes and records its backups; `provider`: the hosting provider backs up the PostgreSQL database. */
export const BackupManager = z.enum(['portal', 'provider']);
export type BackupManager = z.infer<typeof BackupManager>;

export const BackupsHealth = z.object({
  ...componentBase,
  reason: z.enum(['recent', 'overdue', 'stale', 'never', 'provider', 'unreadable']),
  managedBy: BackupManager,
  intervalHours: z.number().int().positive(),
  lastSuccessAt: IsoDateTime.nullable(),
  ageHours: z.number().min(0).nullable(),
  running: z.boolean(),
});
export type BackupsHealth = z.infer<typeof BackupsHealth>;

export const SessionsHealth = z.object({
  ...componentBase,
  reason: z.enum(['counted', 'unreadable']),
  /** Admin sessions that have not expired. */
  active: z.number().int().min(0).nullable(),
});
export type SessionsHealth = z.infer<typeof SessionsHealth>;

/** GET /api/v1/instance/health: measured now, nothing cached. */
export const InstanceHealth = z.object({
  checkedAt: IsoDateTime,
  /** The worst status of the components. */
  status: HealthStatus,
  components: z.object({
    portalServer: PortalServerHealth,
    database: DatabaseHealth,
    backups: BackupsHealth,
    sessions: SessionsHealth,
  }),
});
export type InstanceHealth = z.infer<typeof InstanceHealth>;

export const HEALTH_COMPONENTS = ['portalServer', 'database', 'backups', 'sessions'] as const;
export type HealthComponent = (typeof HEALTH_COMPONENTS)[number];

/** An admin session as the instance lists it: never the token (nor its hash). */
export const AdminSession = z.object({
  /** A derived id (SHA-256 of the stored token hash) that names the session without revealing it. */
  id: z.string().regex(/^[0-9a-f]{64}$/),
  user: z.object({ id: z.string(), login: z.string(), displayName: z.string() }),
  createdAt: IsoDateTime,
  expiresAt: IsoDateTime,
  /** The session the request itself was made with. */
  current: z.boolean(),
});
export type AdminSession = z.infer<typeof AdminSession>;

/** GET /api/v1/instance/sessions: unexpired sessions, newest first. */
export const AdminSessionPage = page(AdminSession);
export type AdminSessionPage = z.infer<typeof AdminSessionPage>;
export const AdminSessionQuery = PageQuery;

export const SessionIdParams = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/, 'Not a session id') });

export const BackupStatus = z.enum(['running', 'succeeded', 'failed']);
export type BackupStatus = z.infer<typeof BackupStatus>;
export const BackupTrigger = z.enum(['manual', 'scheduled']);
export type BackupTrigger = z.infer<typeof BackupTrigger>;
/** Where the archive is kept: a file in the portal's data folder, or memory for an in-memory portal. */
export const BackupStorage = z.enum(['folder', 'memory']);
export type BackupStorage = z.infer<typeof BackupStorage>;

export const Backup = z.object({
  id: z.string(),
  trigger: BackupTrigger,
  status: BackupStatus,
  startedAt: IsoDateTime,
  finishedAt: IsoDateTime.nullable(),
  durationMs: z.number().int().min(0).nullable(),
  sizeBytes: z.number().int().min(0).nullable(),
  /** File name of the archive (a gzipped tar of the database folder). */
  file: z.string().nullable(),
  storage: BackupStorage.nullable(),
  sha256: z.string().nullable(),
  error: z.string().nullable(),
  /** Login of the administrator who started it; null for scheduled backups. */
  requestedBy: z.string().nullable(),
  /** When retention removed the archive; the history row stays. */
  removedAt: IsoDateTime.nullable(),
});
export type Backup = z.infer<typeof Backup>;

export const BackupPolicy = z.object({
  managedBy: BackupManager,
  intervalHours: z.number().int().positive(),
  /** How many archives the portal keeps (older ones are removed); null when the provider decides. */
  keep: z.number().int().positive().nullable(),
  storage: BackupStorage.nullable(),
  /** The folder on the portal server that holds the archives. */
  folder: z.string().nullable(),
});
export type BackupPolicy = z.infer<typeof BackupPolicy>;

/** GET /api/v1/instance/backups: newest first, with the policy they follow. */
export const BackupPage = page(Backup).extend({ policy: BackupPolicy });
export type BackupPage = z.infer<typeof BackupPage>;
export const BackupQuery = PageQuery;

export const BackupIdParams = z.object({ id: z.uuid() });

/** The portal's name, typed by the administrator to confirm a restore. */
export const RestoreConfirmation = z.object({ confirm: z.string().min(1).max(200) });
export type RestoreConfirmation = z.infer<typeof RestoreConfirmation>;

/** POST /instance/backups/{id}/restore and POST /instance/restores: what a finished restore did. */
export const RestoreResult = z.object({
  restoredAt: IsoDateTime,
  source: z.enum(['backup', 'upload']),
  /** The backup restored; null for an uploaded archive. */
  backupId: z.string().nullable(),
  /** When the archive was made. */
  archiveCreatedAt: IsoDateTime,
  tables: z.number().int().min(0),
  rows: z.number().int().min(0),
  durationMs: z.number().int().min(0),
  /** Always true: every session ended, the restorer's too. */
  sessionsEnded: z.literal(true),
});
export type RestoreResult = z.infer<typeof RestoreResult>;

/** Content type of a backup archive (gzipped lines), on download and upload. */
export const BACKUP_ARCHIVE_CONTENT_TYPE = 'application/gzip';

/** GET /api/v1/instance/audit-facets: the values the audit log holds, for the viewer's filters. */
export const AuditFacets = z.object({
  actors: z.array(z.string()),
  actions: z.array(z.string()),
  targetTypes: z.array(z.string()),
});
export type AuditFacets = z.infer<typeof AuditFacets>;
