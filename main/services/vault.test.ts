import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createOsVault,
  createUnavailableVault,
  keytarBackend,
  napiKeyringBackend,
  vaultAccount,
  type KeychainBackend,
} from './vault';

const requireKeychain = process.env.PORTAL_CONSOLE_REQUIRE_KEYCHAIN === '1';

describe.each([
  ['keytar', keytarBackend],
  ['@napi-rs/keyring', napiKeyringBackend],
])('%s vault against the real Secret Service', async (_name, backend) => {
  const vault = createOsVault(`Portal Console test ${randomUUID()}`, [backend]);
  const status = await vault.status();
  if (!status.available && !requireKeychain) {
    it.skip(`skipped: ${status.reason} (npm test runs this under dbus-run-session with gnome-keyring)`, () => {});
    return;
  }

  it('is available', () => {
    expect(status).toEqual({ available: true });
  });

  it('stores, finds, replaces and deletes a secret', async () => {
    const account = vaultAccount('profile-1', 'Admin');
    expect(await vault.get(account)).toBeNull();
    await vault.set(account, 's3cret-ÄÖÜ');
    expect(await vault.get(account)).toBe('s3cret-ÄÖÜ');
    await vault.set(account, 'changed');
    expect(await vault.get(account)).toBe('changed');
    expect(await vault.delete(account)).toBe(true);
    expect(await vault.get(account)).toBeNull();
    expect(await vault.delete(account)).toBe(false);
  });

  it('survives many calls at once (keytar crashed the console on concurrent calls)', async () => {
    const accounts = Array.from({ length: 12 }, (_, index) => vaultAccount(`profile-${index}`, 'admin'));
    await Promise.all(accounts.map((account) => vault.set(account, `secret-${account}`)));
    expect(await Promise.all(accounts.map((account) => vault.get(account)))).toEqual(accounts.map((account) => `secret-${account}`));
    expect(await Promise.all(accounts.map((account) => vault.delete(account)))).toEqual(accounts.map(() => true));
  });
});

describe('one keychain call at a time', () => {
  it('never runs two backend calls at once, across vaults, and keeps going after a failure', async () => {
    let inFlight = 0;
    let most = 0;
    const slow = async <T,>(value: T): Promise<T> => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight -= 1;
      return value;
    };
    const recording: KeychainBackend = {
      name: 'recording',
      load: () => slow({
        get: (account) => (account === 'broken' ? slow(null).then(() => Promise.reject(new Error('locked'))) : slow(account)),
        set: () => slow(undefined),
        delete: () => slow(true),
      }),
    };
    const [first, second] = [createOsVault('a', [recording]), createOsVault('b', [recording])];
    const calls = [first, second].flatMap((vault) => [vault.get('x'), vault.set('y', 'z'), vault.delete('w'), vault.get('broken').catch(() => 'failed')]);
    expect(await Promise.all(calls)).toEqual(['x', undefined, true, 'failed', 'x', undefined, true, 'failed']);
    expect(most).toBe(1);
  });
});

describe('backend order', () => {
  const failing = (name: string): KeychainBackend => ({
    name,
    load: async () => {
      throw new Error(`${name} missing`);
    },
  });
  const memory = (): KeychainBackend => {
    const secrets = new Map<string, string>();
    return {
      name: 'memory',
      load: async () => ({
        get: async (account) => secrets.get(account) ?? null,
        set: async (account, secret) => void secrets.set(account, secret),
        delete: async (account) => secrets.delete(account),
      }),
    };
  };

  it('falls back to the next backend when the first cannot load', async () => {
    const vault = createOsVault('s', [failing('keytar'), memory()]);
    expect(await vault.status()).toEqual({ available: true });
    await vault.set('a', 'b');
    expect(await vault.get('a')).toBe('b');
  });

  it('is "keychain unavailable" with every reason when none loads, and never stores', async () => {
    const vault = createOsVault('s', [failing('keytar'), failing('@napi-rs/keyring')]);
    expect(await vault.status()).toEqual({
      available: false,
      reason: 'No usable OS keychain (keytar: keytar missing; @napi-rs/keyring: @napi-rs/keyring missing)',
    });
    await expect(vault.set('a', 'b')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
  });
});

describe('unavailable vault', () => {
  it('refuses to store and never falls back to plaintext', async () => {
    const vault = createUnavailableVault('no keychain here');
    expect(await vault.status()).toEqual({ available: false, reason: 'no keychain here' });
    await expect(vault.set('a', 'b')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    expect(await vault.get('a')).toBeNull();
  });
});

describe('vaultAccount', () => {
  it('is per profile and case-insensitive in the login', () => {
    expect(vaultAccount('p', 'Admin')).toBe(vaultAccount('p', 'admin'));
    expect(vaultAccount('p', 'admin')).not.toBe(vaultAccount('q', 'admin'));
  });
});
