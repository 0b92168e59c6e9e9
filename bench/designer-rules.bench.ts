import {
  controlsOverlap,
  newControlDefinition,
  newDataGroupDefinition,
  newFieldDefinition,
  validateApplicationDefinition,
  type ApplicationDefinition,
  type ControlDefinition,
  type PageDefinition,
} from '../common/domain/application-definition';
import { diffDefinitions } from '../common/domain/application-diff';
import { summarise } from './stats';

// Issue 10: the designer validates the whole draft after every edit. The largest definition the schema
// admits (100 data groups, 100 pages x 500 controls), the overlap check of one page of 500 controls
// against the pairwise check it replaced, and the version diff of two such definitions.

const GROUPS = 100;
const FIELDS = 10;
const PAGES = 100;
const CONTROLS = 500;

type Layout = 'apart' | 'crowded';

/** 'apart': six controls of two columns per row, nothing overlaps (the pairwise check's worst case). 'crowded': most overlap. */
function page(p: number, layout: Layout): PageDefinition {
  const controls = Array.from({ length: CONTROLS }, (_, c) =>
    newControlDefinition({
      id: `p${p}c${c}`,
      kind: 'textfield',
      label: `Feld ${c}`,
      fieldId: `f${p % GROUPS}_${c % FIELDS}`,
      x: layout === 'apart' ? (c % 6) * 2 : c % 11,
      y: layout === 'apart' ? Math.floor(c / 6) : Math.floor(c / 30),
      w: 2,
    }),
  );
  // Each page leads to the next, so no page is unreachable.
  controls.push(newControlDefinition({ id: `p${p}next`, kind: 'button', label: 'Weiter', x: 0, y: 190, w: 3, action: { type: 'goToPage', pageId: `p${(p + 1) % PAGES}`, confirm: true } }));
  return { id: `p${p}`, title: `Seite ${p}`, dataGroupId: `dg${p % GROUPS}`, controls: controls.slice(-CONTROLS) };
}

function definition(layout: Layout): ApplicationDefinition {
  return {
    dataGroups: Array.from({ length: GROUPS }, (_, g) =>
      newDataGroupDefinition({
        id: `dg${g}`,
        name: `Gruppe ${g}`,
        tableName: `t_${g}`,
        fields: Array.from({ length: FIELDS }, (_, f) => newFieldDefinition({ id: `f${g}_${f}`, name: `Feld ${f}`, type: 'text' })),
      }),
    ),
    pages: Array.from({ length: PAGES }, (_, p) => page(p, layout)),
  };
}

/** The check before the occupancy map: every control against every earlier one. */
function pairwiseOverlaps(controls: readonly ControlDefinition[]): number {
  let found = 0;
  controls.forEach((control, c) => {
    if (controls.slice(0, c).some((earlier) => controlsOverlap(earlier, control))) found += 1;
  });
  return found;
}

function sample(runs: number, fn: () => unknown): number[] {
  fn();
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

export async function benchDesignerRules(): Promise<void> {
  for (const layout of ['apart', 'crowded'] as const) {
    const big = definition(layout);
    const issues = validateApplicationDefinition(big);
    console.log(`\n${GROUPS} data groups x ${FIELDS} fields, ${PAGES} pages x ${CONTROLS} controls, controls ${layout}: ${issues.length} issues`);
    summarise('validate the whole definition', sample(15, () => validateApplicationDefinition(big)));
    const one = big.pages[0]!;
    const alone: ApplicationDefinition = { dataGroups: [], pages: [{ ...one, dataGroupId: null, controls: one.controls.map((control) => ({ ...control, kind: 'label', fieldId: null })) }] };
    const pairwise = summarise('one page of 500: pairwise overlap check alone (before)', sample(101, () => pairwiseOverlaps(alone.pages[0]!.controls)));
    const linear = summarise('one page of 500: every rule incl. the occupancy map (after)', sample(101, () => validateApplicationDefinition(alone)));
    console.log(`ratio before/after (p50): ${(pairwise.p50 / linear.p50).toFixed(1)}x`);
  }
  const before = definition('apart');
  const after = structuredClone(before);
  after.pages.forEach((candidate, p) => candidate.controls.forEach((control, c) => (control.y += (p + c) % 7 === 0 ? 1 : 0)));
  const diff = diffDefinitions(before, after);
  console.log(`\nversion diff of two definitions of ${PAGES * CONTROLS} controls: ${diff.summary.total} changes`);
  summarise('diffDefinitions', sample(9, () => diffDefinitions(before, after)));
}
