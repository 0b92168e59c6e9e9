import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';

/** Where a keyboard move goes: a number of rows, or the first/last row. */
export type RowMove = number | 'first' | 'last';

/** The keys every virtual table understands on a focused row. */
export const rowMoveKeys: Record<string, RowMove> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10, Home: 'first', End: 'last' };

export interface VirtualRowsOptions {
  count: number;
  rowHeight: number;
  getItemKey?: (index: number) => string | number;
  overscan?: number;
  /** Server paging: the next page is fetched when the last rendered row comes within `prefetchRows` of the end. */
  paging?: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage(): void; prefetchRows?: number };
}

/**
 * Virtual rows for the console's long tables (users, audit, logs): only the rows in view exist in the DOM,
 * the next page loads as the end comes near, and keyboard moves scroll to and focus the target row
 * (rows carry `data-row-index`).
 */
export function useVirtualRows({ count, rowHeight, getItemKey, overscan = 12, paging }: VirtualRowsOptions) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer is read during render on purpose; components using it are not memoised by the compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    ...(getItemKey && { getItemKey }),
    overscan,
  });
  const virtualRows = virtualizer.getVirtualItems();
  const lastIndex = virtualRows.at(-1)?.index ?? -1;
  const { hasNextPage = false, isFetchingNextPage = false, fetchNextPage, prefetchRows = 20 } = paging ?? {};

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && fetchNextPage && lastIndex >= count - prefetchRows) fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, lastIndex, count, fetchNextPage, prefetchRows]);

  const focusRow = (index: number) => {
    const target = Math.max(0, Math.min(count - 1, index));
    virtualizer.scrollToIndex(target, { align: 'auto' });
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${target}"]`)?.focus());
  };

  const moveFrom = (index: number, move: RowMove) => focusRow(move === 'first' ? 0 : move === 'last' ? count - 1 : index + move);

  return { scrollRef, virtualizer, virtualRows, moveFrom };
}
