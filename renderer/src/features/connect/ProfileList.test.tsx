// @vitest-environment jsdom
import '../../test/setup-dom';
import { screen, within } from '@testing-library/react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ProfileView } from '../../../../common/contract';
import { i18n } from '../../lib/i18n';
import { renderWithProviders } from '../../test/render';
import { ProfileList } from './ProfileList';

const local: ProfileView = {
  id: 'local-test-portal',
  name: 'Local test portal',
  url: 'https://127.0.0.1:8443',
  environment: 'dev',
  pin: 'A'.repeat(43) + '=',
  backupPin: null,
  lastLogin: null,
  rememberPassword: false,
  portalForbidsRemember: false,
  embedded: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  hasStoredPassword: false,
};

beforeAll(async () => {
  await i18n.changeLanguage('en');
});

function renderList(profile: ProfileView) {
  const onConnect = vi.fn();
  const onOpenInNewWindow = vi.fn();
  renderWithProviders(
    <ProfileList profiles={[profile]} busyProfileId={null} onConnect={onConnect} onEdit={vi.fn()} onDelete={vi.fn()} onOpenInNewWindow={onOpenInNewWindow} />,
  );
  return { card: screen.getByTestId('profile-Local test portal'), onConnect, onOpenInNewWindow };
}

describe('the local test portal in the profile list', () => {
  it('shows "Starting …" and cannot be connected while it comes up', () => {
    const { card } = renderList({ ...local, starting: true });
    expect(within(card).getByTestId('profile-starting').textContent).toContain('Starting …');
    expect(within(card).queryByText(local.url)).toBeNull();
    expect((within(card).getByRole('button', { name: 'Connect to Local test portal' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows its address and connects once it is up', () => {
    const { card, onConnect } = renderList(local);
    expect(within(card).queryByTestId('profile-starting')).toBeNull();
    expect(within(card).getByText(local.url)).toBeTruthy();
    within(card).getByRole('button', { name: 'Connect to Local test portal' }).click();
    expect(onConnect).toHaveBeenCalledWith(local);
  });
});

describe('opening another portal from the list', () => {
  it('offers each profile in a new window, with a name that says which', () => {
    const { card, onOpenInNewWindow, onConnect } = renderList(local);
    within(card).getByRole('button', { name: 'Open Local test portal in a new window' }).click();
    expect(onOpenInNewWindow).toHaveBeenCalledWith(local);
    expect(onConnect).not.toHaveBeenCalled();
  });
});
