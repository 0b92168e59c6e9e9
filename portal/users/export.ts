import type { Readable } from 'node:stream';
import { csvLine, exportColumns } from '../../common/domain/user-import';
import type { UserFilter } from '../../common/portal-api/users';
import type { PortalExecutor } from '../db/client';
import { guardedTextStream } from '../http/guarded-stream';
import { iterateUsers } from './list-query';
import { groupNamesOfUsers, userStatus, type ViewContext } from './representation';

/** Excel needs the byte order mark to read UTF-8 (umlauts) correctly. */
const BOM = '\uFEFF';
const EXPORT_BATCH = 2000;

async function* csvChunks(db: PortalExecutor, filter: UserFilter, view: ViewContext): AsyncGenerator<string> {
  yield BOM + csvLine(exportColumns);
  for await (const rows of iterateUsers(db, filter, view, EXPORT_BATCH)) {
    const groups = await groupNamesOfUsers(
      db,
      rows.map((row) => row.id),
    );
    yield rows
      .map((row) =>
        csvLine([
          row.login,
          row.displayName,
          row.email,
          row.language,
          row.enabled,
          (groups.get(row.id) ?? []).join('; '),
          row.isAdmin,
          userStatus(row, view.now),
          row.lastLoginAt?.toISOString() ?? '',
          row.createdAt.toISOString(),
        ]),
      )
      .join('');
  }
}

/**
 * The filtered list as CSV, produced batch by batch while it is sent (100,000 rows never sit in memory at
 * once). A failure after the first rows ends the file with the stream failure marker and goes to `onError`.
 */
export function exportUsersCsv(db: PortalExecutor, filter: UserFilter, view: ViewContext, onError: (error: unknown) => void): Readable {
  return guardedTextStream(csvChunks(db, filter, view), onError);
}

export function exportFileName(now: Date): string {
  return `users-${now.toISOString().slice(0, 10)}.csv`;
}
