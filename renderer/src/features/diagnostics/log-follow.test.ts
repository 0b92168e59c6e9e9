import type { InfiniteData } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { ServerLogEntry, ServerLogPage } from '../../../../common/portal-api/support';
import { lastShownSeq, withFollowedEntries } from './log-follow';

const entry = (seq: number): ServerLogEntry => ({ seq, at: new Date(Date.UTC(2026, 2, 10, 8, 0, seq)).toISOString(), level: 'info', message: `line ${seq}` });
const page = (...seqs: number[]): ServerLogPage => ({ items: seqs.map(entry), nextCursor: null });

describe('following the server log', () => {
  it('continues after the newest entry shown, past empty pages', () => {
    expect(lastShownSeq(undefined)).toBeUndefined();
    expect(lastShownSeq({ pages: [page(1, 2), page()], pageParams: [null, null] })).toBe(2);
    expect(lastShownSeq({ pages: [page()], pageParams: [null] })).toBeUndefined();
  });

  it('appends what the portal answered as a page', () => {
    const next = withFollowedEntries({ pages: [page(1)], pageParams: [null] }, [entry(2), entry(3)]);
    expect(next.pages.flatMap((p) => p.items.map((e) => e.seq))).toEqual([1, 2, 3]);
    expect(next.pageParams).toHaveLength(2);
  });

  it('keeps memory flat: 100,000 followed lines leave at most the newest `keep` entries', () => {
    let data: InfiniteData<ServerLogPage, unknown> = { pages: [page(0)], pageParams: [null] };
    for (let batch = 0; batch < 1000; batch += 1) {
      data = withFollowedEntries(data, Array.from({ length: 100 }, (_, index) => entry(batch * 100 + index + 1)), 5_000);
    }
    const seqs = data.pages.flatMap((p) => p.items.map((e) => e.seq));
    expect(seqs.length).toBeLessThanOrEqual(5_000);
    expect(seqs.at(-1)).toBe(100_000);
    expect(data.pages.length).toBe(data.pageParams.length);
  });
});
