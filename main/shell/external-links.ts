/**
 * window.open and target=_blank never open a window: a link leaves the console only if it is https, points to
 * an allowed origin (the documentation the console cites, the portals the admin configured) and the admin
 * confirmed it. Everything else is refused silently.
 */
export const DOCUMENTATION_ORIGINS = ['https://pages.nist.gov', 'https://cheatsheetseries.owasp.org'] as const;

export type ExternalLinkOutcome = 'opened' | 'cancelled' | 'refused';

export interface ExternalLinkDeps {
  allowedOrigins: () => Iterable<string>;
  confirm: (url: string) => Promise<boolean>;
  openExternal: (url: string) => Promise<void>;
}

export function isAllowedExternalUrl(raw: string, allowedOrigins: Iterable<string>): boolean {
  if (!URL.canParse(raw)) return false;
  const url = new URL(raw);
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return false;
  return [...allowedOrigins].includes(url.origin);
}

export function externalLinkOpener(deps: ExternalLinkDeps): (url: string) => Promise<ExternalLinkOutcome> {
  return async (url) => {
    if (!isAllowedExternalUrl(url, deps.allowedOrigins())) return 'refused';
    if (!(await deps.confirm(url))) return 'cancelled';
    await deps.openExternal(new URL(url).href);
    return 'opened';
  };
}

/** Origins of the configured portals; a profile whose URL does not parse is left out. */
export function profileOrigins(urls: Iterable<string>): string[] {
  return [...urls].filter((url) => URL.canParse(url)).map((url) => new URL(url).origin);
}

const CONFIRM_TEXT = {
  de: { message: 'Diesen Link im Browser öffnen?', open: 'Öffnen', cancel: 'Abbrechen' },
  en: { message: 'Open this link in your browser?', open: 'Open', cancel: 'Cancel' },
} as const;

export function confirmText(locale: string): (typeof CONFIRM_TEXT)[keyof typeof CONFIRM_TEXT] {
  return locale.toLowerCase().startsWith('de') ? CONFIRM_TEXT.de : CONFIRM_TEXT.en;
}
