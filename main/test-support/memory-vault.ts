import type { Vault } from '../services/vault';

/** Tests only: a vault that keeps secrets in memory so backend tests need no Secret Service. */
export function createMemoryVault(): Vault & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    status: async () => ({ available: true }),
    get: async (account) => entries.get(account) ?? null,
    set: async (account, secret) => void entries.set(account, secret),
    delete: async (account) => entries.delete(account),
  };
}
