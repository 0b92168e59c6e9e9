import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';

import { cpSync, readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { precompressDir } from './main/precompress';
import { preparePortalDb } from './scripts/prepare-db';

const alias = { '@common': resolve(__dirname, 'common') };
const { version } = JSON.parse(readFileSync(resolve(__dirname, 'package.json'), 'utf8')) as { version: string };
const define = { __APP_VERSION__: JSON.stringify(version) };

/**
 * The bundled portal (out/main/portal-cli.js) migrates from out/main/migrations, next to itself, and a first
 * run loads the prepared database beside them instead of running initdb (scripts/prepare-db.ts).
 */
function copyPortalMigrations(): Plugin {
  return {
    name: 'copy-portal-migrations',
    async closeBundle() {
      cpSync(resolve(__dirname, 'portal/db/migrations'), resolve(__dirname, 'out/main/migrations'), { recursive: true });
      await preparePortalDb(resolve(__dirname, 'out/main'));
    },
  };
}

/** The browser host serves these .br/.gz copies (main/browser-host.ts); Electron reads the plain files. */
function precompressRenderer(): Plugin {
  return {
    name: 'precompress-renderer',
    apply: 'build',
    closeBundle() {
      precompressDir(resolve(__dirname, 'out/renderer'));
    },
  };
}

/**
 * The renderer's entry (src/main.tsx) lets the start-up shell of index.html paint, then imports the app. The
 * app's chunks are fetched with the page (preload) but not compiled: as modulepreload links they were compiled
 * while the page loaded and held the shell's first paint back. The stylesheets go to the end of the body, where
 * they do not block the shell's paint either (main.tsx waits for them before React renders); a preload in the
 * head fetches them at once.
 */
function shellFirst(): Plugin {
  return {
    name: 'shell-first',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const { chunk: entry, bundle } = context;
        if (!entry || !bundle) return html;
        const scripts = new Set<string>();
        const styles = new Set<string>();
        const visit = (file: string) => {
          const chunk = bundle[file];
          if (scripts.has(file) || chunk?.type !== 'chunk') return;
          scripts.add(file);
          chunk.viteMetadata?.importedCss.forEach((css) => styles.add(css));
          chunk.imports.forEach(visit);
        };
        visit(entry.fileName);
        entry.dynamicImports.forEach(visit);
        scripts.delete(entry.fileName);
        const headStyles = [...html.matchAll(/\s*<link rel="stylesheet"[^>]*>/g)].map((match) => match[0]);
        const link = (attrs: Record<string, string | boolean>, injectTo: 'head' | 'body') => ({ tag: 'link', attrs: { crossorigin: true, ...attrs }, injectTo });
        return {
          html: headStyles.reduce((text, tag) => text.replace(tag, ''), html),
          tags: [
            ...[...styles].map((file) => link({ rel: 'preload', as: 'style', href: `./${file}` }, 'head')),
            ...[...scripts].map((file) => link({ rel: 'preload', as: 'script', href: `./${file}` }, 'head')),
            ...[...styles].map((file) => link({ rel: 'stylesheet', href: `./${file}` }, 'body')),
          ],
        };
      },
    },
  };
}

/**
 * Vendor code in its own long-cached chunks, only where the whole library belongs to one load: all of it
 * needed by the sign-in screen (react), or all of it by one lazy area (CodeMirror, the password list).
 * Mantine is left to Rollup on purpose: one Mantine chunk put every component any area uses into the first
 * load (+48 KB gzip); split by use, the sign-in screen gets only its own.
 */
const VENDOR_CHUNKS: Array<[chunk: string, pattern: RegExp]> = [
  ['vendor-react', /node_modules\/(react|react-dom|scheduler|react-router)\//],
  // Its own chunk: the contract's CSS check (common/domain/css-check.ts) needs the parser on every screen, and
  // a manual chunk takes in the unassigned dependencies of its modules (CodeMirror's would pull the editor in).
  ['vendor-lezer', /node_modules\/@lezer\//],
  ['vendor-codemirror', /node_modules\/(@codemirror|codemirror|style-mod|w3c-keyname|crelt)\//],
  ['password-dictionary', /node_modules\/@zxcvbn-ts\//],
];

function vendorChunk(id: string): string | undefined {
  return VENDOR_CHUNKS.find(([, pattern]) => pattern.test(id))?.[0];
}

/**
 * Bundled into out/main instead of loaded from node_modules: at every start of the browser host and of the
 * embedded portal Node resolved, read and compiled some 400 files of them one by one (issue 14). Left outside:
 * native and Electron-only modules, PGlite (it loads its WebAssembly and data files from beside itself), the
 * modules loaded on a rare path only (pg, selfsigned, ldapts), undici (its optional node:sqlite cache would
 * become a static import that Node 20 cannot load), ws and @fastify/websocket (ws's optional native helpers would
 * become empty stubs, and the plugin did not find ws's CommonJS exports through the bundle's interop).
 */
const BUNDLED_MAIN_DEPS = [
  'zod',
  'fastify',
  'fastify-type-provider-zod',
  '@fastify/cookie',
  '@fastify/rate-limit',
  '@fastify/static',
  '@fastify/swagger',
  'drizzle-orm',
  'luxon',
  'fflate',
  '@zxcvbn-ts/language-common',
  '@lezer/common',
  '@lezer/css',
  '@lezer/lr',
];

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin({ exclude: BUNDLED_MAIN_DEPS }), copyPortalMigrations()],
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
    resolve: { alias },
    build: {
      // Sandboxed preloads can require only `electron`: anything else would be bundled in
      // (main/shell/built-main-process.test.ts fails on any other require). It takes the channel names only
      // (common/contract/channel-names.ts), not the contract with zod.
      externalizeDeps: false,
      outDir: 'out/preload',
      // The sandboxed preload is parsed before the first paint: keep it small.
      minify: true,
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
    plugins: [react(), shellFirst(), precompressRenderer()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // electron-vite leaves the renderer unminified unless told.
      minify: true,
      // .vite/manifest.json: the bench reads the sign-in screen's chunks from it (entry and the app it imports).
      manifest: true,
      // The browser host serves index.html with no-cache and hashed assets as immutable: only changed chunks reload.
      rollupOptions: {
        input: { index: resolve(__dirname, 'renderer/index.html') },
        output: { manualChunks: vendorChunk },
      },
    },
  },
});
