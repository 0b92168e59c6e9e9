import { z } from 'zod';
import { DataImpactEntry } from '../../../../../common/domain/application-data-impact';
import { toConsoleError } from '../../../lib/errors';

const DataImpactList = z.array(DataImpactEntry);

/**
 * The parts holding data that a publish or rollback would drop or retype, when the portal refused it for
 * want of a confirmation (CONFLICT `data_loss_unconfirmed`); null for every other outcome.
 */
export function dataLossOf(error: unknown): DataImpactEntry[] | null {
  if (error === null || error === undefined) return null;
  const consoleError = toConsoleError(error);
  if (consoleError.code !== 'CONFLICT' || consoleError.details?.problemCode !== 'data_loss_unconfirmed') return null;
  const entries = DataImpactList.safeParse(consoleError.details.dataImpact);
  return entries.success ? entries.data : [];
}
