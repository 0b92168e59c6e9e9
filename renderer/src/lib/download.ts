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

/** Offers bytes that came base64-encoded through the contract (a zip, say) as a file download. */
export function downloadBase64(filename: string, base64: string, type: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  offerBlob(filename, new Blob([bytes], { type }));
}
