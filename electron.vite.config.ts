import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';

import { cpSync, readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

const alias = { '@common': resolve(__dirname, 'common') };
const { version } = JSON.parse(readFileSync(resolve(__dirname, 'package.json'), 'utf8')) as { version: string };
const define = { __APP_VERSION__: JSON.stringify(version) };

/** The bundled portal (out/main/portal-cli.js) migrates from out/main/migrations, next to itself. */
function copyPortalMigrations(): Plugin {
  return {
    name: 'copy-portal-migrations',
    closeBundle() {
      cpSync(resolve(__dirname, 'portal/db/migrations'), resolve(__dirname, 'out/main/migrations'), { recursive: true });
    },
  };
}

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin(), copyPortalMigrations()],
    resolve: { alias },
    define,
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'main/index.ts'),
          'browser-main': resolve(__dirname, 'main/browser-main.ts'),
          'portal-cli': resolve(__dirname, 'portal/cli.ts'),
        },
      },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin({ exclude: ['zod'] })],
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'preload/index.ts') },
        // Sandboxed preloads cannot load ESM or require() npm packages: one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    resolve: { alias },
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
