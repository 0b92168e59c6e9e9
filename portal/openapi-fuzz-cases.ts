import { randomUUID } from 'node:crypto';
import fc from 'fast-check';

/**
 * Hostile requests for every operation of the portal's OpenAPI document (portal/openapi-fuzz.test.ts).
 * Deterministic: the fixed values below plus fast-check samples drawn with a fixed seed.
 */

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  minimum?: number;
  minLength?: number;
  minItems?: number;
  pattern?: string;
  $ref?: string;
};

export interface OpenApiParameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}

export interface OpenApiOperation {
  operationId?: string;
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  security?: unknown[];
  responses?: Record<string, unknown>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface FuzzCase {
  method: string;
  /** Path with query, already URL-encoded. */
  url: string;
  /** Raw JSON body (undefined: none). */
  body?: string;
  label: string;
}

/** Strings no text column can hold or that are merely hostile. `%ED%A0%80` and `%C0%80` are invalid UTF-8 in URLs. */
export const HOSTILE_STRINGS: readonly string[] = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\ufffe\uffff',
  'x'.repeat(70_000),
  "' or 1=1 --",
  '../../etc/passwd',
  '\u202e\u0007\u001b[31m',
  '=HYPERLINK("http://evil")',
  '',
  ' ',
];

export const HOSTILE_VALUES: readonly unknown[] = [null, -1, 0.5, 2 ** 31, 2 ** 63, 1e308, true, {}, [], { $gt: '' }, ['\u0000']];

function b64(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8').toString('base64url');
}

const ZERO_UUID = '00000000-0000-4000-8000-000000000000';

/** Cursors shaped like the portal's own, with values that a SQL cast cannot take, and plain garbage. */
export const HOSTILE_CURSORS: readonly string[] = [
  'not a cursor!',
  b64('{'),
  b64({ a: 1 }),
  b64([]),
  b64(['\u0000', '\u0000']),
  b64(['x', 'not-a-uuid']),
  b64(['2026-02-31T00:00:00Z', ZERO_UUID]),
  b64(['0000-01-01T00:00:00Z', ZERO_UUID]),
  b64(['9999-12-31T23:59:59.999+14:00', ZERO_UUID]),
  b64(['2026-01-01T00:00:00Z', '0'.repeat(64)]),
  b64([2 ** 53]),
  b64([1e308]),
  b64([-1]),
  b64(['displayName', 'asc', ['\u0000', 'x']]),
  b64(['displayName', 'asc', ['a', 'not-a-uuid']]),
  b64(['lastLoginAt', 'asc', ['yesterday', ZERO_UUID]]),
  b64(['status', 'asc', ['9999999999999', 'a', ZERO_UUID]]),
  b64(['email', 'asc', ['maybe', 'a', ZERO_UUID]]),
  b64(['login', 'asc', ['\ud800']]),
  b64('x'.repeat(20_000)),
];

/** User-list cursors that match their sort (so they get past the sort check) with values a cast refuses. */
const HOSTILE_SORTED_CURSORS: readonly [sort: string, cursor: string][] = [
  ['lastLoginAt', b64(['lastLoginAt', 'asc', ['yesterday', ZERO_UUID]])],
  ['lastLoginAt', b64(['lastLoginAt', 'asc', ['2026-02-31 00:00:00+00', ZERO_UUID]])],
  ['lastLoginAt', b64(['lastLoginAt', 'asc', ['0000-01-01 00:00:00+00', ZERO_UUID]])],
  ['status', b64(['status', 'asc', ['9999999999999', 'a', ZERO_UUID]])],
  ['status', b64(['status', 'asc', ['1', 'a', 'not-a-uuid']])],
  ['email', b64(['email', 'asc', ['maybe', 'a', ZERO_UUID]])],
  ['login', b64(['login', 'asc', ['\ud800']])],
  ['login', b64(['login', 'asc', ['a\u0000']])],
];

function resolve(doc: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema {
  if (schema?.$ref === undefined) return schema ?? {};
  const name = schema.$ref.split('/').at(-1) ?? '';
  return resolve(doc, doc.components?.schemas?.[name]);
}

function stringExample(schema: JsonSchema): string {
  if (schema.format === 'uuid') return ZERO_UUID;
  if (schema.format === 'date-time') return '2026-03-02T09:00:00.000Z';
  if (schema.format === 'date') return '2026-03-02';
  if (schema.format === 'email') return 'fuzz@example.com';
  if (schema.pattern?.includes('@')) return 'fuzz@example.com';
  return 'fuzz'.padEnd(Math.max(4, schema.minLength ?? 0), 'z');
}

/** A value that passes the schema's simple rules (enough to get past validation to the handler). */
export function exampleOf(doc: OpenApiDocument, raw: JsonSchema | undefined, depth = 0): unknown {
  const schema = resolve(doc, raw);
  if (depth > 8) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum !== undefined) return schema.enum[0];
  const alternatives = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (alternatives !== undefined && alternatives.length > 0) return exampleOf(doc, alternatives[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(schema.properties ?? {})) result[key] = exampleOf(doc, property, depth + 1);
      return result;
    }
    case 'array': {
      if (schema.prefixItems !== undefined) return schema.prefixItems.map((item) => exampleOf(doc, item, depth + 1));
      return Array.from({ length: schema.minItems ?? 0 }, () => exampleOf(doc, schema.items, depth + 1));
    }
    case 'string':
      return stringExample(schema);
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return 'fuzz';
  }
}

type Path = (string | number)[];

/** Paths of the leaves of a JSON value (objects and arrays walked, at most `limit`). */
function leafPaths(value: unknown, limit: number, prefix: Path = [], out: Path[] = []): Path[] {
  if (out.length >= limit) return out;
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
    if (entries.length === 0) out.push(prefix);
    for (const [key, item] of entries) leafPaths(item, limit, [...prefix, key], out);
    return out;
  }
  out.push(prefix);
  return out;
}

function withValueAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
  target[path.at(-1)!] = replacement;
  return copy;
}

/** `JSON.stringify` writes lone surrogates as `\ud800` escapes: the parsed body then holds one. */
function json(value: unknown): string {
  return JSON.stringify(value);
}

function encodeQueryValue(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

function urlOf(path: string, pathValues: Record<string, string>, query: Record<string, string>): string {
  const filled = path.replace(/\{(\w+)\}/g, (_match, name: string) => pathValues[name] ?? ZERO_UUID);
  const search = Object.entries(query)
    .map(([key, value]) => `${encodeURIComponent(key)}=${value}`)
    .join('&');
  return search === '' ? filled : `${filled}?${search}`;
}

/** Path values as they go into the URL (already encoded). */
const HOSTILE_PATH_VALUES: readonly string[] = ['not-an-id', '%00', 'a%00b', '%ED%A0%80', '%C0%80', '-1', '99999999999999999999', 'x'.repeat(3000), randomUUID()];
/** Query values as they go into the URL (already encoded). */
const RAW_QUERY_VALUES: readonly string[] = ['%00', 'a%00b', '%ED%A0%80', '%ED%B0%80x', '%FF', '%C0%80', '-1', '1e308', 'NaN', 'x'.repeat(6000), "'%20or%201%3D1%20--"];

function fuzzStrings(seed: number, count: number): string[] {
  return fc.sample(fc.string({ unit: 'binary', maxLength: 40 }), { seed, numRuns: count });
}

function fuzzJson(seed: number, count: number): unknown[] {
  return fc.sample(fc.jsonValue({ maxDepth: 3 }), { seed, numRuns: count });
}

interface Parts {
  path: string;
  method: string;
  pathParams: OpenApiParameter[];
  queryParams: OpenApiParameter[];
  validQuery: Record<string, string>;
  validBody: unknown;
  bodySchema: JsonSchema | undefined;
}

function partsOf(doc: OpenApiDocument, path: string, method: string, operation: OpenApiOperation): Parts {
  const parameters = operation.parameters ?? [];
  const queryParams = parameters.filter((parameter) => parameter.in === 'query');
  const validQuery: Record<string, string> = {};
  for (const parameter of queryParams) {
    if (parameter.required === true) validQuery[parameter.name] = encodeQueryValue(String(exampleOf(doc, parameter.schema)));
  }
  const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
  return {
    path,
    method: method.toUpperCase(),
    pathParams: parameters.filter((parameter) => parameter.in === 'path'),
    queryParams,
    validQuery,
    validBody: bodySchema === undefined ? undefined : exampleOf(doc, bodySchema),
    bodySchema,
  };
}

function pathCases(parts: Parts): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const body = parts.validBody === undefined ? undefined : json(parts.validBody);
  for (const parameter of parts.pathParams) {
    for (const value of HOSTILE_PATH_VALUES) {
      cases.push({
        method: parts.method,
        url: urlOf(parts.path, { [parameter.name]: value }, parts.validQuery),
        ...(body === undefined ? {} : { body }),
        label: `path ${parameter.name}=${value.slice(0, 20)}`,
      });
    }
  }
  return cases;
}

function queryCases(parts: Parts, seed: number): FuzzCase[] {
  const cases: FuzzCase[] = [];
  for (const parameter of parts.queryParams) {
    const values = [
      ...RAW_QUERY_VALUES,
      ...fuzzStrings(seed + parameter.name.length, 3).map(encodeQueryValue),
      ...(parameter.name === 'cursor' ? HOSTILE_CURSORS : []),
    ];
    for (const value of values) {
      cases.push({
        method: parts.method,
        url: urlOf(parts.path, {}, { ...parts.validQuery, [parameter.name]: value }),
        label: `query ${parameter.name}=${value.slice(0, 24)}`,
      });
    }
    if (parameter.name === 'cursor' && parts.queryParams.some((other) => other.name === 'sort')) {
      for (const [sort, cursor] of HOSTILE_SORTED_CURSORS) {
        cases.push({ method: parts.method, url: urlOf(parts.path, {}, { ...parts.validQuery, sort, cursor }), label: `query sort=${sort} cursor=${cursor.slice(0, 24)}` });
      }
    }
    // The same parameter twice arrives as an array.
    cases.push({ method: parts.method, url: urlOf(parts.path, {}, { ...parts.validQuery, [parameter.name]: 'a&' + parameter.name + '=b' }), label: `query ${parameter.name} twice` });
  }
  return cases;
}

const MAX_LEAVES = 8;
/** Always tried at every leaf; of the rest a rotating few, so each operation stays around a hundred requests. */
const LEAF_ALWAYS: readonly unknown[] = ['\u0000', '\ud800', 'x'.repeat(70_000)];
const LEAF_ROTATING: readonly unknown[] = [...HOSTILE_STRINGS.filter((value) => !LEAF_ALWAYS.includes(value)), ...HOSTILE_VALUES];
const LEAF_ROTATING_COUNT = 4;

function leafValues(index: number): unknown[] {
  const rotating = Array.from({ length: LEAF_ROTATING_COUNT }, (_, offset) => LEAF_ROTATING[(index * LEAF_ROTATING_COUNT + offset) % LEAF_ROTATING.length]);
  return [...LEAF_ALWAYS, ...rotating];
}

function bodyCases(parts: Parts, seed: number): FuzzCase[] {
  if (parts.bodySchema === undefined) return [];
  const url = urlOf(parts.path, {}, parts.validQuery);
  const cases: FuzzCase[] = [];
  const add = (body: string, label: string) => cases.push({ method: parts.method, url, body, label });
  for (const whole of [null, [], 'text', 1e308, { __proto__: { isAdmin: true } }, ...fuzzJson(seed, 3)]) add(json(whole), `body ${json(whole).slice(0, 24)}`);
  add('{"a":', 'body malformed JSON');
  add(`${'['.repeat(5000)}${']'.repeat(5000)}`, 'body deeply nested');
  add(json(parts.validBody), 'body example');
  const leaves = leafPaths(parts.validBody, MAX_LEAVES);
  for (const [index, leaf] of leaves.entries()) {
    const name = leaf.join('.') || '(root)';
    for (const value of leafValues(index + seed)) {
      add(json(withValueAt(parts.validBody, leaf, value)), `body ${name}=${json(value)?.slice(0, 20)}`);
    }
    // A hostile key next to the leaf's key.
    if (leaf.length > 0 && typeof leaf.at(-1) === 'string') {
      add(json(withValueAt(parts.validBody, [...leaf.slice(0, -1), 'k\u0000ey'], 'x')), `body key with NUL beside ${name}`);
    }
  }
  return cases;
}

/** Every hostile request for one operation. */
export function casesFor(doc: OpenApiDocument, path: string, method: string, operation: OpenApiOperation, seed: number): FuzzCase[] {
  const parts = partsOf(doc, path, method, operation);
  return [...pathCases(parts), ...queryCases(parts, seed), ...bodyCases(parts, seed)];
}

export function operationsOf(doc: OpenApiDocument): { path: string; method: string; operation: OpenApiOperation }[] {
  const methods = new Set(['get', 'put', 'post', 'patch', 'delete']);
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([method]) => methods.has(method))
      .map(([method, operation]) => ({ path, method, operation })),
  );
}
