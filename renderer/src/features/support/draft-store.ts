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
  /** Offline drafts: the profile the ticket is written for. */
  profileId: string | null;
  start(form: TicketForm, profileId?: string): void;
  update(patch: Partial<TicketForm>): void;
  markAttempted(): void;
  clear(): void;
}

function createTicketDraftStore() {
  return create<TicketDraftState>()((set) => ({
    form: null,
    attempted: false,
    profileId: null,
    start: (form, profileId) => set({ form, attempted: false, profileId: profileId ?? null }),
    update: (patch) => set((state) => (state.form === null ? state : { form: { ...state.form, ...patch } })),
    markAttempted: () => set({ attempted: true }),
    clear: () => set({ form: null, attempted: false, profileId: null }),
  }));
}

export type TicketDraftStore = ReturnType<typeof createTicketDraftStore>;

/** The ticket written while signed in. */
export const useTicketDraftStore = createTicketDraftStore();

/** The ticket written for a profile without being signed in (its portal may be down). */
export const useOfflineTicketDraftStore = createTicketDraftStore();
