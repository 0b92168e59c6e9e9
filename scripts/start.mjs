#!/usr/bin/env node
// npm start: build, then open the console in Electron, or in browser mode where no Electron runtime exists.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronRuntime, tryInstallElectronRuntime } from './electron-runtime.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const forceBrowser = args.includes('--browser') || process.env.PORTAL_CONSOLE_BROWSER === '1';

if (!args.includes('--no-build')) {
  console.log('Building Portal Console …');
  const build = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout}${build.stderr}`);
    process.exit(build.status ?? 1);
  }
}

let runtime = findElectronRuntime();
if (!runtime.path && !forceBrowser) runtime = tryInstallElectronRuntime();

if (runtime.path && !forceBrowser) {
  const child = spawn(runtime.path, [root], { stdio: 'inherit', env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined } });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const reason = forceBrowser ? 'browser mode requested' : runtime.reason;
  console.log(`Electron is not available here (${reason}); starting browser mode on 127.0.0.1.`);
  const passThrough = args.filter((a) => a !== '--browser' && a !== '--no-build');
  const child = spawn(process.execPath, [join(root, 'out/main/browser-main.js'), ...passThrough], { stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}
