import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
// Also imported by app/theme.ts; here it joins the entry's stylesheet (one request less on the way to the first paint).
import './app/theme.css';
import { showBootLanguage } from './boot-language';

showBootLanguage();

/**
 * The entry stays tiny: the start-up shell in index.html paints first, then the app is fetched, evaluated and
 * replaces it. Loaded with the page, the app's scripts were compiled and run before the browser painted anything.
 */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    // A hidden window or tab gets no animation frames: it must not wait for one.
    if (document.visibilityState !== 'visible') return resolve();
    const fallback = setTimeout(resolve, 100);
    requestAnimationFrame(() => setTimeout(() => (clearTimeout(fallback), resolve()), 0));
  });
}

/** The app's stylesheets stand at the end of the body (they do not hold the shell back): React waits for them. */
function stylesheetsLoaded(): Promise<void> {
  const pending = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].filter((link) => link.sheet === null);
  return Promise.all(
    pending.map(
      (link) =>
        new Promise<void>((resolve) => {
          link.addEventListener('load', () => resolve(), { once: true });
          link.addEventListener('error', () => resolve(), { once: true });
        }),
    ),
  ).then(() => undefined);
}

void Promise.all([afterNextPaint(), stylesheetsLoaded()])
  .then(() => import('./start'))
  .then(({ start }) => start());
