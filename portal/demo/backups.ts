import { DateTime } from 'luxon';
import type { PortalExecutor } from '../db/client';
import { backups, type NewBackupRow } from '../db/schema';
import { createRandom } from './prng';

// Demo data of the diagnostics area: two weeks of nightly backups at 02:00 portal time, one of which
// failed (disk full) and was retried by the scheduler an hour later. The figures follow what a real
// dump of the demo database measures (about 4.8 MB gzipped, under a second). These rows describe
// history only: no archive files exist for them (file stays null).

const BACKUPS_SEED = 20_260_307;
const HISTORY_NIGHTS = 14;
const FAILED_NIGHT = 9;
const HOUR_MS = 60 * 60_000;
const BASE_SIZE_BYTES = 4_700_000;

function nightlyStarts(now: Date, zone: string): Date[] {
  const today = DateTime.fromJSDate(now, { zone }).set({ hour: 2, minute: 0, second: 5, millisecond: 0 });
  const latest = today.toMillis() <= now.getTime() ? today : today.minus({ days: 1 });
  return Array.from({ length: HISTORY_NIGHTS }, (_, night) => latest.minus({ days: night }).toJSDate());
}

/** The backup rows, newest first; `night` 0 is the most recent 02:00. */
export function buildBackupHistory(now: Date, zone: string): NewBackupRow[] {
  const random = createRandom(BACKUPS_SEED);
  return nightlyStarts(now, zone).flatMap((startedAt, night): NewBackupRow[] => {
    const sizeBytes = BASE_SIZE_BYTES + (HISTORY_NIGHTS - night) * random.int(4_000, 12_000) + random.int(0, 2_000);
    const durationMs = random.int(420, 980);
    const succeeded: NewBackupRow = {
      id: random.uuid(),
      trigger: 'scheduled',
      status: 'succeeded',
      startedAt,
      finishedAt: new Date(startedAt.getTime() + durationMs),
      sizeBytes,
    };
    if (night !== FAILED_NIGHT) return [succeeded];
    const retryAt = new Date(startedAt.getTime() + HOUR_MS);
    const failed: NewBackupRow = {
      id: random.uuid(),
      trigger: 'scheduled',
      status: 'failed',
      startedAt,
      finishedAt: new Date(startedAt.getTime() + random.int(150, 400)),
      error: 'ENOSPC: no space left on device, write',
    };
    return [{ ...succeeded, startedAt: retryAt, finishedAt: new Date(retryAt.getTime() + durationMs) }, failed];
  });
}

export async function seedBackupsDemo(tx: PortalExecutor, now: Date, zone: string): Promise<void> {
  await tx.insert(backups).values(buildBackupHistory(now, zone));
}
