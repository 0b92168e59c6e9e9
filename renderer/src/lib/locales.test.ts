// @vitest-environment jsdom
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allResources, buildResources, detectLanguage, languages, namespaceOf } from './i18n';
import type { LocaleTree } from './locale-shape';

function flatten(tree: LocaleTree, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') entries.set(path, value);
    else for (const [nested, text] of flatten(value, path)) entries.set(nested, text);
  }
  return entries;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((match) => match[1] ?? '').sort();
}

const byLanguage = (await allResources()) as Record<string, Record<string, LocaleTree>>;
const namespaces = [...new Set(languages.flatMap((language) => Object.keys(byLanguage[language] ?? {})))];

describe('locale files', () => {
  it('include the shared, shell and feature namespaces', () => {
    expect(namespaces).toEqual(expect.arrayContaining(['common', 'app', 'connect', 'overview']));
  });

  it.each(namespaces)('namespace %s has the same keys in German and English', (namespace) => {
    const de = flatten(byLanguage.de?.[namespace] ?? {});
    const en = flatten(byLanguage.en?.[namespace] ?? {});
    expect(de.size).toBeGreaterThan(0);
    expect([...de.keys()].filter((key) => !en.has(key))).toEqual([]);
    expect([...en.keys()].filter((key) => !de.has(key))).toEqual([]);
  });

  it.each(namespaces)('namespace %s has no empty texts and the same placeholders in both languages', (namespace) => {
    const de = flatten(byLanguage.de?.[namespace] ?? {});
    const en = flatten(byLanguage.en?.[namespace] ?? {});
    for (const [key, german] of de) {
      const english = en.get(key) ?? '';
      expect(german.trim(), `de ${namespace}:${key}`).not.toBe('');
      expect(english.trim(), `en ${namespace}:${key}`).not.toBe('');
      expect(placeholders(english), `${namespace}:${key}`).toEqual(placeholders(german));
    }
  });
});

/** Every literal `t('namespace:key')` in the renderer's sources (not the tests). */
function keysUsedInSources(folder: string): { file: string; key: string }[] {
  const used: { file: string; key: string }[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    const file = join(entry.parentPath, entry.name);
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name) || /\.test\.tsx?$/.test(entry.name)) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-z]+:[\w.]+)'/g)) used.push({ file, key: match[1] ?? '' });
  }
  return used;
}

describe('texts used in the code', () => {
  const used = keysUsedInSources(join(__dirname, '..'));

  it('are found in the sources', () => {
    expect(used.length).toBeGreaterThan(500);
  });

  it.each(languages)('exist in %s (plural forms count)', (language) => {
    const missing = used.filter(({ key }) => {
      const [namespace = '', path = ''] = key.split(':');
      const texts = flatten(byLanguage[language]?.[namespace] ?? {});
      return !texts.has(path) && !texts.has(`${path}_one`) && !texts.has(`${path}_other`);
    });
    expect(missing.map(({ file, key }) => `${key} (${file.replace(/^.*renderer\//, '')})`)).toEqual([]);
  });
});

describe('namespaceOf', () => {
  it.each([
    ['./locales/de.ts', 'common'],
    ['../app/locales/en.ts', 'app'],
    ['../features/connect/locales/de.ts', 'connect'],
    ['/src/features/users/locales/en.ts', 'users'],
  ])('%s -> %s', (path, namespace) => {
    expect(namespaceOf(path)).toBe(namespace);
  });

  it('groups modules by language and namespace', () => {
    const built = buildResources({
      './locales/de.ts': { a: 'A' },
      './locales/en.ts': { a: 'A' },
      '../features/users/locales/de.ts': { b: 'B' },
    });
    expect(built).toEqual({ de: { common: { a: 'A' }, users: { b: 'B' } }, en: { common: { a: 'A' } } });
  });
});

describe('detectLanguage', () => {
  it.each([
    [null, 'de-DE', 'de'],
    [null, 'de', 'de'],
    [null, 'de-AT', 'de'],
    [null, 'en-US', 'en'],
    [null, 'fr-FR', 'en'],
    [null, undefined, 'en'],
    ['en', 'de-DE', 'en'],
    ['de', 'en-GB', 'de'],
    ['fr', 'de-CH', 'de'],
  ])('stored %s, navigator %s -> %s', (stored, navigatorLanguage, expected) => {
    expect(detectLanguage(stored, navigatorLanguage)).toBe(expected);
  });
});
