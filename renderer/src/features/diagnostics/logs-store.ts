import { create } from 'zustand';
import { defaultLogFilters, type LogFilters } from './logs-query';

/** The log viewer's choices: kept while the administrator switches tabs. */
interface LogsUiState {
  filters: LogFilters;
  follow: boolean;
  hideLogQueries: boolean;
  applyFilters(filters: LogFilters): void;
  setFollow(follow: boolean): void;
  setHideLogQueries(hide: boolean): void;
}

export const useLogsUi = create<LogsUiState>()((set) => ({
  filters: defaultLogFilters,
  follow: false,
  hideLogQueries: true,
  applyFilters: (filters) => set({ filters }),
  setFollow: (follow) => set({ follow }),
  setHideLogQueries: (hideLogQueries) => set({ hideLogQueries }),
}));
