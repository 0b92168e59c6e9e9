import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ApplicationDefinition,
  controlsOverlap,
  definitionIssueCodes,
  newControlDefinition,
  publishBlockers,
  severityOf,
  validateApplicationDefinition,
  type ControlDefinition,
} from './application-definition';
import { looseDefinitionInput, validDefinition } from './application-definition.arbitrary';

const roundTrip = (definition: ApplicationDefinition) => {
  const encoded = z.encode(ApplicationDefinition, definition);
  return ApplicationDefinition.parse(JSON.parse(JSON.stringify(encoded)));
};

describe('application definition model (properties)', () => {
  it('a generated valid definition breaks no rule that blocks publishing', () => {
    fc.assert(
      fc.property(validDefinition(), (definition) => {
        expect(publishBlockers(validateApplicationDefinition(definition))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('decode, encode, JSON and decode again give an equal definition', () => {
    fc.assert(
      fc.property(validDefinition(), (definition) => {
        const decoded = ApplicationDefinition.parse(definition);
        expect(decoded).toEqual(definition);
        expect(roundTrip(decoded)).toEqual(decoded);
      }),
      { numRuns: 300 },
    );
  });

  it('validation never throws on any input the schema accepts, and every issue is well formed', () => {
    const codes = new Set<string>(definitionIssueCodes);
    let parsed = 0;
    fc.assert(
      fc.property(looseDefinitionInput(), (input) => {
        const result = ApplicationDefinition.safeParse(input);
        if (!result.success) return;
        parsed += 1;
        const issues = validateApplicationDefinition(result.data);
        for (const issue of issues) {
          expect(codes.has(issue.code)).toBe(true);
          expect(issue.severity).toBe(severityOf(issue.code));
          expect(issue.path).not.toBe('');
        }
        // What the schema accepts also survives the round trip.
        expect(roundTrip(result.data)).toEqual(result.data);
      }),
      { numRuns: 250 },
    );
    // The loose generator must reach the validator, or this property proves nothing.
    expect(parsed).toBeGreaterThan(50);
  });

  it('the linear overlap check reports exactly what comparing every pair reports', () => {
    const control = fc.record({ x: fc.integer({ min: -2, max: 13 }), y: fc.integer({ min: -2, max: 30 }), w: fc.integer({ min: 1, max: 8 }), h: fc.integer({ min: 1, max: 4 }) });
    fc.assert(
      fc.property(fc.array(control, { minLength: 1, maxLength: 40 }), (boxes) => {
        // Inside the grid only: outside it the map clips, and the control is reported as outside anyway.
        const controls: ControlDefinition[] = boxes
          .filter((box) => box.x >= 0 && box.y >= 0 && box.x + box.w <= 12)
          .map((box, c) => newControlDefinition({ id: `c${c}`, kind: 'label', label: `L${c}`, ...box }));
        const definition = { dataGroups: [], pages: [{ id: 'p', title: 'P', dataGroupId: null, controls }] };
        const linear = validateApplicationDefinition(definition)
          .filter((issue) => issue.code === 'controls_overlap')
          .map((issue) => [issue.target.id, issue.params.otherId]);
        const pairwise = controls.flatMap((later, c) => {
          const earlier = controls.slice(0, c).find((candidate) => controlsOverlap(candidate, later));
          return earlier === undefined ? [] : [[later.id, earlier.id]];
        });
        expect(linear).toEqual(pairwise);
      }),
      { numRuns: 300 },
    );
  });
});
