import type { Client, Entry } from 'ldapts';
import type { DirectoryGroupEntry, DirectoryUserEntry } from '../../common/domain/directory-plan';
import { externalIdOf, isDisabledByFlags, normalizeDn } from '../../common/domain/directory-presets';
import type { DirectoryMapping } from '../../common/portal-api/directory';
import { checkFilter, searchFailure } from './ldap-connection';

export interface ReadOptions {
  baseDn: string;
  userFilter: string;
  groupFilter: string;
  pageSize: number;
  mapping: DirectoryMapping;
}

/** Binary ids (AD's objectGUID) must come as bytes; everything else as text. */
const BINARY_IDS = new Set(['objectguid', 'objectsid']);

type Value = Entry[string];

/** The attribute's values, whatever the case the server used, including AD's ranged `member;range=0-1499`. */
function valuesOf(entry: Entry, attribute: string): string[] {
  if (attribute === '') return [];
  const wanted = attribute.toLowerCase();
  const values: string[] = [];
  for (const [key, value] of Object.entries(entry)) {
    const name = key.toLowerCase();
    if (name === wanted || name.startsWith(`${wanted};range=`)) values.push(...asStrings(value));
  }
  return values;
}

function asStrings(value: Value): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => (Buffer.isBuffer(item) ? item.toString('utf8') : item));
}

function first(entry: Entry, attribute: string): string | null {
  return valuesOf(entry, attribute)[0] ?? null;
}

function idOf(entry: Entry, attribute: string): string | null {
  const key = Object.keys(entry).find((name) => name.toLowerCase() === attribute.toLowerCase());
  if (key === undefined) return null;
  const value = entry[key]!;
  const one = Array.isArray(value) ? value[0] : value;
  if (one === undefined) return null;
  return externalIdOf(Buffer.isBuffer(one) ? new Uint8Array(one) : one);
}

/** The range still to fetch after `member;range=0-1499` (null when the last range, `-*`, arrived). */
export function nextRange(entry: Entry, attribute: string): string | null {
  const wanted = `${attribute.toLowerCase()};range=`;
  for (const key of Object.keys(entry)) {
    const name = key.toLowerCase();
    if (!name.startsWith(wanted)) continue;
    const [, end] = name.slice(wanted.length).split('-');
    if (end === undefined || end === '*') return null;
    return `${attribute};range=${Number(end) + 1}-*`;
  }
  return null;
}

/**
 * AD sends a large group's members in ranges (`member;range=0-1499`, then ask for `member;range=1500-*` ...):
 * every range is fetched and added to the entry's values.
 */
export async function withAllRanges(entry: Entry, attribute: string, fetchRange: (dn: string, range: string) => Promise<Entry | undefined>): Promise<string[]> {
  const values = valuesOf(entry, attribute);
  let range = attribute === '' ? null : nextRange(entry, attribute);
  while (range !== null) {
    const more = await fetchRange(entry.dn, range);
    if (more === undefined) break;
    values.push(...valuesOf(more, attribute));
    range = nextRange(more, attribute);
  }
  return values;
}

function attributesFor(mapping: DirectoryMapping, kind: 'user' | 'group'): string[] {
  const names =
    kind === 'user'
      ? [mapping.id, mapping.login, mapping.name, mapping.email, mapping.department, mapping.disabledFlags, mapping.memberOf]
      : [mapping.id, mapping.groupName, mapping.groupMember, mapping.groupMemberLogin, mapping.memberOf];
  return [...new Set(names.filter((name) => name !== ''))];
}

async function search(client: Client, options: ReadOptions, filter: string, kind: 'user' | 'group'): Promise<Entry[]> {
  const step = kind === 'user' ? 'user_filter' : 'group_filter';
  checkFilter(step, filter);
  try {
    const result = await client.search(options.baseDn, {
      scope: 'sub',
      filter,
      attributes: attributesFor(options.mapping, kind),
      explicitBufferAttributes: [options.mapping.id].filter((name) => BINARY_IDS.has(name.toLowerCase())),
      paged: { pageSize: options.pageSize },
    });
    return result.searchEntries;
  } catch (error) {
    throw searchFailure(step, error, options.baseDn);
  }
}

/** The base DN exists (a base search; fails with base_dn_not_found when it does not). */
export async function checkBaseDn(client: Client, baseDn: string): Promise<void> {
  try {
    await client.search(baseDn, { scope: 'base', filter: '(objectClass=*)', attributes: ['1.1'] });
  } catch (error) {
    throw searchFailure('base_dn', error, baseDn);
  }
}

export async function readDirectory(client: Client, options: ReadOptions): Promise<{ users: DirectoryUserEntry[]; groups: DirectoryGroupEntry[] }> {
  const { mapping } = options;
  await checkBaseDn(client, options.baseDn);
  const userEntries = await search(client, options, options.userFilter, 'user');
  const users: DirectoryUserEntry[] = [];
  for (const entry of userEntries) {
    const externalId = idOf(entry, mapping.id);
    if (externalId === null) continue;
    users.push({
      externalId,
      dn: normalizeDn(entry.dn),
      login: first(entry, mapping.login),
      name: first(entry, mapping.name),
      email: first(entry, mapping.email),
      department: first(entry, mapping.department),
      disabled: isDisabledByFlags(first(entry, mapping.disabledFlags) ?? undefined),
      memberOf: valuesOf(entry, mapping.memberOf).map(normalizeDn),
    });
  }
  const groupEntries = await search(client, options, options.groupFilter, 'group');
  const fetchRange = async (dn: string, range: string) => {
    const result = await client.search(dn, { scope: 'base', filter: '(objectClass=*)', attributes: [range] });
    return result.searchEntries[0];
  };
  const groups: DirectoryGroupEntry[] = [];
  for (const entry of groupEntries) {
    const externalId = idOf(entry, mapping.id);
    if (externalId === null) continue;
    const normalized = normalizeDn(entry.dn);
    groups.push({
      externalId,
      dn: normalized,
      name: first(entry, mapping.groupName),
      // An empty groupOfNames lists itself (its MUST member): not a member.
      memberDns: (await withAllRanges(entry, mapping.groupMember, fetchRange)).map(normalizeDn).filter((dn) => dn !== normalized),
      memberLogins: valuesOf(entry, mapping.groupMemberLogin),
      memberOf: valuesOf(entry, mapping.memberOf).map(normalizeDn),
    });
  }
  return { users, groups };
}
