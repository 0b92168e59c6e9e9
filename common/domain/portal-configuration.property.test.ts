import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accessLevels } from './access';
import { newDataGroupDefinition } from './application-definition';
import {
  applyChanges,
  applyPrincipalMapping,
  buildConfigurationFile,
  canonicalJson,
  configurationsEqual,
  diffConfigurations,
  missingPrincipals,
  normalizeConfiguration,
  parseConfigurationFile,
  planIssues,
  serializeConfigurationFile,
  type ConfigurationChange,
  type ConfiguredOrgUnit,
  type PortalConfiguration,
} from './portal-configuration';
import { sha256Hex } from './portal-configuration-sha256';
import { defaultFunctionPermissions, portalFunctions } from '../portal-api/rights';
import { defaultSecurityPolicy } from '../portal-api/security-policy';

const name = fc.constantFrom('Vertrieb', 'vertrieb', 'Einkauf', 'HR', 'Ärzte', 'Büro', 'Lager', 'IT', 'Qualität', 'Team 7');
const level = fc.constantFrom(...accessLevels);
const principal = fc.record({ kind: fc.constantFrom('group' as const, 'role' as const, 'distribution_list' as const), name });

const definition = fc.record({
    dataGroups: fc.array(
      fc.record({ id: fc.constantFrom('dg1', 'dg2'), name, tableName: fc.constantFrom('t_a', 't_b'), fields: fc.constant<PortalConfiguration['applications'][number]['definition']['dataGroups'][number]['fields']>([]) }).map((group) => newDataGroupDefinition(group)),
      { maxLength: 2 },
    ),
    pages: fc.constant<PortalConfiguration['applications'][number]['definition']['pages']>([]),
  });

const application = fc.record({
  name,
  description: fc.string({ maxLength: 20 }),
  definition,
  rights: fc.record({ defaultLevel: level, entries: fc.array(fc.record({ principal, level }), { maxLength: 3 }) }),
});

const layout = fc.record({
  name,
  primaryColor: fc.constantFrom('#0b5394', '#222222', '#aa0000'),
  accentColor: fc.constantFrom('#1864ab', '#333333'),
  logo: fc.constant(null),
  customCss: fc.constantFrom('', 'a { color: red; }'),
});

/** Org units as a tree: every unit's parent is in the list (as the portal stores them). */
const orgUnits = fc
  .array(fc.record({ path: fc.array(fc.constantFrom('Zentrale', 'Nord', 'Süd', 'IT'), { minLength: 1, maxLength: 3 }), kind: fc.constantFrom('container' as const, 'org_unit' as const), description: fc.constantFrom('', 'x') }), { maxLength: 6 })
  .map((units) => {
    const byPath = new Map<string, ConfiguredOrgUnit>();
    for (const unit of units) {
      for (let depth = 1; depth <= unit.path.length; depth++) {
        const path = unit.path.slice(0, depth);
        const key = path.join('/').toLowerCase();
        if (!byPath.has(key)) byPath.set(key, { ...unit, path });
      }
    }
    return [...byPath.values()];
  });

const uniqueByName = <T extends { name: string }>(items: T[]) => {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.name.toLowerCase()) && seen.add(item.name.toLowerCase()));
};

const configuration: fc.Arbitrary<PortalConfiguration> = fc.record({
  securityPolicy: fc.record({ minLength: fc.integer({ min: 6, max: 20 }), maxFailures: fc.integer({ min: 0, max: 10 }), remember: fc.boolean() }).map((p) => ({
    ...defaultSecurityPolicy,
    password: { ...defaultSecurityPolicy.password, minLength: p.minLength },
    lockout: { ...defaultSecurityPolicy.lockout, maxFailures: p.maxFailures },
    disableRememberMe: p.remember,
  })),
  functionPermissions: fc
    .array(fc.record({ members: fc.constantFrom('add' as const, 'admins_only' as const), guests: fc.constantFrom('participate' as const, 'read' as const, 'none' as const) }), {
      minLength: portalFunctions.length,
      maxLength: portalFunctions.length,
    })
    .map((rights) => portalFunctions.map((key, i) => ({ function: key, ...(rights[i] as { members: 'add'; guests: 'none' }) }))),
  updates: fc.record({ track: fc.constantFrom('silent' as const, 'steady' as const) }),
  layouts: fc.array(layout, { maxLength: 4 }).map(uniqueByName),
  applications: fc.array(application, { maxLength: 4 }).map(uniqueByName),
  orgUnits,
});

const empty: PortalConfiguration = {
  securityPolicy: defaultSecurityPolicy,
  functionPermissions: defaultFunctionPermissions,
  updates: { track: 'silent' },
  layouts: [],
  applications: [],
  orgUnits: [],
};

const allChanges = (current: PortalConfiguration, incoming: PortalConfiguration): ConfigurationChange[] =>
  diffConfigurations(current, incoming).flatMap((section) => section.changes);

const fileOf = (config: PortalConfiguration) =>
  serializeConfigurationFile(buildConfigurationFile({ exportedAt: '2026-12-05T03:00:00.000Z', source: { portalName: 'A', portalVersion: '1.0.0' }, configuration: config }));

describe('portal configuration model', () => {
  it('SHA-256 gives the FIPS 180-4 and node:crypto digests: padding edges, umlauts and astral characters', () => {
    const vectors: [string, string][] = [
      ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
      ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
      ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
      ['a'.repeat(55), '9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318'],
      ['a'.repeat(56), 'b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a'],
      ['a'.repeat(64), 'ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb'],
      ['Grüße 😀', '3436cf1c2f912923eb6c58432bc973f1e3bf57852f000822b53954e45e6c5be4'],
      ['a'.repeat(1_000_000), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
    ];
    for (const [text, digest] of vectors) expect(sha256Hex(text)).toBe(digest);
  });

  it('export -> import into an empty configuration gives equal settings', () => {
    fc.assert(
      fc.property(configuration, (source) => {
        const parsed = parseConfigurationFile(fileOf(source));
        if (!parsed.ok) throw new Error(parsed.problem.message);
        const imported = applyChanges(empty, allChanges(empty, parsed.file.configuration));
        expect(configurationsEqual(imported, source)).toBe(true);
      }),
    );
  });

  it('export -> import into a different configuration gives equal settings, and then nothing differs', () => {
    fc.assert(
      fc.property(configuration, configuration, (target, source) => {
        const parsed = parseConfigurationFile(fileOf(source));
        if (!parsed.ok) throw new Error(parsed.problem.message);
        const imported = applyChanges(target, allChanges(target, parsed.file.configuration));
        expect(canonicalJson(imported)).toBe(canonicalJson(normalizeConfiguration(source)));
        expect(allChanges(imported, source)).toEqual([]);
      }),
    );
  });

  it('diff(x, x) is empty, whatever the order of the lists', () => {
    fc.assert(
      fc.property(configuration, (config) => {
        const shuffled = { ...config, layouts: [...config.layouts].reverse(), applications: [...config.applications].reverse(), orgUnits: [...config.orgUnits].reverse() };
        expect(allChanges(config, shuffled)).toEqual([]);
      }),
    );
  });

  it('applying a chosen part converges: what is left to apply is exactly what was not chosen', () => {
    fc.assert(
      fc.property(configuration, configuration, fc.infiniteStream(fc.boolean()), (target, source, coin) => {
        const changes = allChanges(target, source);
        const chosen = changes.filter(() => coin.next().value);
        fc.pre(planIssues(target, chosen).length === 0);
        const after = applyChanges(target, chosen);
        const left = allChanges(after, source).map((c) => `${c.section}:${c.key}`).sort();
        const notChosen = changes.filter((c) => !chosen.includes(c)).map((c) => `${c.section}:${c.key}`).sort();
        expect(left).toEqual(notChosen);
      }),
    );
  });

  it('an org unit created without its parent, or removed under a unit that stays, is a plan issue', () => {
    const target: PortalConfiguration = { ...empty, orgUnits: [{ path: ['Zentrale'], kind: 'container', description: '' }, { path: ['Zentrale', 'IT'], kind: 'org_unit', description: '' }] };
    const source: PortalConfiguration = { ...empty, orgUnits: [{ path: ['Nord'], kind: 'container', description: '' }, { path: ['Nord', 'Lager'], kind: 'org_unit', description: '' }] };
    const changes = allChanges(target, source);
    const onlyChild = changes.filter((c) => c.key === 'nord/lager');
    expect(planIssues(target, onlyChild).map((i) => i.code)).toEqual(['parent_not_chosen']);
    const onlyParentRemoved = changes.filter((c) => c.key === 'zentrale');
    expect(planIssues(target, onlyParentRemoved).map((i) => i.code)).toEqual(['children_not_chosen']);
    expect(planIssues(target, changes)).toEqual([]);
  });

  it('any altered character of the content is refused as altered; whitespace between tokens is not content', () => {
    fc.assert(
      fc.property(configuration, fc.nat(), (config, seed) => {
        const text = fileOf(config);
        const body = text.indexOf('"configuration"');
        const end = text.indexOf('"exportedAt"');
        const digits = [...text.matchAll(/\d/g)].map((m) => m.index).filter((i) => i > body && i < end);
        fc.pre(digits.length > 0);
        const at = digits[seed % digits.length] as number;
        const altered = `${text.slice(0, at)}${(Number(text[at]) + 1) % 10}${text.slice(at + 1)}`;
        const parsed = parseConfigurationFile(altered);
        expect(parsed.ok).toBe(false);
        if (!parsed.ok) expect(parsed.problem.code).toBe('checksum_mismatch');
        expect(parseConfigurationFile(text.replace(/\n {2}/g, '\n    ')).ok).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('a newer schema is refused with both numbers, a cut-off file as damaged, another JSON as not a configuration', () => {
    const text = fileOf(empty);
    const newer = parseConfigurationFile(text.replace('"schemaVersion": 1', '"schemaVersion": 2'));
    expect(newer).toMatchObject({ ok: false, problem: { code: 'newer_schema', message: 'The file was made by a newer console/portal: schema 2, this supports 1.' } });
    expect(parseConfigurationFile(text.slice(0, text.length / 2))).toMatchObject({ ok: false, problem: { code: 'not_json' } });
    expect(parseConfigurationFile('{"users": []}')).toMatchObject({ ok: false, problem: { code: 'not_a_configuration' } });
  });

  it('a content that does not fit the schema, with a matching checksum, is refused naming the place', () => {
    const file = buildConfigurationFile({ exportedAt: 'x', source: { portalName: 'A', portalVersion: '1' }, configuration: empty });
    const broken = { ...file, configuration: { ...file.configuration, updates: { track: 'fast' } } };
    const { checksum: _checksum, ...body } = broken;
    const resigned = { ...body, checksum: `sha256:${sha256Hex(canonicalJson(body))}` };
    expect(parseConfigurationFile(JSON.stringify(resigned))).toMatchObject({ ok: false, problem: { code: 'invalid_content', params: { path: 'configuration.updates.track' } } });
  });

  it('group names the target lacks are listed; a mapping renames them or leaves their entries out', () => {
    const source: PortalConfiguration = {
      ...empty,
      applications: [
        {
          name: 'CRM',
          description: '',
          definition: { dataGroups: [], pages: [] },
          rights: {
            defaultLevel: 'read',
            entries: [
              { principal: { kind: 'group', name: 'Vertrieb' }, level: 'edit' },
              { principal: { kind: 'group', name: 'Sales' }, level: 'manage' },
              { principal: { kind: 'role', name: 'Gast' }, level: 'read' },
            ],
          },
        },
      ],
    };
    expect(missingPrincipals(source, [{ kind: 'group', name: 'vertrieb' }])).toEqual([
      { kind: 'group', name: 'Sales' },
      { kind: 'role', name: 'Gast' },
    ]);
    const mapped = applyPrincipalMapping(source, [
      { from: { kind: 'group', name: 'Sales' }, to: { kind: 'group', name: 'Vertrieb' } },
      { from: { kind: 'role', name: 'Gast' }, to: null },
    ]);
    expect(mapped.applications[0]?.rights.entries).toEqual([{ principal: { kind: 'group', name: 'Vertrieb' }, level: 'manage' }]);
  });
});
