import { create } from 'zustand';
import type { SortDirection, UserFilterStatus, UserSortField, UserSummary } from '../../../../common/portal-api/users';

/** What the bulk actions need of a selected row: its ETag (If-Match) and how to name it in the results. */
export type SelectedUser = Pick<UserSummary, 'id' | 'etag' | 'login' | 'displayName' | 'email'>;

/** UI state of the user list (server data stays in react-query): the filter as typed, the sort, the selection. */
interface UsersUiState {
  search: string;
  status: UserFilterStatus;
  groupId: string | null;
  sort: UserSortField;
  dir: SortDirection;
  selected: Map<string, SelectedUser>;
  setSearch(search: string): void;
  setStatus(status: UserFilterStatus): void;
  setGroupId(groupId: string | null): void;
  /** A click on the sorted column flips the direction; another column starts ascending. */
  sortBy(field: UserSortField): void;
  toggle(user: SelectedUser): void;
  selectAll(users: readonly SelectedUser[]): void;
  clearSelection(): void;
  /** Keeps the selection in step with rows a bulk action changed (new ETag) or removed. */
  updateSelected(id: string, etag: string | null): void;
}

export const useUsersUi = create<UsersUiState>()((set) => ({
  search: '',
  status: 'all',
  groupId: null,
  sort: 'displayName',
  dir: 'asc',
  selected: new Map(),
  setSearch: (search) => set({ search }),
  setStatus: (status) => set({ status }),
  setGroupId: (groupId) => set({ groupId }),
  sortBy: (field) => set((state) => (state.sort === field ? { dir: state.dir === 'asc' ? 'desc' : 'asc' } : { sort: field, dir: 'asc' })),
  toggle: (user) =>
    set((state) => {
      const selected = new Map(state.selected);
      if (selected.has(user.id)) selected.delete(user.id);
      else selected.set(user.id, user);
      return { selected };
    }),
  selectAll: (users) =>
    set((state) => {
      const selected = new Map(state.selected);
      users.forEach((user) => selected.set(user.id, user));
      return { selected };
    }),
  clearSelection: () => set({ selected: new Map() }),
  updateSelected: (id, etag) =>
    set((state) => {
      const current = state.selected.get(id);
      if (current === undefined) return {};
      const selected = new Map(state.selected);
      if (etag === null) selected.delete(id);
      else selected.set(id, { ...current, etag });
      return { selected };
    }),
}));
