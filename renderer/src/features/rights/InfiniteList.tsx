import { Box, Loader, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface InfiniteListProps<T> {
  items: readonly T[];
  getKey(item: T): string;
  renderItem(item: T): ReactNode;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage(): void;
  rowHeight: number;
  height: number | string;
  label: string;
  empty: string;
  testId?: string;
}

/** A server-paged list rendered virtually: only visible rows exist, the next page loads when its end comes into view. */
export function InfiniteList<T>({
  items,
  getKey,
  renderItem,
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
  rowHeight,
  height,
  label,
  empty,
  testId,
}: InfiniteListProps<T>) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer is read during render only; nothing memoises its functions.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const lastIndex = virtualItems.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= items.length - 5) fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, lastIndex, items.length, fetchNextPage]);

  if (items.length === 0) {
    return (
      <Text c="dimmed" size="sm" py="sm" data-testid={testId}>
        {empty}
      </Text>
    );
  }
  return (
    // Focusable (with a label) so keyboard users can scroll it; the rows inside load page by page.
    <Box
      ref={scrollRef}
      h={height}
      style={{ overflowY: 'auto' }}
      role="list"
      aria-label={label}
      tabIndex={0}
      className="mantine-focus-auto"
      data-testid={testId}
    >
      <Box pos="relative" h={virtualizer.getTotalSize()}>
        {virtualItems.map((row) => {
          const item = items[row.index] as T;
          return (
            <Box
              key={getKey(item)}
              role="listitem"
              aria-setsize={hasNextPage ? -1 : items.length}
              aria-posinset={row.index + 1}
              pos="absolute"
              top={0}
              left={0}
              w="100%"
              h={row.size}
              style={{ transform: `translateY(${row.start}px)` }}
            >
              {renderItem(item)}
            </Box>
          );
        })}
      </Box>
      {isFetchingNextPage && (
        <Box ta="center" py={4}>
          <Loader size="xs" aria-label={t('common:loading')} />
        </Box>
      )}
    </Box>
  );
}
