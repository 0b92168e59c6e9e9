import { spawn, spawnSync } from 'node:child_process';
import { constants, getPriority } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMBEDDED_PORTAL_EXEC_ARGV, embeddedPortalArgs, embeddedPortalEnv, PORTAL_LOG_ENV, runBelowConsole } from './embedded-portal-options';

describe('how the embedded portal is started', () => {
  it('with small Postgres buffers and quiet unless its log is asked for', () => {
    expect(embeddedPortalArgs('/data', {})).toEqual(['--port', '0', '--data', '/data', '--demo', '--env', 'dev', '--small-memory', '--quiet']);
    expect(embeddedPortalArgs('/data', { [PORTAL_LOG_ENV]: '1' })).not.toContain('--quiet');
  });

  it('with a collectable start, a small young generation and WebAssembly in baseline code only', () => {
    expect(EMBEDDED_PORTAL_EXEC_ARGV).toEqual(['--expose-gc', '--max-semi-space-size=4', '--liftoff-only']);
  });

  it('with V8 flags this runtime knows (a renamed flag would only warn, and its effect would be gone)', () => {
    const run = spawnSync(process.execPath, [...EMBEDDED_PORTAL_EXEC_ARGV, '-e', 'if (typeof gc !== "function") process.exit(3)'], { encoding: 'utf8' });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    const unknown = spawnSync(process.execPath, ['--liftoff-only-renamed', '-e', ''], { encoding: 'utf8' });
    expect(unknown.stderr).not.toBe('');
  });

  it("with glibc's mmap threshold fixed at 32 KiB and Node's compile cache in its data folder, unless the environment sets them", () => {
    expect(embeddedPortalEnv('/u/local-portal', { HOME: '/home/a', UNSET: undefined })).toEqual({
      HOME: '/home/a',
      MALLOC_MMAP_THRESHOLD_: '32768',
      NODE_COMPILE_CACHE: join('/u/local-portal', 'compile-cache'),
    });
    expect(embeddedPortalEnv('/u/p', { MALLOC_MMAP_THRESHOLD_: '131072', NODE_COMPILE_CACHE: '/c' })).toMatchObject({ MALLOC_MMAP_THRESHOLD_: '131072', NODE_COMPILE_CACHE: '/c' });
  });

  it('without a compile cache under an AppImage, which mounts at a new path on every launch', () => {
    expect(embeddedPortalEnv('/u/local-portal', { APPIMAGE: '/home/a/Portal-Console.AppImage' })).not.toHaveProperty('NODE_COMPILE_CACHE');
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
