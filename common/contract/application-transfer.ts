import { z } from 'zod';
import { PrincipalMapping } from '../domain/portal-configuration';
import { APPLICATION_FILE_MAX_CHARS, ApplicationImportPreview, ApplicationImportResult } from '../portal-api/application-transfer';
import { ApplicationName } from '../portal-api/designer';
import { call } from './define';

/** The exported file as the portal named it (a few MB at most); the renderer offers it as a download. */
export const ApplicationExport = z.object({ filename: z.string(), text: z.string() });
export type ApplicationExport = z.infer<typeof ApplicationExport>;

export const ApplicationImportCall = z.object({
  file: z.string().min(1).max(APPLICATION_FILE_MAX_CHARS),
  mapping: z.array(PrincipalMapping).max(1000).default([]),
  /** Import under another name than the file's. */
  name: ApplicationName.optional(),
});
export type ApplicationImportCall = z.input<typeof ApplicationImportCall>;

export const ApplicationImportApplyCall = ApplicationImportCall.extend({
  /** The preview's ETag: a target changed since (or an application of that name created since) answers 412 and nothing is imported. */
  etag: z.string().min(1).max(200),
  /** Apply what the new version does to records of dropped or retyped parts (asked after a 409 `data_loss_unconfirmed`). */
  confirmDataLoss: z.boolean().default(false),
});
export type ApplicationImportApplyCall = z.input<typeof ApplicationImportApplyCall>;

/** Application transfer: export one application as a file, preview and import a file from another portal. */
export const applicationTransferContract = {
  'applications:export': call(z.object({ applicationId: z.uuid() }), ApplicationExport, 'read'),
  'applications:importPreview': call(ApplicationImportCall, ApplicationImportPreview, 'read'),
  'applications:import': call(ApplicationImportApplyCall, ApplicationImportResult, 'write'),
};
