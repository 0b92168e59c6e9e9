import i18next, { type i18n as I18n, type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { LocaleTree } from './locale-shape';

export const languages = ['de', 'en'] as const;
export type Language = (typeof languages)[number];

export const LANGUAGE_STORAGE_KEY = 'portal-console.language';

/**
 * Locale scheme: every `locales/de.ts` and `locales/en.ts` (default export, a nested object of
 * strings) is one i18next namespace named after the folder that holds `locales/`:
 *   src/lib/locales/*            -> namespace `common` (shared texts, errors)
 *   src/app/locales/*            -> namespace `app` (shell, navigation)
 *   src/features/<name>/locales/* -> namespace `<name>`
 * A new feature only adds its two files; they are picked up here, no registration needed.
 * Keys are written with their namespace: t('connect:signIn.title').
 * The sign-in screen's texts (common, app, connect) load with it; every other feature's texts are a chunk of
 * their own, loaded once before the signed-in shell renders (loadAreaLocales).
 */
const localeModules = import.meta.glob<LocaleTree>(['./locales/{de,en}.ts', '../app/locales/{de,en}.ts', '../features/connect/locales/{de,en}.ts'], {
  eager: true,
  import: 'default',
});
const areaLocaleModules = import.meta.glob<LocaleTree>(['../features/*/locales/{de,en}.ts', '!../features/connect/locales/{de,en}.ts'], { import: 'default' });

export function namespaceOf(path: string): string {
  const segments = path.split('/');
  const localesIndex = segments.lastIndexOf('locales');
  const owner = segments[localesIndex - 1];
  return owner === undefined || owner === '.' || owner === 'lib' ? 'common' : owner;
}

export function buildResources(modules: Record<string, LocaleTree>): Resource {
  const resources: Record<string, Record<string, LocaleTree>> = {};
  for (const [path, tree] of Object.entries(modules)) {
    const language = path.slice(path.lastIndexOf('/') + 1).replace(/\.ts$/, '');
    (resources[language] ??= {})[namespaceOf(path)] = tree;
  }
  return resources;
}

export const resources = buildResources(localeModules);

/** Every namespace, the areas' too (tests of the locale files). */
export async function allResources(): Promise<Resource> {
  const loaded = await Promise.all(Object.entries(areaLocaleModules).map(async ([path, load]) => [path, await load()] as const));
  return buildResources({ ...localeModules, ...Object.fromEntries(loaded) });
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** A stored choice wins; otherwise German for German-speaking systems, English for everyone else. */
export function detectLanguage(stored: string | null, navigatorLanguage: string | undefined): Language {
  if (isLanguage(stored)) return stored;
  return navigatorLanguage?.toLowerCase().startsWith('de') ? 'de' : 'en';
}

function readStoredLanguage(): string | null {
  try {
    return globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

function storeLanguage(language: string): void {
  try {
    globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Storage may be disabled; the choice then lasts for this window only.
  }
}

export function createI18n(language: Language): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...languages],
    ns: Object.keys(resources.en ?? {}),
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
    showSupportNotice: false,
  });
  return instance;
}

export const i18n = createI18n(
  detectLanguage(readStoredLanguage(), typeof navigator === 'undefined' ? undefined : navigator.language),
);

function reflectLanguage(language: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

reflectLanguage(i18n.language);
i18n.on('languageChanged', reflectLanguage);

let areaLocales: Promise<void> | null = null;

/** Adds every feature's texts (both languages) to `i18n`, once; the signed-in shell waits for it. */
export function loadAreaLocales(): Promise<void> {
  areaLocales ??= allResources().then((all) => {
    for (const [language, namespaces] of Object.entries(all)) {
      for (const [namespace, tree] of Object.entries(namespaces)) {
        if (!i18n.hasResourceBundle(language, namespace)) i18n.addResourceBundle(language, namespace, tree);
      }
    }
  });
  return areaLocales;
}

/** Switches the UI language and remembers the choice for the next start. */
export function setLanguage(language: Language): void {
  storeLanguage(language);
  void i18n.changeLanguage(language);
}
