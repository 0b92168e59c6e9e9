import { describe, expect, it } from 'vitest';
import type { BulkItemResult } from '../../../../common/portal-api/users';
import { countOutcomes, runInChunks, type BulkProgress } from './bulk-run';

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `u${i}` }));
const ok = (chunk: { id: string }[]): Promise<BulkItemResult[]> => Promise.resolve(chunk.map((item) => ({ id: item.id, outcome: 'ok' })));

describe('runInChunks', () => {
  it.each([
    [0, 100, []],
    [1, 100, [1]],
    [100, 100, [100]],
    [250, 100, [100, 200, 250]],
  ])('%i rows in chunks of %i report progress %j', async (count, size, expected) => {
    const seen: number[] = [];
    const sent: number[] = [];
    const outcome = await runInChunks(
      items(count),
      (chunk) => {
        sent.push(chunk.length);
        return ok(chunk);
      },
      (progress) => seen.push(progress.done),
      size,
    );
    expect(seen).toEqual(expected);
    expect(sent.reduce((a, b) => a + b, 0)).toBe(count);
    expect(outcome).toMatchObject({ done: count, total: count, error: null });
    expect(outcome.results.map((r) => r.id)).toEqual(items(count).map((i) => i.id));
  });

  it('stops at a failing chunk and reports its rows and the rest as not attempted', async () => {
    let call = 0;
    const progress: BulkProgress[] = [];
    const outcome = await runInChunks(
      items(5),
      (chunk) => (++call === 2 ? Promise.reject(new Error('offline')) : ok(chunk)),
      (p) => progress.push(p),
      2,
    );
    expect(outcome.error).toEqual(new Error('offline'));
    expect(outcome.results.map((r) => [r.id, r.outcome, r.code])).toEqual([
      ['u0', 'ok', undefined],
      ['u1', 'ok', undefined],
      ['u2', 'refused', 'not_attempted'],
      ['u3', 'refused', 'not_attempted'],
      ['u4', 'refused', 'not_attempted'],
    ]);
    expect(progress.at(-1)?.done).toBe(5);
  });
});

describe('countOutcomes', () => {
  it('counts each outcome', () => {
    expect(
      countOutcomes([
        { id: 'a', outcome: 'ok' },
        { id: 'b', outcome: 'ok' },
        { id: 'c', outcome: 'conflict' },
        { id: 'd', outcome: 'refused' },
      ]),
    ).toEqual({ ok: 2, unchanged: 0, not_found: 0, conflict: 1, refused: 1 });
  });
});
