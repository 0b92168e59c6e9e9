import { z } from 'zod';
import { ChangeSelector, PrincipalMapping } from '../domain/portal-configuration';
import {
  CONFIGURATION_FILE_MAX_CHARS,
  ConfigurationApplyResult,
  ConfigurationImportPreview,
} from '../portal-api/configuration';
import { call, Empty } from './define';
import { FileDownload } from './file-download';

/** The exported file as the portal named it, streamed to a file (up to 24 MiB). */
export const ConfigurationExport = FileDownload;
export type ConfigurationExport = FileDownload;

export const ConfigurationPreviewCall = z.object({
  file: z.string().min(1).max(CONFIGURATION_FILE_MAX_CHARS),
  mapping: z.array(PrincipalMapping).max(5000).default([]),
});
export type ConfigurationPreviewCall = z.input<typeof ConfigurationPreviewCall>;

export const ConfigurationApplyCall = ConfigurationPreviewCall.extend({
  selection: z.array(ChangeSelector).max(50_000),
  /** The preview's ETag: a portal changed since answers 412 and nothing is applied. */
  etag: z.string().min(1).max(200),
});
export type ConfigurationApplyCall = z.input<typeof ConfigurationApplyCall>;

/** Configuration transfer: export this portal's configuration, preview and apply a file from another portal. */
export const configurationContract = {
  'configuration:export': call(Empty, ConfigurationExport, 'read'),
  'configuration:preview': call(ConfigurationPreviewCall, ConfigurationImportPreview, 'read'),
  'configuration:apply': call(ConfigurationApplyCall, ConfigurationApplyResult, 'write'),
};
