import { and, count, eq, sql } from 'drizzle-orm';
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

const CONVERSION_BATCH = 5000;

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
  const conversions = rows.map((row) => ({ id: row.id, value: change.converts === 'never' ? null : convertValue(row.value, change.from, target) }));
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

/** Converted values go in as one jsonb object per batch (record id -> value), so a retype of thousands of records is a few statements. */
async function applyConversions(db: PortalExecutor, fieldId: string, conversions: Array<{ id: string; value: RecordValue }>, at: Date): Promise<void> {
  for (let start = 0; start < conversions.length; start += CONVERSION_BATCH) {
    const batch = Object.fromEntries(conversions.slice(start, start + CONVERSION_BATCH).map((conversion) => [conversion.id, conversion.value]));
    await db.execute(sql`
      update ${applicationRecords}
      set "values" = jsonb_set(${applicationRecords.values}, ${`{${fieldId}}`}::text[], converted.value),
          "changed_at" = ${at.toISOString()}::timestamptz,
          "version" = ${applicationRecords.version} + 1
      from jsonb_each(${JSON.stringify(batch)}::jsonb) as converted(key, value)
      where ${applicationRecords.id} = converted.key::uuid`);
  }
}
