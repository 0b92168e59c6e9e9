// @vitest-environment jsdom
import '../../test/setup-dom';
import { describe, expect, it } from 'vitest';
import type { UserSummary } from '../../../../common/portal-api/users';
import { sameUserSummary } from './UserTable';

const erika: UserSummary = {
  id: '00000000-0000-4000-8000-000000000001',
  login: 'erika.muster',
  displayName: 'Erika Muster',
  email: 'erika@muster.de',
  language: 'de',
  enabled: true,
  isAdmin: false,
  status: 'active',
  lockedUntil: null,
  lastLoginAt: '2026-12-01T09:00:00.000Z',
  hasPassword: true,
  mustChangePassword: false,
  passwordExpired: false,
  etag: '"1.v1"',
};

describe('sameUserSummary (a row renders again only when its user changed)', () => {
  it('takes the same user from the next search answer as unchanged', () => {
    expect(sameUserSummary(erika, { ...erika })).toBe(true);
  });

  it.each<[string, Partial<UserSummary>]>([
    ['status', { status: 'locked' }],
    ['expiry', { passwordExpired: true }],
    ['name', { displayName: 'Erika Ende' }],
    ['e-mail', { email: null }],
    ['version', { etag: '"1.v2"' }],
  ])('sees a changed %s', (_field, change) => {
    expect(sameUserSummary(erika, { ...erika, ...change })).toBe(false);
  });
});
