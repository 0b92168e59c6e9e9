import fc from 'fast-check';
import {
  compatibleFieldTypes,
  controlKinds,
  fieldTypes,
  newControlDefinition,
  newDataGroupDefinition,
  newFieldDefinition,
  systemFields,
  type ApplicationDefinition,
  type ControlDefinition,
  type ControlKind,
  type DataGroupDefinition,
  type FieldDefinition,
  type FieldType,
} from './application-definition';

/**
 * fast-check generators of application definitions for property tests (definition model, diff, export and
 * import): `validDefinition` breaks no rule that blocks publishing; `looseDefinitionInput` is any shape
 * the schema might be handed, valid or not.
 */

const isoDay = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true });

/** A field of `type` whose constraints and default fit each other. */
function fieldOf(id: string, name: string, type: FieldType, groupIds: readonly string[]): fc.Arbitrary<FieldDefinition> {
  const base = fc.record({ required: fc.boolean(), unique: type === 'boolean' || type === 'file' ? fc.constant(false) : fc.boolean() });
  const make = (rest: Partial<FieldDefinition>) => base.map((flags) => newFieldDefinition({ id, name, type, ...flags, ...rest }));
  switch (type) {
    case 'text':
    case 'longText':
      return fc
        .record({ min: fc.integer({ min: 0, max: 5 }), span: fc.integer({ min: 1, max: 200 }), bounded: fc.boolean(), pattern: fc.constantFrom(null, '[a-z]*', '.*'), withDefault: fc.boolean() })
        .chain(({ min, span, bounded, pattern, withDefault }) =>
          make({
            minLength: bounded ? min : null,
            maxLength: bounded ? min + span : null,
            pattern,
            defaultValue: withDefault ? 'a'.repeat(bounded ? min + 1 : 3) : null,
          }),
        );
    case 'email':
      return fc.constantFrom(null, 'anna@example.org').chain((defaultValue) => make({ defaultValue }));
    case 'url':
      return fc.constantFrom(null, 'https://example.org/x?y=1').chain((defaultValue) => make({ defaultValue }));
    case 'integer':
      return fc
        .record({ min: fc.integer({ min: -1000, max: 1000 }), span: fc.integer({ min: 0, max: 1000 }), bounded: fc.boolean(), at: fc.double({ min: 0, max: 1, noNaN: true }), withDefault: fc.boolean() })
        .chain(({ min, span, bounded, at, withDefault }) =>
          make({ min: bounded ? min : null, max: bounded ? min + span : null, precision: null, defaultValue: withDefault ? String(min + Math.floor(at * span)) : null }),
        );
    case 'decimal':
      return fc
        .record({ precision: fc.integer({ min: 0, max: 10 }), min: fc.integer({ min: -1000, max: 1000 }), bounded: fc.boolean(), withDefault: fc.boolean() })
        .chain(({ precision, min, bounded, withDefault }) =>
          make({ precision, min: bounded ? min : null, max: bounded ? min + 1 : null, defaultValue: withDefault ? (precision === 0 ? String(min) : `${min}.${'5'.padEnd(precision, '0')}`).replace('-0.', '-0.') : null }),
        )
        .map((field) => (field.defaultValue !== null && field.min !== null && Number(field.defaultValue) < field.min ? { ...field, defaultValue: String(field.min) } : field));
    case 'boolean':
      return fc.constantFrom(null, 'true', 'false').chain((defaultValue) => make({ defaultValue }));
    case 'date':
      return fc.option(isoDay).chain((day) => make({ defaultValue: day === null ? null : day.toISOString().slice(0, 10) }));
    case 'dateTime':
      return fc.option(isoDay).chain((day) => make({ defaultValue: day === null ? null : day.toISOString() }));
    case 'choice':
      return fc
        .record({ count: fc.integer({ min: 1, max: 4 }), pick: fc.option(fc.nat(3)) })
        .chain(({ count, pick }) => {
          const choices = Array.from({ length: count }, (_, k) => ({ value: `v${k}`, label: `Wert ${k}` }));
          return make({ choices, defaultValue: pick === null ? null : choices[pick % count]!.value });
        });
    case 'file':
      return make({});
    case 'reference':
      return fc.constantFrom(...groupIds).chain((referenceDataGroupId) => make({ referenceDataGroupId }));
  }
}

function dataGroups(count: number): fc.Arbitrary<DataGroupDefinition[]> {
  const groupIds = Array.from({ length: count }, (_, g) => `dg${g}`);
  return fc.tuple(
    ...groupIds.map((id, g) =>
      fc
        .record({
          types: fc.array(fc.constantFrom(...fieldTypes), { minLength: 1, maxLength: 5 }),
          parent: g === 0 ? fc.constant(null) : fc.option(fc.nat(g - 1)),
          onParentDelete: fc.constantFrom('cascade' as const, 'restrict' as const),
        })
        .chain(({ types, parent, onParentDelete }) =>
          fc.tuple(...types.map((type, f) => fieldOf(`f${g}_${f}`, `Feld ${f}`, type, groupIds))).map((fields) =>
            newDataGroupDefinition({ id, name: `Gruppe ${g}`, tableName: `t_${g}`, fields, parentId: parent === null ? null : `dg${parent}`, onParentDelete }),
          ),
        ),
    ),
  );
}

interface PageSkeleton {
  id: string;
  dataGroupId: string | null;
}

/** One control in rows [y, y + h) of the page, fitting the page (its data group, the other pages). */
function controlAt(page: PageSkeleton, pages: readonly PageSkeleton[], groups: readonly DataGroupDefinition[], id: string, y: number): fc.Arbitrary<ControlDefinition[]> {
  const group = groups.find((candidate) => candidate.id === page.dataGroupId);
  const inputKinds = controlKinds.filter((kind) => group?.fields.some((field) => compatibleFieldTypes[kind].includes(field.type)));
  const kinds: ControlKind[] = ['label', 'button', 'link', 'image', 'table', 'tabs', ...inputKinds];
  const place = fc.record({ w: fc.integer({ min: 1, max: 12 }), at: fc.double({ min: 0, max: 1, noNaN: true }) }).map(({ w, at }) => ({ w, x: Math.floor(at * (12 - w + 1)) % (12 - w + 1) }));
  return fc.record({ kind: fc.constantFrom(...kinds), place, label: fc.constantFrom('A', 'Name', 'Übersicht', ''), n: fc.nat(1000) }).map(({ kind, place, label, n }) => {
    const common = { id, kind, label, x: place.x, y, w: place.w };
    if (isInputKind(kind)) {
      const fits = group!.fields.filter((field) => compatibleFieldTypes[kind].includes(field.type));
      return [newControlDefinition({ ...common, fieldId: fits[n % fits.length]!.id })];
    }
    switch (kind) {
      case 'button': {
        const target = pages[n % pages.length]!;
        const picked = group === undefined ? (['cancel', 'goToPage', 'openRecord'] as const)[n % 3]! : (['save', 'delete', 'cancel', 'goToPage', 'openRecord'] as const)[n % 5]!;
        // A record opens only on a page that shows a data group.
        const type = picked === 'openRecord' && target.dataGroupId === null ? 'goToPage' : picked;
        return [newControlDefinition({ ...common, action: { type, pageId: type === 'goToPage' || type === 'openRecord' || n % 2 === 0 ? target.id : null, confirm: n % 3 !== 0 } })];
      }
      case 'link':
      case 'image':
        return [newControlDefinition({ ...common, url: `https://intranet.example/${n}` })];
      case 'table': {
        const shown = groups[n % groups.length]!;
        const columns = [...shown.fields.map((field) => field.id).slice(0, 1 + (n % shown.fields.length)), ...systemFields.slice(0, n % 3).map((system) => system.key)];
        const opener = pages.find((candidate) => candidate.dataGroupId === shown.id && n % 2 === 0);
        return [
          newControlDefinition({
            ...common,
            h: 1 + (n % 6),
            table: {
              dataGroupId: shown.id,
              columns,
              sort: n % 4 === 0 ? { column: columns[0]!, direction: n % 8 === 0 ? 'asc' : 'desc' } : null,
              filter: n % 5 === 0 ? { column: columns[columns.length - 1]!, operator: 'contains', value: 'x' } : null,
              pageSize: 1 + (n % 500),
              openPageId: opener?.id ?? null,
            },
          }),
        ];
      }
      case 'tabs': {
        // A tab set two rows high with a label on each of its tabs (same place: different tabs do not overlap).
        const tabs = ['Eins', 'Zwei', 'Drei'].slice(0, 1 + (n % 3));
        const container = newControlDefinition({ ...common, x: 0, w: 12, h: 2, tabs });
        const children = tabs.map((_, tab) => newControlDefinition({ id: `${id}_t${tab}`, kind: 'label', label: `Reiter ${tab}`, x: 0, y: y + 1, w: 6, containerId: id, tab }));
        return [container, ...children];
      }
      default:
        return [newControlDefinition(common)];
    }
  });
}

function isInputKind(kind: ControlKind): boolean {
  return compatibleFieldTypes[kind].length > 0;
}

/** Rows each control takes, so the next one starts below it. */
const rowsOf = (controls: readonly ControlDefinition[]) => Math.max(...controls.filter((control) => control.containerId === null).map((control) => control.h));

function pageControls(page: PageSkeleton, pages: readonly PageSkeleton[], groups: readonly DataGroupDefinition[], count: number): fc.Arbitrary<ControlDefinition[]> {
  // Each control gets a band of rows of its own; bands are generated in order and stacked.
  return fc.tuple(...Array.from({ length: count }, (_, c) => controlAt(page, pages, groups, `${page.id}_c${c}`, 0))).map((bands) => {
    let y = 0;
    const controls: ControlDefinition[] = [];
    for (const band of bands) {
      const offset = y;
      controls.push(...band.map((control) => ({ ...control, y: control.y + offset })));
      y += rowsOf(band);
    }
    return controls;
  });
}

/** A definition that breaks no rule that blocks publishing (warnings may remain). */
export function validDefinition(options: { maxDataGroups?: number; maxPages?: number; maxControls?: number } = {}): fc.Arbitrary<ApplicationDefinition> {
  const { maxDataGroups = 4, maxPages = 3, maxControls = 6 } = options;
  return fc
    .record({ groupCount: fc.integer({ min: 1, max: maxDataGroups }), pageCount: fc.integer({ min: 1, max: maxPages }) })
    .chain(({ groupCount, pageCount }) =>
      dataGroups(groupCount).chain((groups) =>
        fc
          .array(fc.option(fc.nat(groupCount - 1)), { minLength: pageCount, maxLength: pageCount })
          .chain((pageGroups) => {
            const pages: PageSkeleton[] = pageGroups.map((g, p) => ({ id: `p${p}`, dataGroupId: g === null ? null : `dg${g}` }));
            return fc
              .tuple(...pages.map((page, p) => fc.integer({ min: p === 0 ? 1 : 0, max: maxControls }).chain((count) => pageControls(page, pages, groups, count))))
              .map((controls) => ({
                dataGroups: groups,
                pages: pages.map((page, p) => ({ id: page.id, title: `Seite ${p}`, dataGroupId: page.dataGroupId, controls: controls[p]! })),
              }));
          }),
      ),
    );
}

/**
 * Any input the schema may be handed: ids from a small pool (so references, parents and containers hit,
 * miss and loop), numbers far outside the grid, legacy shapes (plain choices, `number` type, no height).
 */
export function looseDefinitionInput(): fc.Arbitrary<unknown> {
  const id = fc.constantFrom('a', 'b', 'c', 'd', 'p1', 'p2', 'created');
  const nullableId = fc.option(id);
  const text = fc.oneof(fc.constantFrom('', ' ', 'Name', 'owner', 'id', 'a', 'b'), fc.string({ maxLength: 12 }));
  // JSON has no -0: it would come back as 0.
  const anyNumber = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((value) => (value === 0 ? 0 : value));
  const int = fc.oneof(fc.integer({ min: -3, max: 14 }), fc.integer({ min: -1_000_000, max: 1_000_000 }));
  const field = fc.record(
    {
      id,
      name: text,
      type: fc.constantFrom(...fieldTypes, 'number' as const),
      required: fc.boolean(),
      unique: fc.boolean(),
      defaultValue: fc.option(fc.oneof(text, fc.constantFrom('12', '1.5', 'true', '2026-02-29', '2026-12-05T07:30:00Z', 'x@y.z', 'https://a.b', '(', 'v0'))),
      minLength: fc.option(int),
      maxLength: fc.option(int),
      min: fc.option(anyNumber),
      max: fc.option(anyNumber),
      precision: fc.option(int),
      pattern: fc.option(fc.oneof(fc.constantFrom('(', '[a-z]+', '(a+)+$', '\\d{2}', '*'), fc.string({ maxLength: 8 }))),
      choices: fc.array(fc.oneof(text, fc.record({ value: text, label: text })), { maxLength: 4 }),
      referenceDataGroupId: nullableId,
    },
    { requiredKeys: ['id', 'name', 'type', 'required', 'maxLength', 'choices'] },
  );
  const group = fc.record(
    { id, name: text, tableName: fc.constantFrom('t_a', 't_b', 'Bad Name', ''), fields: fc.array(field, { maxLength: 4 }), parentId: nullableId, onParentDelete: fc.constantFrom('cascade', 'restrict') },
    { requiredKeys: ['id', 'name', 'tableName', 'fields'] },
  );
  const control = fc.record(
    {
      id,
      kind: fc.constantFrom(...controlKinds),
      label: text,
      fieldId: nullableId,
      x: int,
      y: int,
      w: int,
      h: int,
      containerId: nullableId,
      tab: int,
      tabs: fc.array(text, { maxLength: 3 }),
      action: fc.option(fc.record({ type: fc.constantFrom('save', 'delete', 'cancel', 'goToPage', 'openRecord'), pageId: nullableId, confirm: fc.boolean() })),
      url: fc.constantFrom('', 'https://a.example/x', 'javascript:x', 'ftp://a'),
      table: fc.option(
        fc.record({
          dataGroupId: nullableId,
          columns: fc.array(id, { maxLength: 4 }),
          sort: fc.option(fc.record({ column: id, direction: fc.constantFrom('asc', 'desc') })),
          filter: fc.option(fc.record({ column: id, operator: fc.constantFrom('equals', 'contains', 'isEmpty'), value: text })),
          pageSize: int,
          openPageId: nullableId,
        }),
      ),
    },
    { requiredKeys: ['id', 'kind', 'label', 'fieldId', 'x', 'y', 'w'] },
  );
  const page = fc.record({ id, title: text, dataGroupId: nullableId, controls: fc.array(control, { maxLength: 8 }) });
  return fc.record({ dataGroups: fc.array(group, { maxLength: 4 }), pages: fc.array(page, { maxLength: 3 }) });
}
