import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { ApplicationDefinition } from '../../common/domain/application-definition';
import {
  convertValue,
  dataImpact,
  needsConfirmation,
  noDataChanges,
  type AppliedDataChanges,
  type DataImpactChange,
  type DataImpactEntry,
} from '../../common/domain/application-data-impact';
import { findDataGroup, type RecordValue } from '../../common/domain/application-records';
import type { PortalExecutor } from '../db/client';
import { applicationRecords } from '../db/schema';
import { problem } from '../http/problem';

const inGroup = (applicationId: string, dataGroupId: string) =>
  and(eq(applicationRecords.applicationId, applicationId), eq(applicationRecords.dataGroupId, dataGroupId));
const holdsValue = (fieldId: string) => sql`coalesce(${applicationRecords.values} ->> ${fieldId}, '') <> ''`;

interface Counted {
  entry: DataImpactEntry;
  /** Retyped fields: the converted value of each record holding one (null: cleared). */
  conversions: Array<{ id: string; value: RecordValue }>;
}

async function countChange(db: PortalExecutor, applicationId: string, after: ApplicationDefinition, change: DataImpactChange): Promise<Counted> {
  if (change.kind === 'dataGroupDropped') {
    const [row] = await db.select({ total: count() }).from(applicationRecords).where(inGroup(applicationId, change.dataGroupId));
    return { entry: { ...change, records: row?.total ?? 0 }, conversions: [] };
  }
  if (change.kind === 'fieldDropped') {
    const [row] = await db
      .select({ total: count() })
      .from(applicationRecords)
      .where(and(inGroup(applicationId, change.dataGroupId), holdsValue(change.fieldId)));
    return { entry: { ...change, records: row?.total ?? 0 }, conversions: [] };
  }
  const target = findDataGroup(after, change.dataGroupId)?.fields.find((field) => field.id === change.fieldId);
  if (target === undefined) throw new Error(`retyped field ${change.fieldId} missing from the new definition`);
  const rows = await db
    .select({ id: applicationRecords.id, value: sql<RecordValue>`${applicationRecords.values} -> ${change.fieldId}` })
    .from(applicationRecords)
    .where(and(inGroup(applicationId, change.dataGroupId), holdsValue(change.fieldId)));
  const conversions = rows.map((row) => ({ id: row.id, value: convertValue(row.value, change.from, target) }));
  const cleared = conversions.filter((conversion) => conversion.value === null).length;
  return { entry: { ...change, records: rows.length, cleared }, conversions };
}

/**
 * Counts what publishing `after` does to the application's records and, when a part that holds data is
 * dropped or retyped, refuses without `confirm` (409 `data_loss_unconfirmed` with `dataImpact`). With it,
 * applies the change in the caller's transaction.
 */
export async function applyDataImpact(
  db: PortalExecutor,
  applicationId: string,
  before: ApplicationDefinition,
  after: ApplicationDefinition,
  options: { confirm: boolean; at: Date },
): Promise<{ impact: DataImpactEntry[]; applied: AppliedDataChanges }> {
  const counted: Counted[] = [];
  for (const change of dataImpact(before, after)) counted.push(await countChange(db, applicationId, after, change));
  const impact = counted.filter((item) => item.entry.records > 0).map((item) => item.entry);
  if (needsConfirmation(impact) && !options.confirm) {
    throw problem(409, 'Conflict', {
      code: 'data_loss_unconfirmed',
      detail: `The new version drops or retypes ${impact.length} part(s) that hold data; publish again with confirmDataLoss to apply it.`,
      dataImpact: impact,
    });
  }
  const applied = noDataChanges();
  for (const { entry, conversions } of counted) {
    if (entry.kind === 'dataGroupDropped') {
      const deleted = await db.delete(applicationRecords).where(inGroup(applicationId, entry.dataGroupId)).returning({ id: applicationRecords.id });
      applied.recordsDeleted += deleted.length;
    } else if (entry.kind === 'fieldDropped') {
      await db
        .update(applicationRecords)
        .set({ values: sql`${applicationRecords.values} - ${entry.fieldId}`, changedAt: options.at, version: sql`${applicationRecords.version} + 1` })
        .where(and(inGroup(applicationId, entry.dataGroupId), sql`${applicationRecords.values} ? ${entry.fieldId}`));
      applied.valuesRemoved += entry.records;
    } else {
      await applyConversions(db, entry.fieldId, conversions, options.at);
      applied.valuesCleared += entry.cleared;
      applied.valuesConverted += entry.records - entry.cleared;
    }
  }
  return { impact, applied };
}

/** One statement per distinct converted value keeps a retype of thousands of records to a few round trips. */
async function applyConversions(db: PortalExecutor, fieldId: string, conversions: Array<{ id: string; value: RecordValue }>, at: Date): Promise<void> {
  const byValue = new Map<string, string[]>();
  for (const conversion of conversions) {
    const key = JSON.stringify(conversion.value);
    const ids = byValue.get(key);
    if (ids === undefined) byValue.set(key, [conversion.id]);
    else ids.push(conversion.id);
  }
  for (const [json, ids] of byValue) {
    for (let start = 0; start < ids.length; start += 1000) {
      await db
        .update(applicationRecords)
        .set({
          values: sql`jsonb_set(${applicationRecords.values}, ${`{${fieldId}}`}::text[], ${json}::jsonb)`,
          changedAt: at,
          version: sql`${applicationRecords.version} + 1`,
        })
        .where(inArray(applicationRecords.id, ids.slice(start, start + 1000)));
    }
  }
}
