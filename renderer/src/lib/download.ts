import type { FileDownload } from '../../../common/contract/file-download';

/** Offers a blob as a file download (browser mode and Electron both show the usual save flow). */
function offerBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Offers text as a file download. */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  offerBlob(filename, new Blob([text], { type }));
}

/**
 * Browser mode: the page follows the one-time address the console offered and the browser writes the file as
 * it streams (nothing passes through the page). Electron already saved it: nothing to do.
 */
export function followDownload(download: FileDownload): void {
  if (download.kind !== 'url') return;
  const link = document.createElement('a');
  link.href = download.url;
  link.download = download.file;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
}
