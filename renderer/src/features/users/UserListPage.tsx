import { Button, Group, Loader, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileExport, IconFileImport, IconSearch, IconUserPlus } from '@tabler/icons-react';
import { memo, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { VersionedUser } from '../../../../common/contract';
import { UserFilterStatus, type BulkActionName, type UserFilter, type UserSummary } from '../../../../common/portal-api/users';
import { ErrorAlert } from '../../components/ErrorAlert';
import { callConsole } from '../../lib/console-client';
import { useDelayedFlag } from '../../lib/use-delayed-flag';
import { useGroupOptions, useUserList } from './api';
import { BulkActionModal } from './BulkActionModal';
import { downloadText } from '../../lib/download';
import { ImportModal } from './ImportModal';
import { SelectionBar } from './SelectionBar';
import { UserDrawer } from './UserDrawer';
import { UserFormModal } from './UserFormModal';
import { useBurstDebouncedValue } from './search-debounce';
import { useUsersUi } from './users-store';
import { UserTable } from './UserTable';


type FormState = { mode: 'create' } | { mode: 'edit'; user: VersionedUser } | null;

/**
 * The list with search as you type, filters, sorting, selection and the dialogs it opens. A key re-renders only
 * the search field (and the burst debounce): the list below renders again when the search it shows changes.
 */
export function UserListPage() {
  const search = useUsersUi((state) => state.search);
  const debouncedSearch = useBurstDebouncedValue(search);
  return <UserList q={debouncedSearch.trim()} />;
}

const UserList = memo(function UserList({ q }: { q: string }) {
  const { t } = useTranslation();
  const { status, groupId, sort, dir } = useUsersUi(useShallow(({ status, groupId, sort, dir }) => ({ status, groupId, sort, dir })));
  const filter: UserFilter = useMemo(
    () => ({ ...(q === '' ? {} : { q }), status, ...(groupId === null ? {} : { groupId }), sort, dir }),
    [q, status, groupId, sort, dir],
  );
  const list = useUserList(filter);
  const users = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const total = list.data?.pages[0]?.total ?? users.length;
  const totalCapped = list.data?.pages[0]?.totalCapped === true;
  const [openUserId, setOpenUserId] = useState<string | null>(null);
  const [form, setForm] = useState<FormState>(null);
  const [importOpen, setImportOpen] = useState(false);
  const [bulkAction, setBulkAction] = useState<BulkActionName | null>(null);
  const searching = list.isFetching && !list.isFetchingNextPage;
  const { fetchNextPage: fetchNext } = list;
  const fetchNextPage = useCallback(() => void fetchNext(), [fetchNext]);
  const openUser = useCallback((user: UserSummary) => setOpenUserId(user.id), []);

  return (
    <Stack gap="sm">
      <Toolbar
        filter={filter}
        searching={searching}
        onCreate={() => setForm({ mode: 'create' })}
        onImport={() => setImportOpen(true)}
      />
      <Group justify="space-between" mih={36}>
        <Text
          size="sm"
          c="dimmed"
          data-testid="user-total"
          aria-live="polite"
          // Which search the rows answer, and whether they are its own yet (not the previous rows kept meanwhile).
          data-query={filter.q ?? ''}
          data-fresh={!list.isPlaceholderData && !searching}
        >
          {list.isPending ? t('users:list.loading') : t(totalCapped ? 'users:list.totalCapped' : 'users:list.total', { count: total })}
        </Text>
        <SelectionBar onAction={setBulkAction} />
      </Group>
      {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      <Paper withBorder>
        <UserTable
          users={users}
          total={total}
          hasNextPage={list.hasNextPage}
          isFetchingNextPage={list.isFetchingNextPage}
          fetchNextPage={fetchNextPage}
          onOpen={openUser}
          height={TABLE_HEIGHT}
        />
      </Paper>
      {openUserId !== null && (
        <UserDrawer id={openUserId} onClose={() => setOpenUserId(null)} onEdit={(user) => setForm({ mode: 'edit', user })} />
      )}
      {form !== null && <UserFormModal initial={form.mode === 'edit' ? form.user : null} onClose={() => setForm(null)} />}
      {importOpen && <ImportModal onClose={() => setImportOpen(false)} />}
      {bulkAction !== null && <BulkActionModal action={bulkAction} onClose={() => setBulkAction(null)} />}
    </Stack>
  );
});

const TABLE_HEIGHT = 'max(320px, calc(100vh - 360px))';

interface ToolbarProps {
  filter: UserFilter;
  searching: boolean;
  onCreate(): void;
  onImport(): void;
}

function Toolbar({ filter, searching, onCreate, onImport }: ToolbarProps) {
  const { t } = useTranslation();
  const { status, groupId, setStatus, setGroupId } = useUsersUi(
    useShallow(({ status, groupId, setStatus, setGroupId }) => ({ status, groupId, setStatus, setGroupId })),
  );
  const groups = useGroupOptions();
  const [exporting, setExporting] = useState(false);

  const exportCsv = async () => {
    setExporting(true);
    try {
      const exported = await callConsole('users:export', filter);
      downloadText(exported.filename, exported.csv);
      const rows = Math.max(0, exported.csv.trimEnd().split('\r\n').length - 1);
      notifications.show({ color: 'green', message: t('users:list.exported', { count: rows, filename: exported.filename }) });
    } catch (error) {
      notifications.show({ color: 'red', title: t('users:list.exportFailed'), message: <ErrorAlert error={error} /> });
    } finally {
      setExporting(false);
    }
  };

  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <SearchInput searching={searching} />
      <Select
        label={t('users:list.statusLabel')}
        value={status}
        onChange={(value) => setStatus(UserFilterStatus.catch('all').parse(value))}
        data={UserFilterStatus.options.map((status) => ({ value: status, label: t(`users:statusFilter.${status}`) }))}
        allowDeselect={false}
        w={220}
        data-testid="user-status-filter"
      />
      <Select
        label={t('users:list.groupLabel')}
        placeholder={t('users:list.groupAll')}
        value={groupId}
        onChange={setGroupId}
        data={(groups.data ?? []).map((group) => ({ value: group.id, label: group.name }))}
        clearable
        searchable
        nothingFoundMessage={t('users:list.noGroups')}
        w={220}
        data-testid="user-group-filter"
      />
      <Group gap="xs" ml="auto">
        <Button leftSection={<IconUserPlus size={16} aria-hidden />} onClick={onCreate} data-testid="create-user">
          {t('users:actions.create')}
        </Button>
        <Button variant="default" leftSection={<IconFileImport size={16} aria-hidden />} onClick={onImport} data-testid="import-users">
          {t('users:actions.import')}
        </Button>
        <Button
          variant="default"
          leftSection={<IconFileExport size={16} aria-hidden />}
          onClick={() => void exportCsv()}
          loading={exporting}
          data-testid="export-users"
        >
          {t('users:actions.export')}
        </Button>
      </Group>
    </Group>
  );
}

/** A search answers in well under this nearly always; only a slower one shows its spinner. */
const SLOW_SEARCH_MS = 250;

/** The only part a key re-renders at once. */
function SearchInput({ searching }: { searching: boolean }) {
  const { t } = useTranslation();
  const slow = useDelayedFlag(searching, SLOW_SEARCH_MS);
  const search = useUsersUi((state) => state.search);
  const setSearch = useUsersUi((state) => state.setSearch);
  return (
    <TextInput
      label={t('users:list.searchLabel')}
      placeholder={t('users:list.searchPlaceholder')}
      value={search}
      onChange={(event) => setSearch(event.currentTarget.value)}
      leftSection={<IconSearch size={16} aria-hidden />}
      rightSection={slow ? <Loader size="xs" aria-label={t('users:list.loading')} /> : null}
      w={320}
      data-testid="user-search"
      type="search"
    />
  );
}
