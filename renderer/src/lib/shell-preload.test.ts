import { describe, expect, it, vi } from 'vitest';
import { preloadShell, registerShellPreload } from './shell-preload';

describe('preloading the signed-in shell', () => {
  it('starts the registered load at each sign-in and keeps a failed load from becoming an unhandled rejection', async () => {
    preloadShell();
    const load = vi.fn(() => Promise.reject(new Error('offline')));
    registerShellPreload(load);
    preloadShell();
    await Promise.resolve();
    expect(load).toHaveBeenCalledTimes(1);
  });
});
