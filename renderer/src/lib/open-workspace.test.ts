// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setConsoleTransport } from './console-client';
import { consoleTabUrl, openAnotherPortal, openedFor } from './open-workspace';

afterEach(() => {
  setConsoleTransport(null);
  vi.restoreAllMocks();
});

function answering(opened: boolean) {
  const calls: Array<{ channel: string; request: unknown }> = [];
  setConsoleTransport({
    call: async (channel, request) => {
      calls.push({ channel, request });
      return { ok: true, value: { opened } };
    },
  });
  return calls;
}

describe('open another portal', () => {
  it('lets main open the window where it can (Electron), and opens nothing itself', async () => {
    const calls = answering(true);
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    await openAnotherPortal('p-1');
    expect(calls).toEqual([{ channel: 'session:openWorkspace', request: { profileId: 'p-1' } }]);
    expect(open).not.toHaveBeenCalled();
  });

  it('opens a tab of the console itself in browser mode, without an opener', async () => {
    answering(false);
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    await openAnotherPortal();
    expect(open).toHaveBeenCalledWith(`${window.location.origin}${window.location.pathname}#/?open=`, '_blank', 'noopener');
  });

  it('names the profile in the new tab\'s address, and reads it back there', () => {
    const url = consoleTabUrl({ origin: 'http://127.0.0.1:4000', pathname: '/' }, 'a b&c');
    expect(url).toBe('http://127.0.0.1:4000/#/?open=a%20b%26c');
    expect(openedFor(new URL(url).hash)).toBe('a b&c');
    expect(openedFor('#/?open=')).toBe('');
    expect(openedFor('#/users')).toBeUndefined();
    expect(openedFor('')).toBeUndefined();
  });
});
