import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readShellSettings, SHELL_SETTINGS_FILE, startAutoUpdate, type Updater } from './auto-update';

function fakeUpdater(): Updater & { checks: number } {
  return {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    allowDowngrade: true,
    allowPrerelease: true,
    forceDevUpdateConfig: true,
    checks: 0,
    async checkForUpdatesAndNotify() {
      this.checks += 1;
      return null;
    },
    on() {
      return this;
    },
  };
}

const log = { info: vi.fn(), warn: vi.fn() };
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function userData(settings?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pc-update-'));
  dirs.push(dir);
  if (settings !== undefined) writeFileSync(join(dir, SHELL_SETTINGS_FILE), settings);
  return dir;
}

describe('shell settings', () => {
  it('automatic updates are off without a settings file, and off with an unreadable one', async () => {
    expect(await readShellSettings(userData(), log)).toEqual({ autoUpdate: false });
    expect(await readShellSettings(userData('{"autoUpdate": "yes"}'), log)).toEqual({ autoUpdate: false });
    expect(log.warn).toHaveBeenCalledWith('shell settings unreadable; automatic updates stay off', expect.anything());
    expect(await readShellSettings(userData('{"autoUpdate": true}'), log)).toEqual({ autoUpdate: true });
  });
});

describe('startAutoUpdate', () => {
  const base = { isPackaged: true, platform: 'win32' as NodeJS.Platform, log };

  it('does not even load electron-updater unless the setting is on', async () => {
    const loadUpdater = vi.fn(async () => fakeUpdater());
    expect(await startAutoUpdate({ ...base, settings: { autoUpdate: false }, loadUpdater })).toBe('off');
    expect(await startAutoUpdate({ ...base, isPackaged: false, settings: { autoUpdate: true }, loadUpdater })).toBe('not packaged');
    expect(await startAutoUpdate({ ...base, platform: 'linux', settings: { autoUpdate: true }, loadUpdater })).toBe('no signature check on this platform');
    expect(loadUpdater).not.toHaveBeenCalled();
  });

  it.each(['win32', 'darwin'] as const)('on %s: checks, never downgrades, never takes prereleases or a dev feed', async (platform) => {
    const updater = fakeUpdater();
    expect(await startAutoUpdate({ ...base, platform, settings: { autoUpdate: true }, loadUpdater: async () => updater })).toBe('started');
    expect(updater).toMatchObject({ allowDowngrade: false, allowPrerelease: false, forceDevUpdateConfig: false, autoInstallOnAppQuit: true });
    expect(updater.checks).toBe(1);
  });
});
