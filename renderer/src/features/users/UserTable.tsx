import { Box, Checkbox, Group, Loader, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import { memo, useCallback, useLayoutEffect, useRef, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserSortField, UserSummary } from '../../../../common/portal-api/users';
import { RowBadge, RowGroup, RowText } from '../../components/RowParts';
import { VirtualGridRow } from '../../components/VirtualGridRow';
import { formatDateTime } from '../../lib/format';
import { useVirtualRows, type RowMove } from '../../lib/use-virtual-rows';
import { useUsersUi } from './users-store';

export const USER_ROW_HEIGHT = 44;
const GRID: CSSProperties = {
  display: 'grid',
  gridTemplateColumns: '44px minmax(180px, 2fr) minmax(140px, 1.4fr) minmax(200px, 2fr) minmax(190px, 1.3fr) minmax(150px, 1fr)',
  alignItems: 'center',
  columnGap: 8,
  paddingInline: 8,
};

const statusColor = { active: 'green', locked: 'orange', disabled: 'gray' } as const;
const CHECKED_ROW: CSSProperties = { background: 'var(--mantine-color-blue-light)' };
const SHRINKABLE: CSSProperties = { minWidth: 0 };

export interface UserTableProps {
  users: readonly UserSummary[];
  total: number;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage(): void;
  onOpen(user: UserSummary): void;
  height: string;
}

/**
 * The user list as an ARIA table with virtual rows: only the rows in view (plus a few) exist in the
 * DOM, whether the filter matches 100 or 100,000 users; the next page loads as its end comes near.
 * Memoised, as its rows are: it renders when its rows or paging change, not on every key of the search.
 */
export const UserTable = memo(function UserTable({ users, total, hasNextPage, isFetchingNextPage, fetchNextPage, onOpen, height }: UserTableProps) {
  const { t } = useTranslation();
  const { scrollRef, virtualizer, virtualRows, moveFrom } = useVirtualRows({
    count: users.length,
    rowHeight: USER_ROW_HEIGHT,
    overscan: 6,
    paging: { hasNextPage, isFetchingNextPage, fetchNextPage },
  });
  // One callback for every row, so a row renders again only when its own user or place changes.
  const moveRef = useRef(moveFrom);
  useLayoutEffect(() => {
    moveRef.current = moveFrom;
  });
  const onMove = useCallback((index: number, move: RowMove) => moveRef.current(index, move), []);

  return (
    <Box role="table" aria-label={t('users:list.tableLabel')} aria-rowcount={total + 1} data-testid="user-table">
      <HeaderRow users={users} />
      <Box ref={scrollRef} h={height} style={{ overflowY: 'auto', borderTop: '1px solid var(--mantine-color-default-border)' }} data-testid="user-scroll">
        {users.length === 0 ? (
          <Text c="dimmed" p="md" data-testid="user-list-empty">
            {t('users:list.empty')}
          </Text>
        ) : (
          <Box role="rowgroup" pos="relative" h={virtualizer.getTotalSize()}>
            {virtualRows.map((row) => (
              <UserRow
                key={(users[row.index] as UserSummary).id}
                user={users[row.index] as UserSummary}
                index={row.index}
                top={row.start}
                onOpen={onOpen}
                onMove={onMove}
              />
            ))}
          </Box>
        )}
        {isFetchingNextPage && (
          <Group justify="center" p="xs">
            <Loader size="xs" />
            <Text size="xs" c="dimmed">
              {t('users:list.loadingMore')}
            </Text>
          </Group>
        )}
      </Box>
    </Box>
  );
});

function HeaderRow({ users }: { users: readonly UserSummary[] }) {
  const { t } = useTranslation();
  const selected = useUsersUi((state) => state.selected);
  const selectAll = useUsersUi((state) => state.selectAll);
  const clearSelection = useUsersUi((state) => state.clearSelection);
  const allSelected = users.length > 0 && users.every((user) => selected.has(user.id));
  const someSelected = !allSelected && users.some((user) => selected.has(user.id));
  return (
    <Box role="row" aria-rowindex={1} style={{ ...GRID, height: 40 }} bg="var(--mantine-color-default-hover)">
      <Box role="columnheader">
        <Checkbox
          aria-label={t('users:list.selectAllLoaded')}
          checked={allSelected}
          indeterminate={someSelected}
          onChange={() => (allSelected ? clearSelection() : selectAll(users))}
          data-testid="select-all-users"
        />
      </Box>
      <SortHeader field="displayName" label={t('users:list.columns.displayName')} />
      <SortHeader field="login" label={t('users:list.columns.login')} />
      <SortHeader field="email" label={t('users:list.columns.email')} />
      <SortHeader field="status" label={t('users:list.columns.status')} />
      <SortHeader field="lastLoginAt" label={t('users:list.columns.lastLoginAt')} />
    </Box>
  );
}

function SortHeader({ field, label }: { field: UserSortField; label: string }) {
  const { t } = useTranslation();
  const sort = useUsersUi((state) => state.sort);
  const dir = useUsersUi((state) => state.dir);
  const sortBy = useUsersUi((state) => state.sortBy);
  const active = sort === field;
  const Icon = !active ? IconArrowsSort : dir === 'asc' ? IconArrowUp : IconArrowDown;
  return (
    <Box role="columnheader" aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton onClick={() => sortBy(field)} data-testid={`sort-${field}`} aria-label={t('users:list.sortBy', { column: label })}>
        <Group gap={4} wrap="nowrap">
          <Text size="sm" fw={600}>
            {label}
          </Text>
          <Icon size={14} aria-hidden color={active ? 'var(--mantine-color-blue-6)' : 'var(--mantine-color-dimmed)'} />
        </Group>
      </UnstyledButton>
    </Box>
  );
}

interface UserRowProps {
  user: UserSummary;
  index: number;
  top: number;
  onOpen(user: UserSummary): void;
  onMove(index: number, move: RowMove): void;
}

/** Same content: a search that narrows ("Müll", "Mülle") keeps most rows, and those need not render again. */
export function sameUserSummary(a: UserSummary, b: UserSummary): boolean {
  if (a === b) return true;
  const keys = Object.keys(a) as (keyof UserSummary)[];
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

function sameRowProps(previous: UserRowProps, next: UserRowProps): boolean {
  return (
    previous.index === next.index &&
    previous.top === next.top &&
    previous.onOpen === next.onOpen &&
    previous.onMove === next.onMove &&
    sameUserSummary(previous.user, next.user)
  );
}

/** One user; its cells are plain elements with Mantine's classes (RowParts), as a search renders ~25 rows at once. */
const UserRow = memo(function UserRow({ user, index, top, onOpen, onMove }: UserRowProps) {
  const { t, i18n } = useTranslation();
  const checked = useUsersUi((state) => state.selected.has(user.id));
  const toggle = useUsersUi((state) => state.toggle);
  // Space selects the row (Enter opens it, as a click does).
  const onKey = (key: string) => {
    if (key !== ' ') return false;
    toggle(user);
    return true;
  };
  return (
    <VirtualGridRow
      index={index}
      top={top}
      height={USER_ROW_HEIGHT}
      grid={GRID}
      aria-selected={checked}
      data-testid="user-row"
      data-login={user.login}
      onOpen={() => onOpen(user)}
      onKey={onKey}
      onMove={(move) => onMove(index, move)}
      style={checked ? CHECKED_ROW : undefined}
    >
      <div role="cell" onClick={(event) => event.stopPropagation()}>
        <Checkbox aria-label={t('users:list.selectRow', { name: user.displayName })} checked={checked} onChange={() => toggle(user)} tabIndex={-1} />
      </div>
      <div role="cell" style={SHRINKABLE}>
        <RowGroup gap={6}>
          <RowText tone="strong">{user.displayName}</RowText>
          {user.isAdmin && (
            <RowBadge size="xs" variant="light" color="violet">
              {t('users:flags.admin')}
            </RowBadge>
          )}
        </RowGroup>
      </div>
      <RowText role="cell" tone="monospace">
        {user.login}
      </RowText>
      <RowText role="cell" tone={user.email === null ? 'dimmed' : 'default'}>
        {user.email ?? t('users:list.noEmail')}
      </RowText>
      <div role="cell">
        <RowGroup gap={4}>
          <RowBadge size="sm" variant="light" color={statusColor[user.status]} data-testid="user-status">
            {t(`users:status.${user.status}`)}
          </RowBadge>
          {!user.hasPassword ? (
            <RowBadge size="xs" variant="outline" color="gray">
              {t('users:flags.noPassword')}
            </RowBadge>
          ) : (
            (user.mustChangePassword || user.passwordExpired) && (
              <RowBadge size="xs" variant="outline" color="orange">
                {t(user.passwordExpired ? 'users:flags.expired' : 'users:flags.mustChange')}
              </RowBadge>
            )
          )}
        </RowGroup>
      </div>
      <RowText role="cell" tone={user.lastLoginAt === null ? 'dimmed' : 'default'}>
        {user.lastLoginAt === null ? t('users:list.never') : formatDateTime(user.lastLoginAt, i18n.language)}
      </RowText>
    </VirtualGridRow>
  );
}, sameRowProps);
