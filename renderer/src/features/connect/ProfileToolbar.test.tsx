// @vitest-environment jsdom
import '../../test/setup-dom';
import { screen, within } from '@testing-library/react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ProfileHealth, ProfileView } from '../../../../common/contract';
import { i18n } from '../../lib/i18n';
import { renderWithProviders } from '../../test/render';
import { ProfileList } from './ProfileList';
import { filterProfiles } from './ProfileToolbar';

const profile = (i: number): ProfileView => ({
  id: `p-${i}`,
  name: `Kunde ${String(i).padStart(3, '0')}${i % 10 === 0 ? ' Zentrale' : ''}`,
  url: `https://kunde-${i}.example`,
  environment: (['prod', 'test', 'dev'] as const)[i % 3] ?? 'prod',
  pin: `${'A'.repeat(43)}=`,
  backupPin: null,
  lastLogin: i % 2 === 0 ? 'admin' : null,
  rememberPassword: false,
  portalForbidsRemember: false,
  embedded: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  hasStoredPassword: false,
});

const profiles = Array.from({ length: 200 }, (_, i) => profile(i));

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

describe('the profile dashboard', () => {
  it('filters 200 profiles by words in name or address and by environment, in well under a frame', () => {
    const started = performance.now();
    const found = filterProfiles(profiles, { text: 'zentrale kunde-1', environment: 'all' });
    expect(performance.now() - started).toBeLessThan(16);
    expect(found.map((p) => p.id)).toEqual(['p-10', 'p-100', 'p-110', 'p-120', 'p-130', 'p-140', 'p-150', 'p-160', 'p-170', 'p-180', 'p-190']);
    expect(filterProfiles(profiles, { text: 'ZENTRALE', environment: 'prod' }).map((p) => p.id)).toEqual(['p-0', 'p-30', 'p-60', 'p-90', 'p-120', 'p-150', 'p-180']);
    expect(filterProfiles(profiles, { text: '', environment: 'dev' })).toHaveLength(66);
  });

  it('shows each profile\'s health dot with what the portal says of itself, and the last sign-in', () => {
    const health: ProfileHealth[] = [
      { profileId: 'p-0', state: 'ok', version: '2026.11.2', track: 'steady', environment: 'test', latencyMs: 3, error: null, checkedAt: '' },
      { profileId: 'p-1', state: 'unreachable', version: null, track: null, environment: null, latencyMs: null, error: { code: 'UNREACHABLE', message: 'x' }, checkedAt: '' },
    ];
    renderWithProviders(
      <ProfileList
        profiles={profiles.slice(0, 3)}
        busyProfileId={null}
        onConnect={vi.fn()}
        onEdit={vi.fn()}
        onDelete={vi.fn()}
        onOpenInNewWindow={vi.fn()}
        healthById={new Map(health.map((entry) => [entry.profileId, entry]))}
      />,
    );
    const first = within(screen.getByTestId('profile-Kunde 000 Zentrale'));
    expect(first.getByTestId('profile-health').dataset.state).toBe('ok');
    expect(first.getByTestId('profile-health').textContent).toBe('Reachable · Version 2026.11.2 · Steady Track · Test');
    expect(first.getByText('Last sign-in: admin')).toBeTruthy();
    expect(within(screen.getByTestId('profile-Kunde 001')).getByTestId('profile-health').dataset.state).toBe('unreachable');
    expect(within(screen.getByTestId('profile-Kunde 002')).getByTestId('profile-health').dataset.state).toBe('checking');
  });
});
