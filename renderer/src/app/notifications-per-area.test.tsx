// @vitest-environment jsdom
import '../test/setup-dom';
import { MantineProvider } from '@mantine/core';
import { Notifications, notifications } from '@mantine/notifications';
import { act, render, screen, waitFor } from '@testing-library/react';
import { useEffect } from 'react';
import { MemoryRouter, useNavigate } from 'react-router';
import { describe, expect, it } from 'vitest';
import { areaOf, useNotificationsClearedOnAreaChange } from './notifications-per-area';

const router: { navigate: (to: string) => void } = { navigate: () => undefined };

function Probe() {
  useNotificationsClearedOnAreaChange();
  const navigate = useNavigate();
  useEffect(() => {
    router.navigate = (to) => void navigate(to);
  }, [navigate]);
  return null;
}

function renderAt(path: string) {
  render(
    <MantineProvider>
      <Notifications />
      <MemoryRouter initialEntries={[path]}>
        <Probe />
      </MemoryRouter>
    </MantineProvider>,
  );
}

describe('notifications stay in their area', () => {
  it('names the area by the first path segment', () => {
    expect(areaOf('/users/42')).toBe('users');
    expect(areaOf('/')).toBe('');
  });

  it('keeps a notice on a move within the area and clears it on a move to another area', async () => {
    renderAt('/users');
    act(() => {
      notifications.show({ message: 'User created' });
    });
    expect(await screen.findByText('User created')).toBeTruthy();
    act(() => router.navigate('/users/42'));
    expect(screen.queryByText('User created')).not.toBeNull();
    act(() => router.navigate('/rights'));
    // Well before the notice's own autoClose (4 s): only the area change can have removed it.
    await waitFor(() => expect(screen.queryByText('User created')).toBeNull(), { timeout: 1500 });
  });
});
