import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname);
const ROOT = resolve(SRC, '../..');

/** Static imports only: `import type`, `export type` and dynamic `import()` load nothing at start. */
function staticImports(source: string): string[] {
  const specifiers: string[] = [];
  for (const match of source.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
    if (match[1] === undefined) specifiers.push(match[2]!);
  }
  return specifiers;
}

function resolveFile(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  return ['', '.ts', '.tsx', '/index.ts', '/index.tsx'].map((suffix) => base + suffix).find((path) => statSync(path, { throwIfNoEntry: false })?.isFile());
}

/** Every source file and package the entry loads before the connect screen can render. */
function loadedAtStart(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const specifier of staticImports(readFileSync(file, 'utf8'))) {
      if (!specifier.startsWith('.')) {
        packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
        continue;
      }
      const target = resolveFile(file, specifier);
      if (target && /\.tsx?$/.test(target)) visit(target);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('what the sign-in screen loads', () => {
  const start = loadedAtStart(join(SRC, 'start.tsx'));
  const names = [...start.files].map((file) => relative(ROOT, file));

  it('follows the imports from the app down to the connect screen', () => {
    expect(names).toContain('renderer/src/app/App.tsx');
    expect(names).toContain('renderer/src/features/connect/ConnectPage.tsx');
    expect(start.packages).toContain('@mantine/core');
  });

  it('loads no feature code besides the connect screen, and not the signed-in shell', () => {
    const features = names.filter((name) => name.startsWith('renderer/src/features/') && !name.startsWith('renderer/src/features/connect/'));
    expect(features).toEqual([]);
    expect(names).not.toContain('renderer/src/app/AppLayout.tsx');
  });

  // luxon is imported by domain modules of the contract but tree-shaken from the bundle: not checked here.
  it('loads neither the editor, the password list, the date pickers nor the devtools', () => {
    const heavy = [...start.packages].filter((name) => /codemirror|zxcvbn|dayjs|@mantine\/dates|react-query-devtools/.test(name));
    expect(heavy).toEqual([]);
  });

  it('leaves the sign-in form and the profile dialogs (react-hook-form) to their own chunks', () => {
    expect(names).not.toContain('renderer/src/features/connect/SignInPanel.tsx');
    expect(names).not.toContain('renderer/src/features/connect/ProfileFormModal.tsx');
    expect(start.packages).not.toContain('react-hook-form');
  });

  it('keeps the entry itself tiny: it imports the stylesheets and the shell language, the app comes by import()', () => {
    const entry = readFileSync(join(SRC, 'main.tsx'), 'utf8');
    expect(staticImports(entry).filter((specifier) => !specifier.endsWith('.css'))).toEqual(['./boot-language']);
    expect(staticImports(readFileSync(join(SRC, 'boot-language.ts'), 'utf8'))).toEqual([]);
    expect(entry).toMatch(/import\(['"]\.\/start['"]\)/);
  });
});
