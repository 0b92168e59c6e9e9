import { create } from 'zustand';
import type { AuditFilters } from './api';

/** The audit viewer's applied filters and open entry: kept while the administrator switches tabs. */
interface AuditUiState {
  filters: AuditFilters;
  openEntryId: string | null;
  applyFilters(filters: AuditFilters): void;
  openEntry(id: string | null): void;
}

export const useAuditUi = create<AuditUiState>()((set) => ({
  filters: {},
  openEntryId: null,
  applyFilters: (filters) => set({ filters, openEntryId: null }),
  openEntry: (id) => set({ openEntryId: id }),
}));
