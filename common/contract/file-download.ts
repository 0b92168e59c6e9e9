import { z } from 'zod';

/**
 * A file too big for the contract (an export, a bundle), streamed from the portal to disk. Browser mode: `url`, a
 * one-time address on the console's own host that the page follows as a download (the browser writes the file).
 * Electron: the console asked where to save it (save dialog) and streamed it there: `saved`, or `cancelled`.
 * The renderer never holds the bytes.
 */
export const FileDownload = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('url'), url: z.string().startsWith('/transfers/'), file: z.string() }),
  z.object({
    kind: z.literal('saved'),
    path: z.string(),
    file: z.string(),
    bytes: z.number().int().min(0),
    /** Line ends in the file (a CSV's header and rows). */
    lines: z.number().int().min(0),
  }),
  z.object({ kind: z.literal('cancelled') }),
]);
export type FileDownload = z.infer<typeof FileDownload>;
