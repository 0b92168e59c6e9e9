import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const text = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
const config = parse(text) as Record<string, unknown> & {
  electronFuses?: Record<string, boolean>;
  mac?: Record<string, unknown>;
  win?: Record<string, unknown> & { signtoolOptions?: Record<string, unknown> };
  publish?: Record<string, unknown>;
};
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;

/** Every key anywhere in a parsed YAML/JSON value. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]);
  return [];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('electron-builder.yml', () => {
  it('is valid for electron-builder (its own schema)', async () => {
    const { validateConfiguration } = (await import('app-builder-lib/out/util/config/config.js')) as unknown as {
      validateConfiguration: (config: unknown, debug: { isEnabled: boolean; add(): void }) => Promise<void>;
    };
    await expect(validateConfiguration(config, { isEnabled: false, add: () => {} })).resolves.toBeUndefined();
  });

  it('flips the fuses the Electron security checklist asks for', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // OnlyLoadAppFromAsar and the integrity check need the asar archive.
    expect(config.asar).not.toBe(false);
  });

  it('holds no certificate, key or password: signing material comes from the environment', () => {
    const forbidden = ['cscLink', 'cscKeyPassword', 'certificateFile', 'certificatePassword', 'certificateSha1', 'certificateSubjectName', 'identity', 'appleId', 'appleIdPassword', 'teamId'];
    expect(keysOf(config).filter((key) => forbidden.includes(key))).toEqual([]);
    expect(text).not.toMatch(/-----BEGIN|\.p12\b|\.pfx\b/i);
  });

  it('signs and notarises macOS builds under the hardened runtime with only the JIT entitlement', () => {
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true });
    expect(config.mac?.identity).toBeUndefined();
    const entitlements = readFileSync(join(root, String(config.mac?.entitlements)), 'utf8');
    const granted = [...entitlements.matchAll(/<key>([^<]+)<\/key>/g)].map((match) => match[1]);
    expect(granted).toEqual(['com.apple.security.cs.allow-jit']);
    expect(config.mac?.target).toContain('zip');
  });

  it('signs Windows builds with SHA-256 and a timestamp and installs only updates signed by the same publisher', () => {
    expect(config.win?.verifyUpdateCodeSignature).toBe(true);
    expect(config.win?.signtoolOptions).toMatchObject({ signingHashAlgorithms: ['sha256'] });
    expect(String(config.win?.signtoolOptions?.rfc3161TimeStampServer)).toMatch(/^https?:\/\//);
  });

  it('publishes to an update feed the release build names', () => {
    expect(config.publish).toEqual({ provider: 'generic', url: '${env.PORTAL_CONSOLE_UPDATE_URL}' });
  });
});

describe('dependencies of the shell', () => {
  it('npm ci needs no compiler or libsecret headers: keytar is optional, @napi-rs/keyring (prebuilt) the fallback', () => {
    expect(pkg.dependencies?.keytar).toBeUndefined();
    expect(pkg.optionalDependencies?.keytar).toBeDefined();
    expect(pkg.dependencies?.['@napi-rs/keyring']).toBeDefined();
  });

  it('electron-updater comes from the lock file and is wired in main/electron-main.ts only', () => {
    expect(pkg.dependencies?.['electron-updater']).toBeDefined();
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
    expect(lock.packages['node_modules/electron-updater']?.version).toMatch(/^\d+\./);
    const users = [...sourceFiles('main'), ...sourceFiles('renderer'), ...sourceFiles('preload'), ...sourceFiles('common')].filter((file) =>
      /from 'electron-updater'|import\('electron-updater'\)/.test(readFileSync(file, 'utf8')),
    );
    expect(users.map((file) => file.slice(root.length + 1))).toEqual(['main/electron-main.ts']);
  });

  it('nothing in the Electron main process forks itself as Node (RunAsNode is off)', () => {
    const shell = ['main/index.ts', 'main/electron-main.ts', 'main/electron-backend.ts', 'main/services/portal-utility-fork.ts'].map((file) => readFileSync(join(root, file), 'utf8'));
    for (const source of shell) expect(source).not.toMatch(/ELECTRON_RUN_AS_NODE|forkedPortalLauncher|node:child_process/);
    expect(shell[1]).toMatch(/utilityProcess\.fork/);
  });
});
