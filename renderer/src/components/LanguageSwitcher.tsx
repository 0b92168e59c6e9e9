import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLanguage, languages, setLanguage } from '../lib/i18n';

/** DE / EN toggle; the choice is remembered for the next start. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const current = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('common:language.label')}
      value={current}
      onChange={(value) => {
        if (isLanguage(value)) setLanguage(value);
      }}
      data={languages.map((language) => ({
        value: language,
        label: <span title={t(`common:language.${language}`)}>{language.toUpperCase()}</span>,
      }))}
      data-testid="language-switcher"
    />
  );
}
