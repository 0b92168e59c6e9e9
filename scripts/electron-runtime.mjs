// Finds the Electron runtime without triggering its download (the `electron` package downloads lazily).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';

const require = createRequire(import.meta.url);

export function electronPackageDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** The executable path, or null with the reason. */
export function findElectronRuntime() {
  const dir = electronPackageDir();
  if (!dir) return { path: null, reason: 'the electron package is not installed' };
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return { path: null, reason: 'the Electron runtime has not been downloaded' };
  const executable = join(dir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(executable) ? { path: executable, reason: null } : { path: null, reason: `${executable} is missing` };
}

/** Tries the package's own installer once (bounded), for machines that can download it. */
export function tryInstallElectronRuntime(timeoutMs = 120_000) {
  const dir = electronPackageDir();
  if (!dir) return findElectronRuntime();
  const result = spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: 'ignore', timeout: timeoutMs });
  const found = findElectronRuntime();
  if (found.path) return found;
  const why = result.error?.message ?? `exit code ${result.status}`;
  return { path: null, reason: `the runtime download failed: ${why}` };
}
