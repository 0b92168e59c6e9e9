import { vi } from 'vitest';
import { shellChecks } from '../test-support/shell-checks';

vi.mock('electron', async () => (await import('../test-support/electron-fake')).electronModule());

shellChecks({
  name: 'main/index.ts',
  loadMain: () => import('../index'),
  loadPreload: async () => {
    await import('../../preload/index');
  },
});
