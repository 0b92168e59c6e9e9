import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAIN_CONTENT_ID } from './focus-heading';

/**
 * The first Tab stop of the shell: jumps past header and navigation to the page. The URL hash is the
 * router's, so the link moves focus itself instead of following its href.
 */
export function SkipLink({ targetId = MAIN_CONTENT_ID }: { targetId?: string }) {
  const { t } = useTranslation();
  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    const target = document.getElementById(targetId);
    const heading = target?.querySelector<HTMLElement>('h1');
    if (heading && !heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    (heading ?? target)?.focus();
  };
  return (
    <a className="skip-link" href={`#${targetId}`} onClick={skip} data-testid="skip-link">
      {t('app:skipLink')}
    </a>
  );
}
