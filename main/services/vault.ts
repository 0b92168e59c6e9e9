import { ConsoleError } from '../../common/errors';

export interface VaultStatus {
  available: boolean;
  reason?: string;
}

/** Secrets live only here: the OS keychain (Keychain, Credential Manager, Secret Service). */
export interface Vault {
  status(): Promise<VaultStatus>;
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

type Keytar = typeof import('keytar');

export const VAULT_SERVICE = 'Portal Console';

/**
 * keytar is archived upstream; it stays behind this interface so @napi-rs/keyring can replace it.
 * It is loaded lazily: a machine without a keychain still runs the console, with "remember" disabled.
 */
export function createKeytarVault(service = VAULT_SERVICE): Vault {
  let probe: Promise<{ keytar: Keytar | null; status: VaultStatus }> | null = null;

  const load = () => {
    probe ??= (async () => {
      try {
        const imported = (await import('keytar')) as Keytar & { default?: Keytar };
        const keytar = imported.default ?? imported;
        await keytar.findCredentials(service);
        return { keytar, status: { available: true } };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return { keytar: null, status: { available: false, reason: `No usable OS keychain: ${reason}` } };
      }
    })();
    return probe;
  };

  const require = async (): Promise<Keytar> => {
    const { keytar, status } = await load();
    if (!keytar) throw new ConsoleError('KEYCHAIN_UNAVAILABLE', status.reason ?? 'No OS keychain');
    return keytar;
  };

  return {
    status: async () => (await load()).status,
    get: async (account) => (await require()).getPassword(service, account),
    set: async (account, secret) => (await require()).setPassword(service, account, secret),
    delete: async (account) => (await require()).deletePassword(service, account),
  };
}

/** For machines (and tests) without a keychain: never a plaintext fallback, just "not available". */
export function createUnavailableVault(reason: string): Vault {
  const refuse = async (): Promise<never> => {
    throw new ConsoleError('KEYCHAIN_UNAVAILABLE', reason);
  };
  return {
    status: async () => ({ available: false, reason }),
    get: async () => null,
    set: refuse,
    delete: async () => false,
  };
}

export function vaultAccount(profileId: string, login: string): string {
  return `${profileId}:${login.toLowerCase()}`;
}
