import { and, eq } from 'drizzle-orm';
import type { ReleaseTrack } from '../../common/portal-api/common';
import type { UpdateSettings } from '../../common/portal-api/updates';
import { recordAudit } from '../audit';
import type { Actor } from '../auth/require-admin';
import type { PortalDb } from '../db/client';
import { portalSettings, type PortalSettingsRow } from '../db/schema';
import { etagOf } from '../http/etag';
import { problem } from '../http/problem';
import { readPortalSettings } from '../settings';
import type { Precondition } from './deferrals';

export function toUpdateSettings(row: PortalSettingsRow): UpdateSettings {
  return { version: row.version, track: row.track, timeZone: row.timeZone };
}

/** The portal settings' ETag: the same one GET /api/v1/portal sends. */
export function settingsEtag(row: PortalSettingsRow): string {
  return etagOf(row.rowVersion);
}

/** Switches the release track (If-Match on the portal settings); choosing the current track changes nothing. */
export async function changeTrack(
  ctx: { db: PortalDb; actor: Actor; now: Date },
  track: ReleaseTrack,
  precondition: Precondition,
): Promise<PortalSettingsRow> {
  return ctx.db.transaction(async (tx) => {
    const row = await readPortalSettings(tx);
    precondition(settingsEtag(row), toUpdateSettings(row));
    if (row.track === track) return row;
    const [updated] = await tx
      .update(portalSettings)
      .set({ track, rowVersion: row.rowVersion + 1 })
      .where(and(eq(portalSettings.id, row.id), eq(portalSettings.rowVersion, row.rowVersion)))
      .returning();
    if (updated === undefined) throw problem(412, 'Precondition Failed', { code: 'etag_mismatch', detail: 'The settings were changed concurrently.' });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'portal.track_change',
      targetType: 'portal',
      targetId: String(row.id),
      before: { track: row.track },
      after: { track },
      at: ctx.now,
    });
    return updated;
  });
}
