import type { WebContents } from 'electron';

export interface ContentsPolicy {
  isTrustedFrameUrl: (url: string) => boolean;
  /** Decides about a link the page tried to open in a new window; the window itself is always denied. */
  openLink: (url: string, contents: WebContents) => void;
}

/**
 * Every web contents (the console window and anything a page might create) stays on the bundled renderer:
 * no navigation of the main frame or of any subframe to another URL, no redirects, no webviews, no new windows.
 */
export function hardenContents(contents: WebContents, policy: ContentsPolicy): void {
  contents.on('will-navigate', (event) => {
    if (!policy.isTrustedFrameUrl(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!policy.isTrustedFrameUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    policy.openLink(url, contents);
    return { action: 'deny' };
  });
}
