/**
 * A streamed text answer (CSV export) has sent 200 and its first rows before it can fail. When it
 * fails, the portal ends it with this line instead of cutting the connection, and clients check for it:
 * a file that ends with the marker is incomplete and must not be kept as if it were whole.
 */
export const STREAM_FAILED_MARKER = '#PORTAL-STREAM-FAILED#';

/** The line the portal appends to a stream that failed (after whatever was already sent). */
export function streamFailureLine(detail: string): string {
  return `\r\n${STREAM_FAILED_MARKER} ${detail.replace(/[\r\n]+/g, ' ')}\r\n`;
}

/** The detail of a failure line at the end of `text`, or null when the stream ended normally. */
export function streamFailure(text: string): string | null {
  const trimmed = text.replace(/[\r\n]+$/, '');
  const start = trimmed.lastIndexOf(`\n${STREAM_FAILED_MARKER}`);
  const lineStart = start < 0 ? (trimmed.startsWith(STREAM_FAILED_MARKER) ? 0 : -1) : start + 1;
  if (lineStart < 0) return null;
  return trimmed.slice(lineStart + STREAM_FAILED_MARKER.length).trim();
}
