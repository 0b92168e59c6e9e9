import type { TFunction } from 'i18next';
import { z } from 'zod';
import { DataImpactEntry, type AppliedDataChanges } from '../../../../../common/domain/application-data-impact';
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

/** "12 records deleted, 3 values cleared" after a publish or rollback that touched data; null when none was touched. */
export function appliedDataSentence(changes: AppliedDataChanges, t: TFunction): string | null {
  const parts = (['recordsDeleted', 'valuesRemoved', 'valuesConverted', 'valuesCleared'] as const)
    .filter((key) => changes[key] > 0)
    .map((key) => t(`applications:dataLoss.applied.${key}`, { count: changes[key] }));
  return parts.length === 0 ? null : `${parts.join(', ')}.`;
}
