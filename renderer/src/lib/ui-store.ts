import { create } from 'zustand';

export interface ConnectNotice {
  error: unknown;
  /** i18n key of a sentence that puts the error in context, e.g. 'connect:startup.autoSignInFailed'. */
  contextKey?: string;
}

/** UI state only (server data lives in react-query). */
interface UiState {
  /** The profile whose sign-in form the connect screen shows; null shows the profile list. */
  connectProfileId: string | null;
  /** Why the connect screen is shown (expired session, failed automatic sign-in), if not by choice. */
  connectNotice: ConnectNotice | null;
  changePasswordOpen: boolean;
  openSignIn(profileId: string): void;
  openChangePassword(): void;
  closeChangePassword(): void;
  showProfileList(): void;
  setConnectNotice(notice: ConnectNotice | null): void;
}

export const useUiStore = create<UiState>()((set) => ({
  connectProfileId: null,
  connectNotice: null,
  changePasswordOpen: false,
  openSignIn: (profileId) => set({ connectProfileId: profileId }),
  openChangePassword: () => set({ changePasswordOpen: true }),
  closeChangePassword: () => set({ changePasswordOpen: false }),
  showProfileList: () => set({ connectProfileId: null }),
  setConnectNotice: (notice) => set({ connectNotice: notice }),
}));
