import { z } from 'zod';
import {
  canonicalJson,
  ConfigurationSection,
  diffConfigurations,
  normalizeConfiguration,
  type ConfigurationChange,
  type PortalConfiguration,
} from './portal-configuration';

// Compare two portals side by side (issue 11): "here" is the portal of the window the administrator works
// in, "there" the other one. The differences come from the configuration transfer's diff, read the other
// way round: created = only there, removed = only here.

/** Values longer than this are cut in the comparison view (the configuration file holds them whole). */
export const SHOWN_VALUE_MAX = 160;

export const ComparedField = z.object({ field: z.string(), here: z.string(), there: z.string() });
export type ComparedField = z.infer<typeof ComparedField>;

export const ComparedItem = z.object({
  key: z.string(),
  label: z.string(),
  presence: z.enum(['both', 'onlyHere', 'onlyThere']),
  /** The fields that differ, with both values; empty for an item only one portal has. */
  fields: z.array(ComparedField),
});
export type ComparedItem = z.infer<typeof ComparedItem>;

export const ComparedSection = z.object({
  section: ConfigurationSection,
  /** Items both portals have alike. */
  same: z.number().int().min(0),
  differences: z.array(ComparedItem),
});
export type ComparedSection = z.infer<typeof ComparedSection>;

export const ApplicationVersions = z.object({
  name: z.string(),
  /** Published version; null where the portal has no application of that name (0: never published). */
  here: z.number().int().min(0).nullable(),
  there: z.number().int().min(0).nullable(),
});
export type ApplicationVersions = z.infer<typeof ApplicationVersions>;

/** A value as one short line: text as it is, anything else as compact JSON, cut at SHOWN_VALUE_MAX. */
export function shownValue(value: unknown): string {
  const text = value === undefined ? '–' : typeof value === 'string' ? value : canonicalJson(value);
  return text.length > SHOWN_VALUE_MAX ? `${text.slice(0, SHOWN_VALUE_MAX - 1)}…` : text;
}

function valueAt(root: unknown, dottedPath: string): unknown {
  let value = root;
  for (const part of dottedPath.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function comparedItem(change: ConfigurationChange): ComparedItem {
  if (change.kind === 'created') return { key: change.key, label: change.label, presence: 'onlyThere', fields: [] };
  if (change.kind === 'removed') return { key: change.key, label: change.label, presence: 'onlyHere', fields: [] };
  const fields = change.fields.map((field) => ({ field, here: shownValue(valueAt(change.before, field)), there: shownValue(valueAt(change.after, field)) }));
  return { key: change.key, label: change.label, presence: 'both', fields };
}

function itemCount(configuration: PortalConfiguration, section: ConfigurationSection): number {
  if (section === 'securityPolicy' || section === 'updates') return 1;
  return configuration[section].length;
}

/** Every section: how many items are alike, and each difference with both values. */
export function comparePortalConfigurations(hereInput: PortalConfiguration, thereInput: PortalConfiguration): ComparedSection[] {
  const here = normalizeConfiguration(hereInput);
  return diffConfigurations(here, thereInput).map(({ section, changes }) => {
    const differences = changes.map(comparedItem);
    const differingHere = differences.filter((item) => item.presence !== 'onlyThere').length;
    return { section, same: itemCount(here, section) - differingHere, differences };
  });
}

/** Published versions of the applications of both portals, matched by name (case-insensitive), in name order. */
export function compareApplicationVersions(
  here: readonly { name: string; publishedVersion: number }[],
  there: readonly { name: string; publishedVersion: number }[],
): ApplicationVersions[] {
  const rows = new Map<string, ApplicationVersions>();
  const row = (name: string) => {
    const key = name.trim().toLowerCase();
    const existing = rows.get(key) ?? { name, here: null, there: null };
    rows.set(key, existing);
    return existing;
  };
  for (const application of here) row(application.name).here = application.publishedVersion;
  for (const application of there) row(application.name).there = application.publishedVersion;
  return [...rows.values()].sort((a, b) => a.name.localeCompare(b.name, 'de'));
}
