import { eq, sql } from 'drizzle-orm';
import { DIRECTORY_PRESETS } from '../../common/domain/directory-presets';
import { DirectorySettingsInput, type DirectorySettings } from '../../common/portal-api/directory';
import { recordAudit } from '../audit';
import type { Actor } from '../auth/require-admin';
import type { PortalExecutor } from '../db/client';
import { directorySettings } from '../db/schema';
import { etagOf } from '../http/etag';
import { problem } from '../http/problem';
import type { SecretBox } from './secret-box';

export type DirectoryConfig = Omit<DirectorySettingsInput, 'bindPassword'>;

export interface StoredDirectorySettings {
  settings: DirectorySettings;
  etag: string;
  version: number;
  /** The bind password as sealed in the database. */
  sealedPassword: string | null;
  lastScheduledAt: Date | null;
}

/** What the console starts from before anything is saved: the Active Directory preset. */
export function defaultDirectorySettings(): DirectorySettings {
  const preset = DIRECTORY_PRESETS.active_directory;
  return {
    configured: false,
    passwordSet: false,
    url: '',
    startTls: false,
    pin: null,
    bindDn: '',
    baseDn: '',
    userFilter: preset.userFilter,
    groupFilter: preset.groupFilter,
    pageSize: 500,
    preset: 'active_directory',
    mapping: preset.mapping,
    orgUnitRoot: 'Verzeichnis',
    disableLimitPercent: 10,
    scheduleMinutes: null,
  };
}

export async function readDirectorySettings(db: PortalExecutor): Promise<StoredDirectorySettings> {
  const [row] = await db.select().from(directorySettings).where(eq(directorySettings.id, 1));
  if (row === undefined) return { settings: defaultDirectorySettings(), etag: etagOf(0), version: 0, sealedPassword: null, lastScheduledAt: null };
  const parsed = DirectorySettingsInput.safeParse(row.config);
  const base = parsed.success ? parsed.data : { ...defaultDirectorySettings(), ...row.config };
  const { bindPassword: _unused, ...config } = base as DirectorySettingsInput;
  return {
    settings: { ...config, configured: parsed.success, passwordSet: row.bindPassword !== null },
    etag: etagOf(row.version),
    version: row.version,
    sealedPassword: row.bindPassword,
    lastScheduledAt: row.lastScheduledAt,
  };
}

/** The settings as a plain config (what a connection test or a run uses), or a 409 when none are saved. */
export function configOf(stored: StoredDirectorySettings): DirectoryConfig {
  if (!stored.settings.configured) throw problem(409, 'Conflict', { code: 'directory_not_configured', detail: 'No directory connection is saved yet.' });
  const { configured: _c, passwordSet: _p, ...config } = stored.settings;
  return config;
}

export interface SaveContext {
  db: PortalExecutor & { transaction: <T>(fn: (tx: PortalExecutor) => Promise<T>) => Promise<T> };
  actor: Actor;
  now: Date;
  secrets: SecretBox;
}

/**
 * Saves the connection (If-Match checked by `checkIfMatch` against the current ETag under the row lock). The
 * password is sealed before it reaches the database and appears in neither the answer nor the audit entry.
 */
export async function saveDirectorySettings(
  ctx: SaveContext,
  input: DirectorySettingsInput,
  checkIfMatch: (etag: string, current: DirectorySettings) => void,
): Promise<StoredDirectorySettings> {
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('directory_settings'))`);
    const current = await readDirectorySettings(tx);
    checkIfMatch(current.etag, current.settings);
    const { bindPassword, ...config } = input;
    const sealed = bindPassword === undefined ? current.sealedPassword : ctx.secrets.seal(bindPassword);
    const version = current.version + 1;
    await tx
      .insert(directorySettings)
      .values({ id: 1, config, bindPassword: sealed, version })
      .onConflictDoUpdate({ target: directorySettings.id, set: { config, bindPassword: sealed, version } });
    const saved = await readDirectorySettings(tx);
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'directory.settings.update',
      targetType: 'directory',
      targetId: null,
      before: current.settings.configured ? current.settings : null,
      after: { ...saved.settings, passwordChanged: bindPassword !== undefined },
      at: ctx.now,
    });
    return saved;
  });
}

export async function markScheduled(db: PortalExecutor, at: Date): Promise<void> {
  await db.update(directorySettings).set({ lastScheduledAt: at }).where(eq(directorySettings.id, 1));
}
