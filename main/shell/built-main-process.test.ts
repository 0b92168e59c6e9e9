import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { electronModule } from '../test-support/electron-fake';
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

const out = resolve(dirname(fileURLToPath(import.meta.url)), '../../out');
const builtMain = resolve(out, 'main/index.js');
const builtPreload = resolve(out, 'preload/index.cjs');
// npm test builds before vitest runs; in CI a missing build is an error, not a skip.
const required = process.env.CI === 'true' || process.env.PORTAL_CONSOLE_REQUIRE_BUILD === '1';

/**
 * The sandboxed preload is one CommonJS file that may require nothing but `electron`: run it the way Electron's
 * sandboxed preload loader does, with a require that knows only the fake.
 */
function runBuiltPreload(): void {
  const source = readFileSync(builtPreload, 'utf8');
  const module = { exports: {} as unknown };
  const sandboxedRequire = (id: string) => {
    if (id === 'electron') return electronModule();
    throw new Error(`the sandboxed preload required ${id}`);
  };
  new Function('require', 'module', 'exports', source)(sandboxedRequire, module, module.exports);
}

if (existsSync(builtMain) && existsSync(builtPreload)) {
  shellChecks({
    name: 'built out/main/index.js',
    built: true,
    loadMain: () => import(/* @vite-ignore */ builtMain),
    loadPreload: async () => runBuiltPreload(),
  });

  describe('the built preload', () => {
    it('carries the channel names, not zod and the contract: it runs in every window before the page (was 211 KB, ~50 ms)', () => {
      const source = readFileSync(builtPreload, 'utf8');
      expect(source.length).toBeLessThan(16 * 1024);
      expect(source).not.toMatch(/ZodError|safeParse/);
    });
  });
} else {
  describe('Electron shell (built)', () => {
    it.runIf(required)('needs the build (npx electron-vite build)', () => {
      throw new Error(`${builtMain} or ${builtPreload} is missing`);
    });
    it.skipIf(required)('skipped: no build in out/ (npx electron-vite build)', () => {});
  });
}
