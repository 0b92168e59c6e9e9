/**
 * The start-up shell's language, chosen by the entry before the app loads (i18next would make the entry big):
 * the same rule as detectLanguage in lib/i18n.ts (boot-language.test.ts holds them together).
 */
export const BOOT_LANGUAGE_STORAGE_KEY = 'portal-console.language';

export function bootLanguage(stored: string | null, navigatorLanguage: string | undefined): 'de' | 'en' {
  if (stored === 'de' || stored === 'en') return stored;
  return navigatorLanguage?.toLowerCase().startsWith('de') ? 'de' : 'en';
}

/** Sets <html lang>; index.html shows the shell's "starting" line in that language from then on. */
export function showBootLanguage(): void {
  let stored: string | null = null;
  try {
    stored = window.localStorage.getItem(BOOT_LANGUAGE_STORAGE_KEY);
  } catch {
    // Storage may be disabled: the system language decides.
  }
  document.documentElement.lang = bootLanguage(stored, navigator.language);
  document.documentElement.dataset.bootLanguage = 'chosen';
}
