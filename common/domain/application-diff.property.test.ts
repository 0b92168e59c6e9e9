import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ApplicationDefinition } from './application-definition';
import { validDefinition } from './application-definition.arbitrary';
import { diffDefinitions, sameValue, type DefinitionChange } from './application-diff';

type Mutation = (definition: ApplicationDefinition, n: number) => void;

/** Edits an administrator makes between two versions; some of them may change nothing (renaming to the same name). */
const mutations: Mutation[] = [
  (d, n) => {
    const group = d.dataGroups[n % d.dataGroups.length]!;
    group.name = n % 2 === 0 ? group.name : `${group.name} neu`;
  },
  (d, n) => {
    const field = d.dataGroups[n % d.dataGroups.length]!.fields[0];
    if (field) field.required = !field.required;
  },
  (d, n) => {
    const group = d.dataGroups[n % d.dataGroups.length]!;
    group.fields.splice(n % Math.max(1, group.fields.length), 1);
  },
  (d, n) => {
    d.dataGroups[n % d.dataGroups.length]!.fields.push({ ...d.dataGroups[0]!.fields[0]!, id: `new_${n}`, name: 'Neu' });
  },
  (d, n) => {
    const page = d.pages[n % d.pages.length]!;
    const control = page.controls[n % Math.max(1, page.controls.length)];
    if (control) control.y += 1 + (n % 3);
  },
  (d, n) => {
    const page = d.pages[n % d.pages.length]!;
    page.controls.splice(n % Math.max(1, page.controls.length), 1);
  },
  (d) => d.pages.reverse(),
  (d, n) => {
    d.pages.push({ id: `p_new_${n}`, title: 'Neu', dataGroupId: null, controls: [] });
  },
  (d, n) => {
    const control = d.pages.flatMap((page) => page.controls).find((candidate) => candidate.table !== null);
    if (control?.table) control.table.columns = control.table.columns.slice(0, 1 + (n % 2));
  },
  (d, n) => {
    const control = d.pages.flatMap((page) => page.controls).find((candidate) => candidate.action !== null);
    if (control?.action) control.action = { ...control.action, confirm: n % 2 === 0 };
  },
];

const edited = (base: ApplicationDefinition, steps: Array<[number, number]>) => {
  const copy = structuredClone(base);
  for (const [which, n] of steps) mutations[which % mutations.length]!(copy, n);
  return copy;
};

const pair = validDefinition().chain((a) =>
  fc.oneof(
    fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }).map((steps) => [a, edited(a, steps)] as const),
    validDefinition().map((b) => [a, b] as const),
  ),
);

const keyOf = (change: DefinitionChange) => `${change.entity}:${change.id}`;
const keys = (changes: readonly DefinitionChange[], kind: DefinitionChange['change']) => changes.filter((change) => change.change === kind).map(keyOf).sort();

describe('diffDefinitions (properties)', () => {
  it('a definition has no changes against itself or its copy', () => {
    fc.assert(
      fc.property(validDefinition(), (a) => {
        expect(diffDefinitions(a, a).changes).toEqual([]);
        expect(diffDefinitions(a, structuredClone(a)).summary.total).toBe(0);
      }),
      { numRuns: 150 },
    );
  });

  it('the diff is empty exactly when the two versions are equal', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        expect(diffDefinitions(a, b).changes.length === 0).toBe(sameValue(a, b));
      }),
      { numRuns: 300 },
    );
  });

  it('swapping the versions swaps added and removed and keeps the changed ones', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const forward = diffDefinitions(a, b).changes;
        const backward = diffDefinitions(b, a).changes;
        expect(keys(backward, 'added')).toEqual(keys(forward, 'removed'));
        expect(keys(backward, 'removed')).toEqual(keys(forward, 'added'));
        expect(keys(backward, 'changed')).toEqual(keys(forward, 'changed'));
        // Each changed property swaps its before and after.
        for (const change of forward.filter((candidate) => candidate.change === 'changed')) {
          const mirrored = backward.find((candidate) => keyOf(candidate) === keyOf(change))!;
          expect(mirrored.properties.map(({ property, before, after }) => ({ property, before: after, after: before }))).toEqual(change.properties);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the summary counts the listed changes', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const { changes, summary } = diffDefinitions(a, b);
        expect(summary.total).toBe(changes.length);
        for (const change of changes) expect(summary[change.entity][change.change]).toBeGreaterThan(0);
        const counted = (['dataGroup', 'field', 'page', 'control'] as const).reduce((sum, entity) => sum + summary[entity].added + summary[entity].removed + summary[entity].changed, 0);
        expect(counted).toBe(changes.length);
      }),
      { numRuns: 150 },
    );
  });
});
