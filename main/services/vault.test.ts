import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKeytarVault, createUnavailableVault, vaultAccount } from './vault';

const requireKeychain = process.env.PORTAL_CONSOLE_REQUIRE_KEYCHAIN === '1';

describe('keytar vault against the real Secret Service', async () => {
  const vault = createKeytarVault(`Portal Console test ${randomUUID()}`);
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
