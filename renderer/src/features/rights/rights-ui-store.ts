import { create } from 'zustand';
import type { PrincipalRef } from '../../../../common/portal-api/rights';

/** What the explain and compare views were showing, kept while the administrator visits other tabs. */
interface RightsUiState {
  explainUser: PrincipalRef | null;
  explainApplicationId: string | null;
  compareA: PrincipalRef | null;
  compareB: PrincipalRef | null;
  setExplainUser(user: PrincipalRef | null): void;
  setExplainApplication(applicationId: string | null): void;
  setCompare(side: 'a' | 'b', principal: PrincipalRef | null): void;
}

export const useRightsUi = create<RightsUiState>()((set) => ({
  explainUser: null,
  explainApplicationId: null,
  compareA: null,
  compareB: null,
  setExplainUser: (explainUser) => set({ explainUser }),
  setExplainApplication: (explainApplicationId) => set({ explainApplicationId }),
  setCompare: (side, principal) => set(side === 'a' ? { compareA: principal } : { compareB: principal }),
}));
