import { create } from 'zustand';
import type { TicketForm } from './form-model';

/**
 * The ticket being written (UI state): it survives leaving the page, and an error or a refused send
 * never clears it. Cleared only once the ticket was sent or queued, or by "discard draft".
 */
interface TicketDraftState {
  form: TicketForm | null;
  /** Set after the first "Send": from then on every missing field is pointed out. */
  attempted: boolean;
  start(form: TicketForm): void;
  update(patch: Partial<TicketForm>): void;
  markAttempted(): void;
  clear(): void;
}

export const useTicketDraftStore = create<TicketDraftState>()((set) => ({
  form: null,
  attempted: false,
  start: (form) => set({ form, attempted: false }),
  update: (patch) => set((state) => (state.form === null ? state : { form: { ...state.form, ...patch } })),
  markAttempted: () => set({ attempted: true }),
  clear: () => set({ form: null, attempted: false }),
}));
