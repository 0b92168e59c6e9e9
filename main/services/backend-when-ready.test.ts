import { describe, expect, it, vi } from 'vitest';
import { backendWhenReady, type CallTarget } from './backend-when-ready';

function fakeBackend(): CallTarget & { closed: string[] } {
  const closed: string[] = [];
  return {
    closed,
    dispatch: async (channel, request, workspace) => ({ ok: true, value: { channel, request, workspace } }),
    closeWorkspace: async (workspace) => {
      closed.push(workspace);
    },
  };
}

describe('backendWhenReady', () => {
  it('holds a call made before the backend is there and answers it once it is', async () => {
    let resolve: (backend: CallTarget) => void = () => {};
    const target = backendWhenReady(new Promise((done) => (resolve = done)));
    const answered = vi.fn();
    const call = target.dispatch('app:info', { x: 1 }, 'window-1').then(answered);
    await new Promise((done) => setTimeout(done, 20));
    expect(answered).not.toHaveBeenCalled();
    const backend = fakeBackend();
    resolve(backend);
    await call;
    expect(answered).toHaveBeenCalledWith({ ok: true, value: { channel: 'app:info', request: { x: 1 }, workspace: 'window-1' } });
    await target.closeWorkspace('window-1');
    expect(backend.closed).toEqual(['window-1']);
  });

  it('answers every call with INTERNAL and the reason when the backend cannot start', async () => {
    const target = backendWhenReady(Promise.reject(new Error('EACCES: profiles.json')));
    await expect(target.dispatch('profiles:list', {})).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: "The console's backend did not start: EACCES: profiles.json" },
    });
    await expect(target.closeWorkspace('window-1')).resolves.toBeUndefined();
  });
});
