import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/** Id of the shell's main region: the skip link's target and where the page heading is looked for. */
export const MAIN_CONTENT_ID = 'main-content';

const GIVE_UP_AFTER_MS = 5000;

function focusHeadingIn(region: HTMLElement): boolean {
  const heading = region.querySelector<HTMLElement>('h1');
  if (heading === null) return false;
  // Headings are not focusable by themselves; -1 lets a script focus one without adding a Tab stop.
  if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  heading.focus();
  return true;
}

/**
 * Focuses the h1 inside the element with `regionId` as soon as there is one (areas load lazily, so it may
 * come a moment later). Returns a function that stops waiting.
 */
export function focusHeadingWhenShown(regionId: string = MAIN_CONTENT_ID, giveUpAfterMs = GIVE_UP_AFTER_MS): () => void {
  const region = document.getElementById(regionId);
  if (region === null || focusHeadingIn(region)) return () => undefined;
  const observer = new MutationObserver(() => {
    if (focusHeadingIn(region)) stop();
  });
  const timer = setTimeout(stop, giveUpAfterMs);
  function stop() {
    observer.disconnect();
    clearTimeout(timer);
  }
  observer.observe(region, { childList: true, subtree: true });
  return stop;
}

/** After a move to another area (first path segment), focus goes to that area's page heading. */
export function useFocusHeadingOnAreaChange(regionId: string = MAIN_CONTENT_ID): void {
  const { pathname } = useLocation();
  const area = pathname.split('/')[1] ?? '';
  const shown = useRef(area);
  useEffect(() => {
    if (shown.current === area) return;
    shown.current = area;
    return focusHeadingWhenShown(regionId);
  }, [area, regionId]);
}
