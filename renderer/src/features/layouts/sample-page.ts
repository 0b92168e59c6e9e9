import { isHexColour } from '../../../../common/domain/contrast';
import type { LayoutContent } from '../../../../common/domain/layout-rules';

export interface SamplePageTexts {
  portalName: string;
  nav: string[];
  heading: string;
  intro: string;
  link: string;
  button: string;
  cardTitle: string;
  cardText: string;
}

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * A portal page with the layout applied: the theme as CSS custom properties, the logo, the portal's header
 * and navigation around `mainHtml`, then the custom CSS. Portal class names (`portal-header`, `portal-nav`, …)
 * are what custom CSS targets. Shown in a sandboxed iframe, so custom CSS never touches the console itself.
 * `pageCss` (trusted, from the console) styles what `mainHtml` holds, before the custom CSS.
 */
export function portalPageHtml(layout: LayoutContent, chrome: { portalName: string; nav: string[] }, mainHtml: string, pageCss = ''): string {
  const primary = isHexColour(layout.primaryColor) ? layout.primaryColor : '#0b5394';
  const accent = isHexColour(layout.accentColor) ? layout.accentColor : '#1864ab';
  const logo = layout.logo ? `<img class="portal-logo" alt="" src="data:${layout.logo.contentType};base64,${layout.logo.dataBase64}">` : '';
  // `</style` is refused by the CSS check; it is cut here too so a draft can never break out of the element.
  const customCss = layout.customCss.replace(/<\/style/gi, '');
  return `<!doctype html><html><head><meta charset="utf-8"><style>
:root { --portal-primary: ${primary}; --portal-accent: ${accent}; }
body { margin: 0; font-family: system-ui, sans-serif; color: #212529; background: #f8f9fa; }
.portal-header { display: flex; align-items: center; gap: 12px; padding: 10px 20px; background: var(--portal-primary); color: #fff; }
.portal-logo { height: 32px; max-width: 160px; object-fit: contain; background: #fff; border-radius: 3px; padding: 2px; }
.portal-name { font-size: 18px; font-weight: 600; }
.portal-nav { display: flex; gap: 16px; padding: 8px 20px; background: #fff; border-bottom: 1px solid #dee2e6; }
.portal-nav a { color: var(--portal-accent); text-decoration: none; font-weight: 500; }
.portal-content { padding: 20px; max-width: 720px; }
.portal-content a { color: var(--portal-accent); }
.portal-button { background: var(--portal-primary); color: #fff; border: 0; border-radius: 4px; padding: 8px 16px; font-size: 14px; }
.portal-card { background: #fff; border: 1px solid #dee2e6; border-radius: 6px; padding: 12px 16px; margin-top: 16px; }
${pageCss}</style><style>${customCss}</style></head><body>
<header class="portal-header">${logo}<span class="portal-name">${escapeHtml(chrome.portalName)}</span></header>
<nav class="portal-nav">${chrome.nav.map((item) => `<a href="#">${escapeHtml(item)}</a>`).join('')}</nav>
<main class="portal-content">${mainHtml}</main>
</body></html>`;
}

/** The sample page: a heading, text with a link, a button and a card. */
export function samplePageHtml(layout: LayoutContent, texts: SamplePageTexts): string {
  return portalPageHtml(
    layout,
    texts,
    `<h1>${escapeHtml(texts.heading)}</h1><p>${escapeHtml(texts.intro)} <a href="#">${escapeHtml(texts.link)}</a></p>
<button class="portal-button" type="button">${escapeHtml(texts.button)}</button>
<section class="portal-card"><h2>${escapeHtml(texts.cardTitle)}</h2><p>${escapeHtml(texts.cardText)}</p></section>`,
  );
}
