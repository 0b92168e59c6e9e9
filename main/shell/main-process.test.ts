import { vi } from 'vitest';
import { shellChecks } from '../test-support/shell-checks';

vi.mock('electron', async () => (await import('../test-support/electron-fake')).electronModule());
// The shell under test must not read or write the real keychain: both keychain modules fail to load here.
vi.mock('keytar', () => {
  throw new Error('no keychain in the shell test');
});
vi.mock('@napi-rs/keyring', () => {
  throw new Error('no keychain in the shell test');
});
vi.mock('electron-updater', async () => {
  (await import('../test-support/electron-fake')).electronFake.updaterLoaded = true;
  return { autoUpdater: {} };
});

// The backend's modules load after the app is ready, beside the portal's start and the window (issue 14).
vi.mock('../backend', async (importOriginal) => {
  (await import('../test-support/electron-fake')).electronFake.order.push('backend module');
  return importOriginal();
});

shellChecks({
  name: 'main/index.ts',
  loadMain: () => import('../index'),
  loadPreload: async () => {
    await import('../../preload/index');
  },
});
