import { useEffect } from 'react';

const DIALOG = '[role="dialog"]';

function holdsDialog(node: Node): boolean {
  return node instanceof Element && (node.matches(DIALOG) || node.querySelector(DIALOG) !== null);
}

/**
 * Gives focus back to what had it before a dialog opened, when the dialog leaves the page and focus was
 * left on nothing. Mantine's returnFocus does this for a modal that closes, but most dialogs here are
 * unmounted instead (`{open && <Modal opened …/>}`), and then nobody does. Returns a function that stops.
 */
export function watchDialogFocusReturn(doc: Document = document): () => void {
  let lastOutside: HTMLElement | null = null;
  const onFocusIn = (event: FocusEvent) => {
    const target = event.target;
    if (target instanceof HTMLElement && target.closest(DIALOG) === null) lastOutside = target;
  };
  const observer = new MutationObserver((records) => {
    if (!records.some((record) => [...record.removedNodes].some(holdsDialog))) return;
    // After the frame: a dialog that closes normally, or a page that moves focus itself, wins.
    requestAnimationFrame(() => {
      const active = doc.activeElement;
      if ((active === null || active === doc.body) && lastOutside?.isConnected) lastOutside.focus();
    });
  });
  doc.addEventListener('focusin', onFocusIn);
  observer.observe(doc.body, { childList: true, subtree: true });
  return () => {
    doc.removeEventListener('focusin', onFocusIn);
    observer.disconnect();
  };
}

export function useDialogFocusReturn(): void {
  useEffect(() => watchDialogFocusReturn(), []);
}
