import { z } from 'zod';
import { accessLevels, compareLevels, type AccessLevel } from './access';
import { ApplicationDefinition } from './application-definition';
import { LayoutContent } from './layout-rules';
import { sha256Hex } from './portal-configuration-sha256';
import { ReleaseTrack } from '../portal-api/common';
import { FunctionPermission, portalFunctions } from '../portal-api/rights';
import { SecurityPolicy } from '../portal-api/security-policy';

/**
 * A portal's configuration as one file: security policy, function permissions, update settings, layouts,
 * applications (published definition and rights by group/role/distribution list NAME) and the org
 * structure (by path). What is not configuration stays behind: users, memberships, org placements,
 * rights entries of single users, definition history, deferrals, tickets, audit.
 *
 * The file is canonical JSON (keys sorted) with a SHA-256 over the canonical form of everything but the
 * checksum itself: a damaged or altered file is refused, a file of a newer schema is refused before its
 * content is read, and neither changes anything.
 */

export const CONFIGURATION_FORMAT = 'portal-console/configuration';
export const CONFIGURATION_SCHEMA_VERSION = 1;

export const configurationSections = ['securityPolicy', 'functionPermissions', 'updates', 'layouts', 'applications', 'orgUnits'] as const;
export const ConfigurationSection = z.enum(configurationSections);
export type ConfigurationSection = z.infer<typeof ConfigurationSection>;

export const TransferPrincipalKind = z.enum(['group', 'role', 'distribution_list']);
export const PrincipalRef = z.object({ kind: TransferPrincipalKind, name: z.string().min(1).max(200) });
export type PrincipalRef = z.infer<typeof PrincipalRef>;

export const ConfiguredRightsEntry = z.object({ principal: PrincipalRef, level: z.enum(accessLevels) });
export type ConfiguredRightsEntry = z.infer<typeof ConfiguredRightsEntry>;

export const ConfiguredApplication = z.object({
  name: z.string().min(1).max(80),
  description: z.string().max(1000),
  /** The published definition; the empty one (no data groups, no pages) when the application was never published. */
  definition: ApplicationDefinition,
  rights: z.object({
    /** "All other members". */
    defaultLevel: z.enum(accessLevels),
    /** In the order the administrator listed them; entries of single users are not carried. */
    entries: z.array(ConfiguredRightsEntry).max(1000),
  }),
});
export type ConfiguredApplication = z.infer<typeof ConfiguredApplication>;

export const ConfiguredLayout = LayoutContent;
export type ConfiguredLayout = z.infer<typeof ConfiguredLayout>;

export const ConfiguredOrgUnit = z.object({
  /** Names from the root down to this unit. */
  path: z.array(z.string().min(1).max(200)).min(1).max(50),
  kind: z.enum(['container', 'org_unit']),
  description: z.string().max(1000),
});
export type ConfiguredOrgUnit = z.infer<typeof ConfiguredOrgUnit>;

export const PortalConfiguration = z.object({
  securityPolicy: SecurityPolicy,
  functionPermissions: z.array(FunctionPermission).max(portalFunctions.length),
  updates: z.object({ track: ReleaseTrack }),
  layouts: z.array(ConfiguredLayout).max(1000),
  applications: z.array(ConfiguredApplication).max(5000),
  orgUnits: z.array(ConfiguredOrgUnit).max(20_000),
});
export type PortalConfiguration = z.infer<typeof PortalConfiguration>;

export const ConfigurationSource = z.object({ portalName: z.string().max(200), portalVersion: z.string().max(50) });
export type ConfigurationSource = z.infer<typeof ConfigurationSource>;

export const ConfigurationFile = z.object({
  format: z.literal(CONFIGURATION_FORMAT),
  schemaVersion: z.literal(CONFIGURATION_SCHEMA_VERSION),
  exportedAt: z.string().max(40),
  source: ConfigurationSource,
  /** `sha256:` and the hex SHA-256 of the canonical JSON of every other field. */
  checksum: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  configuration: PortalConfiguration,
});
export type ConfigurationFile = z.infer<typeof ConfigurationFile>;

// ---- canonical form ----

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, inner]) => inner !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, inner]) => [key, sortedKeys(inner)]));
}

/** JSON with object keys in code-unit order: equal values give equal text. */
export function canonicalJson(value: unknown, indent?: number): string {
  return JSON.stringify(sortedKeys(value), null, indent);
}

const nameKey = (name: string) => name.toLowerCase();
export const orgPathKey = (path: readonly string[]) => path.map(nameKey).join('/');

function comparePaths(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const left = nameKey(a[i] as string);
    const right = nameKey(b[i] as string);
    if (left !== right) return left < right ? -1 : 1;
  }
  return a.length - b.length;
}

const byName = <T extends { name: string }>(a: T, b: T) => (nameKey(a.name) < nameKey(b.name) ? -1 : nameKey(a.name) > nameKey(b.name) ? 1 : 0);

/** The one order everything is kept in: functions in portal order, named things by name, units parents first. */
export function normalizeConfiguration(configuration: PortalConfiguration): PortalConfiguration {
  const functions = new Map(configuration.functionPermissions.map((permission) => [permission.function, permission]));
  return {
    securityPolicy: configuration.securityPolicy,
    functionPermissions: portalFunctions.flatMap((key) => {
      const permission = functions.get(key);
      return permission ? [permission] : [];
    }),
    updates: configuration.updates,
    layouts: [...configuration.layouts].sort(byName),
    applications: [...configuration.applications].sort(byName),
    orgUnits: [...configuration.orgUnits].sort((a, b) => comparePaths(a.path, b.path)),
  };
}

export function configurationsEqual(a: PortalConfiguration, b: PortalConfiguration): boolean {
  return canonicalJson(normalizeConfiguration(a)) === canonicalJson(normalizeConfiguration(b));
}

/** A fingerprint of a configuration: the preview's ETag, so an apply against a portal changed since is refused. */
export function configurationFingerprint(configuration: PortalConfiguration): string {
  return sha256Hex(canonicalJson(normalizeConfiguration(configuration)));
}

// ---- the file ----

function checksumOf(body: Omit<ConfigurationFile, 'checksum'> | Record<string, unknown>): string {
  return `sha256:${sha256Hex(canonicalJson(body))}`;
}

export function buildConfigurationFile(input: { exportedAt: string; source: ConfigurationSource; configuration: PortalConfiguration }): ConfigurationFile {
  const body = {
    format: CONFIGURATION_FORMAT,
    schemaVersion: CONFIGURATION_SCHEMA_VERSION,
    exportedAt: input.exportedAt,
    source: input.source,
    configuration: normalizeConfiguration(input.configuration),
  } as const;
  return { ...body, checksum: checksumOf(body) };
}

/** The file's text: canonical JSON, two-space indent, one trailing newline. */
export function serializeConfigurationFile(file: ConfigurationFile): string {
  return `${canonicalJson(file, 2)}\n`;
}

export const configurationFileProblemCodes = ['not_json', 'not_a_configuration', 'newer_schema', 'checksum_mismatch', 'invalid_content'] as const;
export type ConfigurationFileProblemCode = (typeof configurationFileProblemCodes)[number];

export interface ConfigurationFileProblem {
  code: ConfigurationFileProblemCode;
  message: string;
  params: Record<string, string | number>;
}

export type ParsedConfigurationFile = { ok: true; file: ConfigurationFile } | { ok: false; problem: ConfigurationFileProblem };

const refused = (code: ConfigurationFileProblemCode, message: string, params: Record<string, string | number> = {}): ParsedConfigurationFile => ({
  ok: false,
  problem: { code, message, params },
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Reads a configuration file: JSON, the format marker, the schema version (a newer one is refused before
 * its content is looked at), the checksum over the content as found, then the content's shape.
 */
export function parseConfigurationFile(text: string): ParsedConfigurationFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return refused('not_json', 'The file is damaged: it is not complete JSON.');
  }
  if (!isRecord(json) || json.format !== CONFIGURATION_FORMAT) {
    return refused('not_a_configuration', 'This is not a portal configuration file.');
  }
  const schema = json.schemaVersion;
  if (typeof schema !== 'number' || !Number.isInteger(schema) || schema < 1) {
    return refused('not_a_configuration', 'The file names no valid schema version.');
  }
  if (schema > CONFIGURATION_SCHEMA_VERSION) {
    return refused(
      'newer_schema',
      `The file was made by a newer console/portal: schema ${schema}, this supports ${CONFIGURATION_SCHEMA_VERSION}.`,
      { schema, supported: CONFIGURATION_SCHEMA_VERSION },
    );
  }
  const { checksum, ...body } = json;
  if (typeof checksum !== 'string' || checksum !== checksumOf(body)) {
    return refused('checksum_mismatch', 'The file is damaged or was altered after export: its checksum does not match its content.');
  }
  const parsed = ConfigurationFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') ?? '';
    return refused('invalid_content', `The file's content is not valid at ${path || 'the top level'}: ${issue?.message ?? 'unknown'}.`, { path });
  }
  return { ok: true, file: parsed.data };
}

// ---- group names ----

const refKey = (ref: PrincipalRef) => `${ref.kind}:${nameKey(ref.name)}`;

/** Every group, role and distribution list the applications' rights name, once each, in name order. */
export function referencedPrincipals(configuration: PortalConfiguration): PrincipalRef[] {
  const found = new Map<string, PrincipalRef>();
  for (const application of configuration.applications) {
    for (const entry of application.rights.entries) found.set(refKey(entry.principal), entry.principal);
  }
  return [...found.values()].sort((a, b) => (refKey(a) < refKey(b) ? -1 : refKey(a) > refKey(b) ? 1 : 0));
}

/** The names the target portal does not have (kind and name, case-insensitive). */
export function missingPrincipals(configuration: PortalConfiguration, available: readonly PrincipalRef[]): PrincipalRef[] {
  const known = new Set(available.map(refKey));
  return referencedPrincipals(configuration).filter((ref) => !known.has(refKey(ref)));
}

export const PrincipalMapping = z.object({
  from: PrincipalRef,
  /** The target's group/role/list that receives these rights; null leaves the entries out. */
  to: PrincipalRef.nullable(),
});
export type PrincipalMapping = z.infer<typeof PrincipalMapping>;

/**
 * Renames rights entries by the administrator's mapping; an entry mapped to null is left out. Two entries
 * that land on one principal keep the higher level (nobody loses access the file gave either name).
 */
export function applyPrincipalMapping(configuration: PortalConfiguration, mapping: readonly PrincipalMapping[]): PortalConfiguration {
  if (mapping.length === 0) return configuration;
  const targets = new Map(mapping.map((item) => [refKey(item.from), item.to]));
  const applications = configuration.applications.map((application) => {
    const entries: ConfiguredRightsEntry[] = [];
    for (const entry of application.rights.entries) {
      const target = targets.has(refKey(entry.principal)) ? targets.get(refKey(entry.principal)) : entry.principal;
      if (target === null || target === undefined) continue;
      const existing = entries.findIndex((kept) => refKey(kept.principal) === refKey(target));
      if (existing === -1) entries.push({ principal: target, level: entry.level });
      else if (compareLevels(entry.level, (entries[existing] as ConfiguredRightsEntry).level) > 0) {
        entries[existing] = { principal: (entries[existing] as ConfiguredRightsEntry).principal, level: entry.level as AccessLevel };
      }
    }
    return { ...application, rights: { ...application.rights, entries } };
  });
  return { ...configuration, applications };
}

// ---- differences ----

export const ChangeKind = z.enum(['created', 'changed', 'removed']);
export type ChangeKind = z.infer<typeof ChangeKind>;

export const ConfigurationChange = z.object({
  section: ConfigurationSection,
  /** Stable within the section: lower-case name, function key or org path. */
  key: z.string(),
  /** What a person reads: the name, function or path as written. */
  label: z.string(),
  kind: ChangeKind,
  /** Top-level fields that differ (dotted paths for the security policy); empty for created and removed. */
  fields: z.array(z.string()),
  before: z.unknown(),
  after: z.unknown(),
});
export type ConfigurationChange = z.infer<typeof ConfigurationChange>;

export const SectionDiff = z.object({ section: ConfigurationSection, changes: z.array(ConfigurationChange) });
export type SectionDiff = z.infer<typeof SectionDiff>;

function differingPaths(before: unknown, after: unknown, prefix = ''): string[] {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => differingPaths(before[key], after[key], prefix === '' ? key : `${prefix}.${key}`));
  }
  return canonicalJson(before) === canonicalJson(after) ? [] : [prefix];
}

function topLevelDifferences(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.filter((key) => canonicalJson(before[key]) !== canonicalJson(after[key]));
}

function keyedDiff<T extends object>(
  section: ConfigurationSection,
  current: readonly T[],
  incoming: readonly T[],
  keyOf: (item: T) => string,
  labelOf: (item: T) => string,
): ConfigurationChange[] {
  const before = new Map(current.map((item) => [keyOf(item), item]));
  const after = new Map(incoming.map((item) => [keyOf(item), item]));
  const changes: ConfigurationChange[] = [];
  for (const [key, item] of after) {
    const old = before.get(key);
    if (old === undefined) changes.push({ section, key, label: labelOf(item), kind: 'created', fields: [], before: null, after: item });
    else {
      const fields = topLevelDifferences(old as Record<string, unknown>, item as Record<string, unknown>);
      if (fields.length > 0) changes.push({ section, key, label: labelOf(item), kind: 'changed', fields, before: old, after: item });
    }
  }
  for (const [key, item] of before) {
    if (!after.has(key)) changes.push({ section, key, label: labelOf(item), kind: 'removed', fields: [], before: item, after: null });
  }
  return changes;
}

/** Every difference between the target's configuration and the incoming one, by section (every section listed). */
export function diffConfigurations(currentInput: PortalConfiguration, incomingInput: PortalConfiguration): SectionDiff[] {
  const current = normalizeConfiguration(currentInput);
  const incoming = normalizeConfiguration(incomingInput);
  const policyFields = differingPaths(current.securityPolicy, incoming.securityPolicy);
  const trackChanged = current.updates.track !== incoming.updates.track;
  return [
    {
      section: 'securityPolicy',
      changes:
        policyFields.length === 0
          ? []
          : [{ section: 'securityPolicy', key: 'securityPolicy', label: 'securityPolicy', kind: 'changed', fields: policyFields, before: current.securityPolicy, after: incoming.securityPolicy }],
    },
    {
      section: 'functionPermissions',
      changes: keyedDiff('functionPermissions', current.functionPermissions, incoming.functionPermissions, (p) => p.function, (p) => p.function),
    },
    {
      section: 'updates',
      changes: trackChanged
        ? [{ section: 'updates', key: 'track', label: 'track', kind: 'changed', fields: ['track'], before: current.updates, after: incoming.updates }]
        : [],
    },
    { section: 'layouts', changes: keyedDiff('layouts', current.layouts, incoming.layouts, (l) => nameKey(l.name), (l) => l.name) },
    {
      section: 'applications',
      changes: keyedDiff('applications', current.applications, incoming.applications, (a) => nameKey(a.name), (a) => a.name),
    },
    {
      section: 'orgUnits',
      changes: keyedDiff('orgUnits', current.orgUnits, incoming.orgUnits, (u) => orgPathKey(u.path), (u) => u.path.join(' / ')),
    },
  ];
}

export const ChangeSelector = z.object({ section: ConfigurationSection, key: z.string().max(2000) });
export type ChangeSelector = z.infer<typeof ChangeSelector>;

export const selectorKey = (change: ChangeSelector) => `${change.section}\u0000${change.key}`;

/** The changes an administrator ticked (unknown selectors are ignored: they name nothing in this diff). */
export function selectChanges(diff: readonly SectionDiff[], selection: readonly ChangeSelector[]): ConfigurationChange[] {
  const chosen = new Set(selection.map(selectorKey));
  return diff.flatMap((section) => section.changes.filter((change) => chosen.has(selectorKey(change))));
}

function applyKeyed<T>(items: readonly T[], keyOf: (item: T) => string, changes: readonly ConfigurationChange[]): T[] {
  const byKey = new Map(items.map((item) => [keyOf(item), item]));
  for (const change of changes) {
    if (change.kind === 'removed') byKey.delete(change.key);
    else byKey.set(change.key, change.after as T);
  }
  return [...byKey.values()];
}

/** The configuration the target has after the chosen changes: the apply plan's result, computed without a database. */
export function applyChanges(currentInput: PortalConfiguration, changes: readonly ConfigurationChange[]): PortalConfiguration {
  const current = normalizeConfiguration(currentInput);
  const of = (section: ConfigurationSection) => changes.filter((change) => change.section === section);
  const policy = of('securityPolicy')[0];
  const track = of('updates')[0];
  return normalizeConfiguration({
    securityPolicy: policy ? (policy.after as PortalConfiguration['securityPolicy']) : current.securityPolicy,
    functionPermissions: applyKeyed(current.functionPermissions, (p) => p.function, of('functionPermissions')),
    updates: track ? (track.after as PortalConfiguration['updates']) : current.updates,
    layouts: applyKeyed(current.layouts, (l) => nameKey(l.name), of('layouts')),
    applications: applyKeyed(current.applications, (a) => nameKey(a.name), of('applications')),
    orgUnits: applyKeyed(current.orgUnits, (u) => orgPathKey(u.path), of('orgUnits')),
  });
}

export const PlanIssue = z.object({
  code: z.enum(['parent_not_chosen', 'children_not_chosen']),
  section: ConfigurationSection,
  key: z.string(),
  label: z.string(),
  message: z.string(),
});
export type PlanIssue = z.infer<typeof PlanIssue>;

/**
 * What makes a choice impossible to apply: an org unit created without its parent, or a unit removed
 * while a unit below it stays.
 */
export function planIssues(current: PortalConfiguration, changes: readonly ConfigurationChange[]): PlanIssue[] {
  const result = applyChanges(current, changes);
  const present = new Set(result.orgUnits.map((unit) => orgPathKey(unit.path)));
  const issues: PlanIssue[] = [];
  const removed = new Set(changes.filter((c) => c.section === 'orgUnits' && c.kind === 'removed').map((c) => c.key));
  for (const unit of result.orgUnits) {
    if (unit.path.length === 1) continue;
    const parent = unit.path.slice(0, -1);
    if (present.has(orgPathKey(parent))) continue;
    const label = unit.path.join(' / ');
    const parentKey = orgPathKey(parent);
    issues.push(
      removed.has(parentKey)
        ? { code: 'children_not_chosen', section: 'orgUnits', key: parentKey, label: parent.join(' / '), message: `${parent.join(' / ')} cannot be removed while ${label} stays.` }
        : { code: 'parent_not_chosen', section: 'orgUnits', key: orgPathKey(unit.path), label, message: `${label} needs ${parent.join(' / ')}, which is not chosen.` },
    );
  }
  return issues;
}

export const ContentIssue = z.object({ section: ConfigurationSection, key: z.string(), label: z.string(), path: z.string(), message: z.string() });
export type ContentIssue = z.infer<typeof ContentIssue>;

export function countChanges(diff: readonly SectionDiff[]): number {
  return diff.reduce((sum, section) => sum + section.changes.length, 0);
}
