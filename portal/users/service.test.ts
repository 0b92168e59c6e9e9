import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { UserDetail } from '../../common/portal-api/users';
import { sharedSignedInPortal } from '../test-support';

// The real scrypt, counted: refusals must be answered before the slow hash, not after it.
const hashing = vi.hoisted(() => ({ calls: 0 }));
vi.mock('../auth/passwords', async (importOriginal) => {
  const original = await importOriginal<typeof import('../auth/passwords')>();
  return {
    ...original,
    hashPassword: async (password: string) => {
      hashing.calls += 1;
      return original.hashPassword(password);
    },
  };
});

const shared = sharedSignedInPortal();

const send = (method: string, path: string, body?: unknown, ifMatch?: string) => shared.api(method, path, { body, ifMatch });

const newUser = (login: string, password: unknown) => ({
  login,
  displayName: `Test ${login}`,
  email: null,
  language: 'de',
  enabled: true,
  isAdmin: false,
  groupIds: [],
  password,
});

beforeEach(() => {
  hashing.calls = 0;
});

describe('refusals come before the password hash', () => {
  it('creating a user with a taken login answers 409 without hashing', async () => {
    const response = await send('POST', '/users', newUser('ADMIN', { mode: 'set', password: 'Lange-Reise-nach-Ulm-2026', mustChange: false }));
    expect(response.status).toBe(409);
    expect(response.json()).toMatchObject({ code: 'login_taken' });
    expect(hashing.calls).toBe(0);
  });

  it('a password reset without or with a stale If-Match answers 428/412 without hashing; a current one hashes once', async () => {
    const created = await send('POST', '/users', newUser('hash.later', { mode: 'none' }));
    const user = created.json<{ user: UserDetail }>().user;
    hashing.calls = 0;
    const reset = { mode: 'set', password: 'Wolkenkratzer-am-Main', mustChange: false };
    expect((await send('POST', `/users/${user.id}/password`, reset)).status).toBe(428);
    expect((await send('POST', `/users/${user.id}/password`, reset, `"${user.id}.v7"`)).status).toBe(412);
    expect((await send('POST', `/users/${user.id}/password`, { mode: 'require_change' }, `"${user.id}.v1"`)).status).toBe(409);
    expect(hashing.calls).toBe(0);
    expect((await send('POST', `/users/${user.id}/password`, reset, `"${user.id}.v1"`)).status).toBe(200);
    expect(hashing.calls).toBe(1);
  });
});
