import { z } from 'zod';
import { call, Empty } from './define';
import { FileDownload } from './file-download';

/** The bundle is a ticket attachment: it stays under the attachment limit (10 MiB), and says its size. */
export const BUNDLE_MAX_BYTES = 10 * 1024 * 1024;

export const BundlePart = z.object({
  /** File name inside the zip. */
  name: z.string(),
  /** Bytes of the (redacted) file before compression. */
  bytes: z.number().int().min(0),
  /** The portal could not give this part: what went wrong (the part then holds that). */
  unavailable: z.string().nullable(),
});
export type BundlePart = z.infer<typeof BundlePart>;

export const BundlePreview = z.object({
  filename: z.string(),
  parts: z.array(BundlePart),
  /** Secrets the redaction replaced across all parts. */
  redacted: z.number().int().min(0),
  /** Size of the zip as it would be written. */
  zipBytes: z.number().int().min(0),
  limitBytes: z.number().int().min(1),
});
export type BundlePreview = z.infer<typeof BundlePreview>;

/** The bundle's preview and where it went (streamed to a file; the renderer never holds it). */
export const BundleFile = BundlePreview.extend({ download: FileDownload });
export type BundleFile = z.infer<typeof BundleFile>;

export const diagnosticsBundleContract = {
  /** What the diagnostics bundle of the signed-in portal would hold, part by part, with its size; nothing is written. */
  'diagnostics:bundlePreview': call(Empty, BundlePreview, 'read'),
  /** The bundle as a zip, saved to a file (save dialog or a browser download). */
  'diagnostics:bundleSave': call(Empty, BundleFile, 'read'),
};
