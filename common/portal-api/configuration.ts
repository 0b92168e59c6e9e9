import { z } from 'zod';
import {
  ChangeSelector,
  ConfigurationSection,
  ConfigurationSource,
  ContentIssue,
  PrincipalMapping,
  PrincipalRef,
  SectionDiff,
} from '../domain/portal-configuration';

/**
 * Configuration transfer: GET /configuration/export gives the file (common/domain/portal-configuration.ts),
 * POST /configuration/import/preview compares it with this portal, POST /configuration/import/apply
 * (If-Match: the preview's ETag) applies the chosen differences in one transaction.
 */

/** The largest configuration file the portal reads (layouts carry logos and CSS). */
export const CONFIGURATION_FILE_MAX_CHARS = 24 * 1024 * 1024;

export const ConfigurationImportRequest = z.object({
  /** The file's text exactly as exported: the checksum is checked over it. */
  file: z.string().min(1).max(CONFIGURATION_FILE_MAX_CHARS),
  /** What becomes of group/role/distribution list names this portal lacks; every one must be decided before apply. */
  mapping: z.array(PrincipalMapping).max(5000).default([]),
});
export type ConfigurationImportRequest = z.input<typeof ConfigurationImportRequest>;

export const ConfigurationImportPreview = z.object({
  source: ConfigurationSource,
  exportedAt: z.string(),
  /** This portal's configuration as compared; send it as If-Match with the apply. */
  etag: z.string(),
  /** Every section, with its differences (after the mapping). */
  sections: z.array(SectionDiff),
  /** Names the rights use that this portal does not have and the mapping does not decide. */
  unmappedPrincipals: z.array(PrincipalRef),
  /** This portal's groups, roles and distribution lists: what a name can be mapped to. */
  availablePrincipals: z.array(PrincipalRef),
  /** Incoming items this portal's rules would refuse (they cannot be applied). */
  contentIssues: z.array(ContentIssue),
});
export type ConfigurationImportPreview = z.infer<typeof ConfigurationImportPreview>;

export const ConfigurationApplyRequest = ConfigurationImportRequest.extend({
  /** The differences to apply; the others stay as they are on this portal. */
  selection: z.array(ChangeSelector).max(50_000),
});
export type ConfigurationApplyRequest = z.input<typeof ConfigurationApplyRequest>;

export const SectionCounts = z.object({
  section: ConfigurationSection,
  created: z.number().int(),
  changed: z.number().int(),
  removed: z.number().int(),
});
export type SectionCounts = z.infer<typeof SectionCounts>;

export const ConfigurationApplyResult = z.object({
  applied: z.array(SectionCounts),
  total: z.number().int(),
  /** Rights entries left out because their name was mapped to nothing. */
  skippedRightsEntries: z.number().int(),
  /** The configuration's new ETag. */
  etag: z.string(),
});
export type ConfigurationApplyResult = z.infer<typeof ConfigurationApplyResult>;
