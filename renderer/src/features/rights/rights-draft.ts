import type { AccessLevel } from '../../../../common/domain/access';
import type {
  ApplicationRightsDoc,
  EffectiveRight,
  EffectiveRights,
  FunctionPermission,
  PrincipalRef,
  RightsEntryView,
} from '../../../../common/portal-api/rights';

/** What the administrator is editing on an application's rights before saving. */
export interface RightsDraft {
  defaultLevel: AccessLevel;
  entries: RightsEntryView[];
}

export function draftOf(doc: Pick<ApplicationRightsDoc, 'defaultLevel' | 'entries'>): RightsDraft {
  return { defaultLevel: doc.defaultLevel, entries: doc.entries.map((entry) => ({ ...entry })) };
}

/** Adds an entry, or changes the level of the principal's existing one (one entry per principal). */
export function withEntry(draft: RightsDraft, principal: PrincipalRef, level: AccessLevel): RightsDraft {
  const exists = draft.entries.some((entry) => entry.principal.id === principal.id);
  const entries = exists
    ? draft.entries.map((entry) => (entry.principal.id === principal.id ? { ...entry, level } : entry))
    : [...draft.entries, { principal, level }];
  return { ...draft, entries };
}

export function withoutEntry(draft: RightsDraft, principalId: string): RightsDraft {
  return { ...draft, entries: draft.entries.filter((entry) => entry.principal.id !== principalId) };
}

export function withDefault(draft: RightsDraft, defaultLevel: AccessLevel): RightsDraft {
  return { ...draft, defaultLevel };
}

export function isDirty(draft: RightsDraft, doc: Pick<ApplicationRightsDoc, 'defaultLevel' | 'entries'>): boolean {
  if (draft.defaultLevel !== doc.defaultLevel || draft.entries.length !== doc.entries.length) return true;
  return draft.entries.some((entry, index) => {
    const saved = doc.entries[index];
    return saved === undefined || saved.principal.id !== entry.principal.id || saved.level !== entry.level;
  });
}

export function toSaveRequest(applicationId: string, ifMatch: string, draft: RightsDraft) {
  return {
    applicationId,
    ifMatch,
    defaultLevel: draft.defaultLevel,
    entries: draft.entries.map((entry) => ({ principalId: entry.principal.id, level: entry.level })),
  };
}

export interface Labels {
  level(level: AccessLevel): string;
  kind(kind: PrincipalRef['kind']): string;
  defaultLevel: string;
  entries: string;
}

/** Rights in the shape the conflict dialog compares field by field: one row per principal, named. */
export function rightsForComparison(rights: Pick<ApplicationRightsDoc, 'defaultLevel' | 'entries'>, labels: Labels): Record<string, unknown> {
  const entries = Object.fromEntries(
    rights.entries.map((entry) => [`${entry.principal.name} (${labels.kind(entry.principal.kind)})`, labels.level(entry.level)]),
  );
  return { [labels.defaultLevel]: labels.level(rights.defaultLevel), [labels.entries]: entries };
}

/** Function permissions keyed by function for the conflict dialog. */
export function functionsForComparison(functions: readonly FunctionPermission[], label: (f: FunctionPermission) => Record<string, string>) {
  return Object.fromEntries(functions.map((f) => [f.function, label(f)]));
}

export function withFunction(functions: readonly FunctionPermission[], changed: FunctionPermission): FunctionPermission[] {
  return functions.map((f) => (f.function === changed.function ? changed : f));
}

export function functionsDirty(draft: readonly FunctionPermission[], saved: readonly FunctionPermission[]): boolean {
  return draft.some((f, index) => {
    const other = saved[index];
    return other === undefined || other.function !== f.function || other.members !== f.members || other.guests !== f.guests;
  });
}

export interface ComparisonRow {
  applicationId: string;
  applicationName: string;
  a: EffectiveRight | null;
  b: EffectiveRight | null;
  differs: boolean;
}

/** One row per application of either side; a row differs when the effective levels differ. */
export function compareEffective(a: EffectiveRights, b: EffectiveRights): ComparisonRow[] {
  const byIdB = new Map(b.applications.map((right) => [right.applicationId, right]));
  const rows: ComparisonRow[] = a.applications.map((right) => {
    const other = byIdB.get(right.applicationId) ?? null;
    return { applicationId: right.applicationId, applicationName: right.applicationName, a: right, b: other, differs: other?.level !== right.level };
  });
  const seen = new Set(a.applications.map((right) => right.applicationId));
  for (const right of b.applications) {
    if (!seen.has(right.applicationId)) rows.push({ applicationId: right.applicationId, applicationName: right.applicationName, a: null, b: right, differs: true });
  }
  return rows;
}
