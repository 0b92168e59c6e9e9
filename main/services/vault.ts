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

export const VAULT_SERVICE = 'Portal Console';
/** Read once to find out whether a backend reaches a keychain at all; never written. */
const PROBE_ACCOUNT = '.probe';

/** One way to reach the OS keychain; load() throws when this way is not usable on this machine. */
export interface KeychainBackend {
  name: string;
  load(service: string): Promise<KeychainOps>;
}

interface KeychainOps {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

/** keytar's API as used here, written out: keytar is optional and its types may be missing with it. */
interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}
type NapiKeyring = typeof import('@napi-rs/keyring');

/** keytar (archived upstream, an optional dependency: it builds from source where no prebuilt binary fits). */
export const keytarBackend: KeychainBackend = {
  name: 'keytar',
  load: async (service) => {
    const specifier = 'keytar';
    const imported = (await import(/* @vite-ignore */ specifier)) as Keytar & { default?: Keytar };
    const keytar = imported.default ?? imported;
    // Not findCredentials: it crashes the process (SIGSEGV, uncatchable) on some items already in the store.
    await keytar.getPassword(service, PROBE_ACCOUNT);
    return {
      get: (account) => keytar.getPassword(service, account),
      set: (account, secret) => keytar.setPassword(service, account, secret),
      delete: (account) => keytar.deletePassword(service, account),
    };
  },
};

/**
 * @napi-rs/keyring: prebuilt binaries from the npm registry, no compiler or libsecret headers needed. On Linux it
 * is pinned to the Secret Service: its default would fall back to the kernel keyring, which forgets everything
 * at logout, and a saved password that silently vanishes is worse than "keychain unavailable".
 */
export const napiKeyringBackend: KeychainBackend = {
  name: '@napi-rs/keyring',
  load: async (service) => {
    const imported = (await import('@napi-rs/keyring')) as NapiKeyring & { default?: NapiKeyring };
    const { AsyncEntry } = imported.default ?? imported;
    const entry = (account: string) => new AsyncEntry(service, account, { linux: { store: 'secret-service' } });
    await entry(PROBE_ACCOUNT).getPassword();
    return {
      get: (account) => entry(account).getPassword(),
      set: (account, secret) => entry(account).setPassword(secret),
      delete: (account) => entry(account).deletePassword(),
    };
  },
};

export const DEFAULT_KEYCHAIN_BACKENDS: readonly KeychainBackend[] = [keytarBackend, napiKeyringBackend];

/**
 * keytar on Linux crashes the process (SIGSEGV in FindCredentialsWorker::Execute, seen with gdb in the browser-mode
 * console at sign-in) when two of its calls run at once on libuv's worker threads: every keychain call in this process
 * waits for the one before it. Keychain calls are rare and fast, so the queue costs nothing a person could notice.
 */
let keychainTail: Promise<unknown> = Promise.resolve();
export function oneKeychainCallAtATime<T>(task: () => Promise<T>): Promise<T> {
  const run = keychainTail.then(task, task);
  keychainTail = run.catch(() => undefined);
  return run;
}

/**
 * The first backend that loads and answers wins; loaded lazily, so a machine without a keychain still runs
 * the console, with "remember" disabled and the reasons of every backend in the status.
 */
export function createOsVault(service = VAULT_SERVICE, backends: readonly KeychainBackend[] = DEFAULT_KEYCHAIN_BACKENDS): Vault {
  let probe: Promise<{ ops: KeychainOps | null; status: VaultStatus }> | null = null;

  const load = () => {
    probe ??= (async () => {
      const reasons: string[] = [];
      for (const backend of backends) {
        try {
          return { ops: await oneKeychainCallAtATime(() => backend.load(service)), status: { available: true } };
        } catch (error) {
          reasons.push(`${backend.name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      return { ops: null, status: { available: false, reason: `No usable OS keychain (${reasons.join('; ')})` } };
    })();
    return probe;
  };

  const require = async (): Promise<KeychainOps> => {
    const { ops, status } = await load();
    if (!ops) throw new ConsoleError('KEYCHAIN_UNAVAILABLE', status.reason ?? 'No OS keychain');
    return ops;
  };

  return {
    status: async () => (await load()).status,
    get: async (account) => {
      const ops = await require();
      return oneKeychainCallAtATime(() => ops.get(account));
    },
    set: async (account, secret) => {
      const ops = await require();
      return oneKeychainCallAtATime(() => ops.set(account, secret));
    },
    delete: async (account) => {
      const ops = await require();
      return oneKeychainCallAtATime(() => ops.delete(account));
    },
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
