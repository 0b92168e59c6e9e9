import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';

/**
 * The entry stays tiny: the start-up shell in index.html paints first, then the app (already fetched and
 * compiled through its modulepreload links) is evaluated and replaces it. Evaluated at once, the app's
 * scripts kept the browser from painting the shell until React had rendered.
 */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    // A hidden window or tab gets no animation frames: it must not wait for one.
    if (document.visibilityState !== 'visible') return resolve();
    const fallback = setTimeout(resolve, 100);
    requestAnimationFrame(() => setTimeout(() => (clearTimeout(fallback), resolve()), 0));
  });
}

void afterNextPaint()
  .then(() => import('./start'))
  .then(({ start }) => start());
