import { describe, expect, it } from 'vitest';
import { detectLanguage, LANGUAGE_STORAGE_KEY } from './lib/i18n';
import { BOOT_LANGUAGE_STORAGE_KEY, bootLanguage } from './boot-language';

describe('the start-up shell language', () => {
  it('reads the choice the app stores', () => {
    expect(BOOT_LANGUAGE_STORAGE_KEY).toBe(LANGUAGE_STORAGE_KEY);
  });

  it('chooses as the app will', () => {
    for (const stored of [null, 'de', 'en', 'fr', '']) {
      for (const system of [undefined, 'de-DE', 'de', 'DE-at', 'en-US', 'fr-FR', '']) {
        expect(bootLanguage(stored, system), `${stored} ${system}`).toBe(detectLanguage(stored, system));
      }
    }
  });
});
