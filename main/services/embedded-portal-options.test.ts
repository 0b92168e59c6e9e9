import { spawn } from 'node:child_process';
import { constants, getPriority } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMBEDDED_PORTAL_EXEC_ARGV, embeddedPortalArgs, embeddedPortalEnv, PORTAL_LOG_ENV, runBelowConsole } from './embedded-portal-options';

describe('how the embedded portal is started', () => {
  it('with small Postgres buffers and quiet unless its log is asked for', () => {
    expect(embeddedPortalArgs('/data', {})).toEqual(['--port', '0', '--data', '/data', '--demo', '--env', 'dev', '--small-memory', '--quiet']);
    expect(embeddedPortalArgs('/data', { [PORTAL_LOG_ENV]: '1' })).not.toContain('--quiet');
  });

  it('with a collectable start and a small young generation', () => {
    expect(EMBEDDED_PORTAL_EXEC_ARGV).toEqual(['--expose-gc', '--max-semi-space-size=4']);
  });

  it("with glibc's mmap threshold fixed at 32 KiB and Node's compile cache in its data folder, unless the environment sets them", () => {
    expect(embeddedPortalEnv('/u/local-portal', { HOME: '/home/a', UNSET: undefined })).toEqual({
      HOME: '/home/a',
      MALLOC_MMAP_THRESHOLD_: '32768',
      NODE_COMPILE_CACHE: join('/u/local-portal', 'compile-cache'),
    });
    expect(embeddedPortalEnv('/u/p', { MALLOC_MMAP_THRESHOLD_: '131072', NODE_COMPILE_CACHE: '/c' })).toMatchObject({ MALLOC_MMAP_THRESHOLD_: '131072', NODE_COMPILE_CACHE: '/c' });
  });

  it('below the console in CPU priority, so the first paint does not wait for its start', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30_000)'], { stdio: 'ignore' });
    try {
      expect(getPriority(child.pid)).toBe(getPriority());
      expect(runBelowConsole(child.pid)).toBe(true);
      expect(getPriority(child.pid)).toBe(constants.priority.PRIORITY_BELOW_NORMAL);
    } finally {
      child.kill();
      await new Promise((resolve) => child.once('exit', resolve));
    }
    expect(runBelowConsole(child.pid)).toBe(false);
    expect(runBelowConsole(undefined)).toBe(false);
  });
});
