import { BULK_MAX_ITEMS, type BulkItemResult } from '../../../../common/portal-api/users';

export interface BulkProgress {
  done: number;
  total: number;
  results: BulkItemResult[];
}

/**
 * Sends a large selection in chunks the portal accepts, one after the other, and reports progress after
 * each. A chunk that fails as a whole (network, session) stops the run: its rows and the rest are
 * reported as not attempted, never silently dropped.
 */
export async function runInChunks<T extends { id: string }>(
  items: readonly T[],
  send: (chunk: T[]) => Promise<BulkItemResult[]>,
  onProgress: (progress: BulkProgress) => void,
  chunkSize = BULK_MAX_ITEMS / 2,
): Promise<BulkProgress & { error: unknown }> {
  const results: BulkItemResult[] = [];
  for (let start = 0; start < items.length; start += chunkSize) {
    const chunk = items.slice(start, start + chunkSize);
    try {
      results.push(...(await send(chunk)));
    } catch (error) {
      const notAttempted = items.slice(start).map((item) => ({ id: item.id, outcome: 'refused' as const, code: 'not_attempted' }));
      const progress = { done: items.length, total: items.length, results: [...results, ...notAttempted] };
      onProgress(progress);
      return { ...progress, error };
    }
    onProgress({ done: results.length, total: items.length, results: [...results] });
  }
  return { done: results.length, total: items.length, results, error: null };
}

export function countOutcomes(results: readonly BulkItemResult[]): Record<BulkItemResult['outcome'], number> {
  const counts = { ok: 0, unchanged: 0, not_found: 0, conflict: 0, refused: 0 };
  results.forEach((result) => (counts[result.outcome] += 1));
  return counts;
}
