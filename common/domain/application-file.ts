import { z } from 'zod';
import { publishBlockers, validateApplicationDefinition, type ApplicationDefinition } from './application-definition';
import {
  applyPrincipalMapping,
  canonicalJson,
  CONFIGURATION_FORMAT,
  ConfigurationSource,
  ConfiguredApplication,
  missingPrincipals,
  type PortalConfiguration,
  type PrincipalMapping,
  type PrincipalRef,
} from './portal-configuration';
import { sha256Hex } from './portal-configuration-sha256';
import { fileNameSlug } from './file-name-slug';

/**
 * One application as one file, to move it from one portal to another (test -> production): its
 * published definition and its rights by group/role/distribution list NAME, in the canonical JSON of the
 * configuration transfer (keys sorted) with a SHA-256 over everything but the checksum.
 *
 * Reading a file checks, in this order, and refuses at the first problem: JSON, the format marker, the
 * schema version (a newer one is refused before its content is read), the checksum, the shape, the
 * references inside the definition (a child group's parent, a reference field's target, a table's or a
 * button's page) and finally the designer's rules.
 */

export const APPLICATION_FORMAT = 'portal-console/application';
export const APPLICATION_SCHEMA_VERSION = 1;
/** 100 data groups and 100 pages of 500 controls fit well below this. */
export const APPLICATION_FILE_MAX_CHARS = 16 * 1024 * 1024;

export const ApplicationFile = z.object({
  format: z.literal(APPLICATION_FORMAT),
  schemaVersion: z.literal(APPLICATION_SCHEMA_VERSION),
  exportedAt: z.string().max(40),
  source: ConfigurationSource,
  /** The version published on the source portal when it was exported (0: never published). */
  sourceVersion: z.number().int().min(0),
  /** `sha256:` and the hex SHA-256 of the canonical JSON of every other field. */
  checksum: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  application: ConfiguredApplication,
});
export type ApplicationFile = z.infer<typeof ApplicationFile>;
export type TransferredApplication = z.infer<typeof ConfiguredApplication>;

function checksumOf(body: Record<string, unknown>): string {
  return `sha256:${sha256Hex(canonicalJson(body))}`;
}

export function buildApplicationFile(input: {
  exportedAt: string;
  source: z.infer<typeof ConfigurationSource>;
  sourceVersion: number;
  application: TransferredApplication;
}): ApplicationFile {
  const body = {
    format: APPLICATION_FORMAT,
    schemaVersion: APPLICATION_SCHEMA_VERSION,
    exportedAt: input.exportedAt,
    source: input.source,
    sourceVersion: input.sourceVersion,
    // The decoded form is what a reader decodes again (the definition's codecs only upgrade old documents);
    // the property test holds the file to that. zod's encode would double the export's time.
    application: input.application,
  } as const;
  return { ...body, checksum: checksumOf(body) };
}

/** The file's text: canonical JSON, two-space indent, one trailing newline. */
export function serializeApplicationFile(file: ApplicationFile): string {
  return `${canonicalJson(file, 2)}\n`;
}

/** `Fuhrpark Süd` exported on 2026-12-05 -> `fuhrpark-sued-application-2026-12-05.json`. */
export function applicationFileName(applicationName: string, day: string): string {
  const slug = fileNameSlug(applicationName);
  return `${slug || 'application'}-application-${day}.json`;
}

export const applicationFileProblemCodes = [
  'not_json',
  'not_an_application',
  'configuration_file',
  'newer_schema',
  'checksum_mismatch',
  'invalid_content',
  'missing_parent',
  'broken_reference',
  'definition_invalid',
] as const;
export type ApplicationFileProblemCode = (typeof applicationFileProblemCodes)[number];

export const ApplicationFileProblem = z.object({
  code: z.enum(applicationFileProblemCodes),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type ApplicationFileProblem = z.infer<typeof ApplicationFileProblem>;

export type ReadApplicationFile = { ok: true; file: ApplicationFile } | { ok: false; problem: ApplicationFileProblem };

const refused = (code: ApplicationFileProblemCode, message: string, params: Record<string, string | number> = {}): { ok: false; problem: ApplicationFileProblem } => ({
  ok: false,
  problem: { code, message, params },
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The envelope: JSON, format, schema version, checksum and shape; the content's references are not looked at. */
export function readApplicationFile(text: string): ReadApplicationFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return refused('not_json', 'The file is damaged: it is not complete JSON.');
  }
  if (isRecord(json) && json.format === CONFIGURATION_FORMAT) {
    return refused('configuration_file', 'This is a portal configuration file, not an application: import it under Transfer configuration.');
  }
  if (!isRecord(json) || json.format !== APPLICATION_FORMAT) return refused('not_an_application', 'This is not an application file.');
  const schema = json.schemaVersion;
  if (typeof schema !== 'number' || !Number.isInteger(schema) || schema < 1) return refused('not_an_application', 'The file names no valid schema version.');
  if (schema > APPLICATION_SCHEMA_VERSION) {
    return refused('newer_schema', `The file was made by a newer console/portal: schema ${schema}, this supports ${APPLICATION_SCHEMA_VERSION}.`, {
      schema,
      supported: APPLICATION_SCHEMA_VERSION,
    });
  }
  const { checksum, ...body } = json;
  let expected: string;
  try {
    expected = checksumOf(body);
  } catch {
    // Only a hostile file nests deep enough to exhaust the stack; an export never does.
    return refused('invalid_content', 'The file\'s content is nested too deeply to be an application.', { path: '' });
  }
  if (typeof checksum !== 'string' || checksum !== expected) {
    return refused('checksum_mismatch', 'The file is damaged or was altered after export: its checksum does not match its content.');
  }
  const parsed = ApplicationFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') ?? '';
    return refused('invalid_content', `The file's content is not valid at ${path || 'the top level'}: ${issue?.message ?? 'unknown'}.`, { path });
  }
  return { ok: true, file: parsed.data };
}

type Refusal = { ok: false; problem: ApplicationFileProblem };

/** A child group whose parent is not in the file, or a parent chain that runs in a circle. */
function parentProblem(definition: ApplicationDefinition): Refusal | null {
  const groups = new Map(definition.dataGroups.map((group) => [group.id, group]));
  for (const group of definition.dataGroups) {
    if (group.parentId === null) continue;
    if (!groups.has(group.parentId)) {
      return refused('missing_parent', `The data group ${group.name} is a child of a data group that is not in the file (${group.parentId}).`, {
        dataGroup: group.name,
        parentId: group.parentId,
      });
    }
    const seen = new Set<string>([group.id]);
    for (let parent = groups.get(group.parentId); parent !== undefined; parent = parent.parentId === null ? undefined : groups.get(parent.parentId)) {
      if (seen.has(parent.id)) {
        return refused('broken_reference', `The data group ${group.name} is its own ancestor: the parent chain runs in a circle.`, { what: 'parent', name: group.name, target: group.parentId });
      }
      seen.add(parent.id);
    }
  }
  return null;
}

/** A reference field, table, button or container pointing at something the file does not hold. */
function referenceProblem(definition: ApplicationDefinition): Refusal | null {
  const groupIds = new Set(definition.dataGroups.map((group) => group.id));
  const pageIds = new Set(definition.pages.map((page) => page.id));
  const broken = (what: string, name: string, target: string) =>
    refused('broken_reference', `The ${what} ${name} points at ${target}, which is not in the file.`, { what, name, target });
  for (const group of definition.dataGroups) {
    for (const field of group.fields) {
      if (field.type === 'reference' && field.referenceDataGroupId !== null && !groupIds.has(field.referenceDataGroupId)) {
        return broken('field', `${group.name}.${field.name}`, field.referenceDataGroupId);
      }
    }
  }
  for (const page of definition.pages) {
    const containers = new Set(page.controls.filter((control) => ['section', 'tabs', 'groupbox'].includes(control.kind)).map((control) => control.id));
    for (const control of page.controls) {
      const name = `${page.title} / ${control.label || control.id}`;
      if (control.table?.dataGroupId != null && !groupIds.has(control.table.dataGroupId)) return broken('table', name, control.table.dataGroupId);
      if (control.table?.openPageId != null && !pageIds.has(control.table.openPageId)) return broken('table', name, control.table.openPageId);
      if (control.action?.pageId != null && !pageIds.has(control.action.pageId)) return broken('button', name, control.action.pageId);
      if (control.containerId !== null && !containers.has(control.containerId)) return broken('control', name, control.containerId);
    }
  }
  return null;
}

/** The content checks after the envelope: references first (they explain more), then the designer's rules. */
export function checkApplicationContent(application: TransferredApplication): ApplicationFileProblem | null {
  const { definition } = application;
  const structural = parentProblem(definition) ?? referenceProblem(definition);
  if (structural !== null) return structural.problem;
  // A never-published application carries the empty definition: there is nothing to check.
  if (definition.dataGroups.length === 0 && definition.pages.length === 0) return null;
  // Warnings (a field shown nowhere, a page nobody reaches) do not block publishing, so they do not block an import.
  const first = publishBlockers(validateApplicationDefinition(definition))[0];
  if (first === undefined) return null;
  return refused('definition_invalid', `The definition breaks a designer rule at ${first.path}: ${first.code} (${first.message}).`, {
    rule: first.code,
    path: first.path,
    detail: first.message,
  }).problem;
}

/** Envelope and content: what an import accepts. */
export function parseApplicationFile(text: string): ReadApplicationFile {
  const read = readApplicationFile(text);
  if (!read.ok) return read;
  const problem = checkApplicationContent(read.file.application);
  return problem === null ? read : { ok: false, problem };
}

// ---- rights by name ----

/** The transfer's principal helpers work on a configuration's application list; an application file is a list of one. */
const asConfiguration = (application: TransferredApplication) => ({ applications: [application] }) as Pick<PortalConfiguration, 'applications'> as PortalConfiguration;

/** The groups, roles and lists the rights name that the target does not have (after the mapping so far). */
export function missingApplicationPrincipals(application: TransferredApplication, mapping: readonly PrincipalMapping[], available: readonly PrincipalRef[]): PrincipalRef[] {
  return missingPrincipals(asConfiguration(mapApplicationRights(application, mapping)), available);
}

/** Renames rights entries by the mapping (null leaves an entry out; two on one name keep the higher level). */
export function mapApplicationRights(application: TransferredApplication, mapping: readonly PrincipalMapping[]): TransferredApplication {
  return applyPrincipalMapping(asConfiguration(application), mapping).applications[0] ?? application;
}

/** Equal definitions (canonical JSON): an import of an unchanged application publishes nothing. */
export const definitionsEqual = (a: ApplicationDefinition, b: ApplicationDefinition) => canonicalJson(a) === canonicalJson(b);
