import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accessLevels } from './access';
import {
  buttonActionTypes,
  controlKinds,
  fieldTypes,
  filterOperators,
  newControlDefinition,
  newDataGroupDefinition,
  newFieldDefinition,
  type ApplicationDefinition,
} from './application-definition';
import {
  buildApplicationFile,
  mapApplicationRights,
  missingApplicationPrincipals,
  parseApplicationFile,
  readApplicationFile,
  serializeApplicationFile,
  type TransferredApplication,
} from './application-file';

/** Ids unique per document (the designer generates them so). */
const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix}${index}`);
const text = fc.string({ maxLength: 12 });
const nullableInt = fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: null });

/** Any definition the zod schema accepts, with ids unique and references pointing inside the document. */
const definition: fc.Arbitrary<ApplicationDefinition> = fc
  .record({ groups: fc.integer({ min: 0, max: 4 }), pages: fc.integer({ min: 0, max: 3 }) })
  .chain(({ groups, pages }) => {
    const groupIds = ids('g', groups);
    const pageIds = ids('p', pages);
    const groupRef = groupIds.length === 0 ? fc.constant(null) : fc.option(fc.constantFrom(...groupIds), { nil: null });
    const pageRef = pageIds.length === 0 ? fc.constant(null) : fc.option(fc.constantFrom(...pageIds), { nil: null });
    const field = (id: string) =>
      fc
        .record({
          name: text,
          type: fc.constantFrom(...fieldTypes),
          required: fc.boolean(),
          unique: fc.boolean(),
          defaultValue: fc.option(text, { nil: null }),
          maxLength: nullableInt,
          // JSON has no -0 (it reads back as 0), and no form of the designer produces it.
          min: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((n) => n + 0), { nil: null }),
          choices: fc.array(fc.record({ value: text, label: text }), { maxLength: 3 }),
          referenceDataGroupId: groupRef,
        })
        .map((values) => newFieldDefinition({ id, ...values }));
    const group = (id: string, index: number) =>
      fc
        .record({
          name: text,
          tableName: text,
          fields: fc.integer({ min: 0, max: 3 }).chain((count) => fc.tuple(...ids(`${id}f`, count).map(field))),
          // A parent earlier in the list: never a circle.
          parentId: index === 0 ? fc.constant(null) : fc.option(fc.constantFrom(...groupIds.slice(0, index)), { nil: null }),
          onParentDelete: fc.constantFrom('cascade' as const, 'restrict' as const),
        })
        .map((values) => newDataGroupDefinition({ id, ...values }));
    const control = (id: string) =>
      fc
        .record({
          kind: fc.constantFrom(...controlKinds),
          label: text,
          x: fc.integer({ min: -2, max: 14 }),
          y: fc.integer({ min: 0, max: 300 }),
          w: fc.integer({ min: 0, max: 12 }),
          h: fc.integer({ min: 1, max: 6 }),
          tab: fc.nat(3),
          tabs: fc.array(text, { maxLength: 3 }),
          action: fc.option(fc.record({ type: fc.constantFrom(...buttonActionTypes), pageId: pageRef, confirm: fc.boolean() }), { nil: null }),
          url: text,
          table: fc.option(
            fc.record({
              dataGroupId: groupRef,
              columns: fc.array(text, { maxLength: 3 }),
              sort: fc.constant(null),
              filter: fc.option(fc.record({ column: text, operator: fc.constantFrom(...filterOperators), value: text }), { nil: null }),
              pageSize: fc.integer({ min: 1, max: 100 }),
              openPageId: pageRef,
            }),
            { nil: null },
          ),
        })
        .map((values) => newControlDefinition({ id, ...values }));
    const page = (id: string) =>
      fc
        .record({ title: text, dataGroupId: groupRef, controls: fc.integer({ min: 0, max: 4 }).chain((count) => fc.tuple(...ids(`${id}c`, count).map(control))) })
        .map((values) => ({ id, ...values }));
    return fc.record({ dataGroups: fc.tuple(...groupIds.map(group)), pages: fc.tuple(...pageIds.map(page)) });
  });

const principal = fc.record({ kind: fc.constantFrom('group' as const, 'role' as const, 'distribution_list' as const), name: fc.constantFrom('Vertrieb', 'Einkauf', 'Ärzte', 'IT') });
const application: fc.Arbitrary<TransferredApplication> = fc.record({
  name: fc.string({ minLength: 1, maxLength: 80 }),
  description: fc.string({ maxLength: 40 }),
  definition,
  rights: fc.record({ defaultLevel: fc.constantFrom(...accessLevels), entries: fc.array(fc.record({ principal, level: fc.constantFrom(...accessLevels) }), { maxLength: 3 }) }),
});

const fileText = (app: TransferredApplication) =>
  serializeApplicationFile(buildApplicationFile({ exportedAt: '2027-06-02T08:00:00.000Z', source: { portalName: 'Test', portalVersion: '1.0.0' }, sourceVersion: 3, application: app }));

describe('application file', () => {
  it('export -> import gives an equal application: definition, rights, name and description', () => {
    fc.assert(
      fc.property(application, (app) => {
        const read = readApplicationFile(fileText(app));
        if (!read.ok) throw new Error(read.problem.message);
        expect(read.file.application).toEqual(app);
        // The file read back writes the same text again: the format is stable.
        expect(fileText(read.file.application)).toBe(fileText(app));
      }),
      { numRuns: 300 },
    );
  });

  it('any single changed character is refused (damaged or altered), never read as a different application', () => {
    fc.assert(
      fc.property(application, fc.nat(), fc.constantFrom('x', '0', '"', '}', ' '), (app, at, replacement) => {
        const original = fileText(app);
        const index = at % original.length;
        if (original[index] === replacement) return;
        const altered = `${original.slice(0, index)}${replacement}${original.slice(index + 1)}`;
        const read = readApplicationFile(altered);
        // Whitespace between tokens does not change the content: the same application reads back, or nothing does.
        if (read.ok) expect(read.file.application).toEqual(app);
        else expect(['not_json', 'not_an_application', 'newer_schema', 'checksum_mismatch', 'invalid_content']).toContain(read.problem.code);
      }),
      { numRuns: 300 },
    );
  });

  it('a child group whose parent is missing and a reference to a group not in the file are refused by name', () => {
    fc.assert(
      fc.property(application, (app) => {
        const [first, ...rest] = app.definition.dataGroups;
        fc.pre(first !== undefined && rest.some((group) => group.parentId === first.id));
        const parsed = parseApplicationFile(fileText({ ...app, definition: { ...app.definition, dataGroups: rest } }));
        expect(parsed.ok).toBe(false);
        if (!parsed.ok) expect(['missing_parent', 'broken_reference']).toContain(parsed.problem.code);
      }),
      { numRuns: 200 },
    );
  });

  it('mapping every missing name leaves none missing; rights only ever name what the target has or what was mapped', () => {
    fc.assert(
      fc.property(application, fc.array(principal, { maxLength: 4 }), (app, available) => {
        const missing = missingApplicationPrincipals(app, [], available);
        const skipAll = missing.map((from) => ({ from, to: null }));
        expect(missingApplicationPrincipals(app, skipAll, available)).toEqual([]);
        const mapped = mapApplicationRights(app, skipAll);
        const known = new Set(available.map((ref) => `${ref.kind}:${ref.name.toLowerCase()}`));
        for (const entry of mapped.rights.entries) expect(known.has(`${entry.principal.kind}:${entry.principal.name.toLowerCase()}`)).toBe(true);
        expect(mapped.definition).toBe(app.definition);
      }),
      { numRuns: 200 },
    );
  });
});

describe('application file problems', () => {
  const valid: TransferredApplication = {
    name: 'Fuhrpark',
    description: '',
    definition: {
      dataGroups: [newDataGroupDefinition({ id: 'autos', name: 'Autos', tableName: 'autos', fields: [newFieldDefinition({ id: 'kz', name: 'Kennzeichen', type: 'text' })] })],
      pages: [{ id: 'start', title: 'Autos', dataGroupId: 'autos', controls: [newControlDefinition({ id: 'c', kind: 'textfield', label: 'Kennzeichen', fieldId: 'kz', x: 0, y: 0, w: 4 })] }],
    },
    rights: { defaultLevel: 'read', entries: [] },
  };
  const text = fileText(valid);

  it.each([
    ['', 'not_json'],
    [text.slice(0, 200), 'not_json'],
    ['[]', 'not_an_application'],
    [JSON.stringify({ format: 'portal-console/configuration', schemaVersion: 1 }), 'configuration_file'],
    [JSON.stringify({ ...JSON.parse(text), schemaVersion: 0 }), 'not_an_application'],
    [text.replace('"Kennzeichen"', '"Kennzeichen2"'), 'checksum_mismatch'],
  ])('%#: %s… -> %s', (input, code) => {
    const parsed = parseApplicationFile(input);
    expect(parsed.ok ? null : parsed.problem.code).toBe(code);
  });

  it('a newer schema names both versions and is refused before its content is read', () => {
    const parsed = parseApplicationFile(JSON.stringify({ format: 'portal-console/application', schemaVersion: 7, anything: 'else' }));
    expect(parsed).toEqual({ ok: false, problem: { code: 'newer_schema', message: expect.stringContaining('schema 7, this supports 1'), params: { schema: 7, supported: 1 } } });
  });

  it('references and designer rules name what is wrong', () => {
    const child = newDataGroupDefinition({ id: 'fahrten', name: 'Fahrten', tableName: 'fahrten', parentId: 'weg' });
    const orphan = parseApplicationFile(fileText({ ...valid, definition: { ...valid.definition, dataGroups: [...valid.definition.dataGroups, child] } }));
    expect(orphan).toMatchObject({ ok: false, problem: { code: 'missing_parent', params: { dataGroup: 'Fahrten', parentId: 'weg' } } });

    const reference = newFieldDefinition({ id: 'halter', name: 'Halter', type: 'reference', referenceDataGroupId: 'personen' });
    const broken = parseApplicationFile(fileText({ ...valid, definition: { ...valid.definition, dataGroups: [{ ...valid.definition.dataGroups[0]!, fields: [reference] }] } }));
    expect(broken).toMatchObject({ ok: false, problem: { code: 'broken_reference', params: { what: 'field', name: 'Autos.Halter', target: 'personen' } } });

    const twice = { ...valid.definition.dataGroups[0]!, id: 'autos2', tableName: 'autos2', fields: [] };
    const invalid = parseApplicationFile(fileText({ ...valid, definition: { ...valid.definition, dataGroups: [...valid.definition.dataGroups, twice] } }));
    expect(invalid).toMatchObject({ ok: false, problem: { code: 'definition_invalid', params: { rule: 'duplicate_data_group_name' } } });

    expect(parseApplicationFile(text).ok).toBe(true);
  });
});
