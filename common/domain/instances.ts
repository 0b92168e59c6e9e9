// Service description 2.3 "Test- und Entwicklungsumgebung":
//   "Diese Test- und Entwicklungsumgebungen werden über die URLs der Produktivumgebung mit dem Zusatz „-test“ bzw.
//    „-dev“ bereitgestellt."
// The sheet does not say where in the URL the addition goes. Our reading: it is added to the portal's own name, the
// first label of the host name (`kunde.example.de` -> `kunde-test.example.de`): the rest of the host is the
// customer's or the provider's domain (2.1: "Eigene URL/Domain (z. B. myIntrexx.my-real-company.com)"), which the
// instances share. Scheme, port and path stay as they are. An address given as an IP has no name to add to.

export const instanceEnvironments = ['test', 'dev'] as const;
export type InstanceEnvironment = (typeof instanceEnvironments)[number];

export const INSTANCE_SUFFIX: Record<InstanceEnvironment, string> = { test: '-test', dev: '-dev' };

/** A DNS label holds at most 63 characters (RFC 1035). */
const MAX_LABEL_LENGTH = 63;

export interface DerivedInstance {
  environment: InstanceEnvironment;
  url: string;
  host: string;
}

export type InstanceDerivation =
  | { ok: true; instances: DerivedInstance[] }
  | { ok: false; reason: 'invalid_url' | 'ip_address' | 'label_too_long' };

interface ParsedAddress {
  scheme: string;
  hostname: string;
  /** Empty for the scheme's default port. */
  port: string;
  path: string;
}

// common/ has no URL class (no DOM, no node): the few parts needed are read by hand.
const ADDRESS = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?([^?#]*)/i;
const DEFAULT_PORTS: Record<string, string> = { https: '443', http: '80' };
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;

function parseAddress(written: string): ParsedAddress | null {
  const match = ADDRESS.exec(written.trim());
  if (match === null) return null;
  const scheme = match[1]!.toLowerCase();
  const port = match[3] ?? '';
  return {
    scheme,
    hostname: match[2]!.toLowerCase(),
    port: port === DEFAULT_PORTS[scheme] ? '' : port,
    path: match[4] === undefined || match[4] === '' ? '/' : match[4],
  };
}

function isIpLiteral(hostname: string): boolean {
  return hostname.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname);
}

/** The test and development instances of the production portal at `productionUrl`. */
export function deriveInstances(productionUrl: string): InstanceDerivation {
  const address = parseAddress(productionUrl);
  if (address === null || address.hostname === '') return { ok: false, reason: 'invalid_url' };
  if (isIpLiteral(address.hostname)) return { ok: false, reason: 'ip_address' };
  const [first, ...rest] = address.hostname.split('.');
  if (first === undefined || !LABEL.test(first)) return { ok: false, reason: 'invalid_url' };
  const instances: DerivedInstance[] = [];
  for (const environment of instanceEnvironments) {
    const label = `${first}${INSTANCE_SUFFIX[environment]}`;
    if (label.length > MAX_LABEL_LENGTH) return { ok: false, reason: 'label_too_long' };
    const host = [label, ...rest].join('.') + (address.port === '' ? '' : `:${address.port}`);
    instances.push({ environment, url: `${address.scheme}://${host}${address.path}`, host });
  }
  return { ok: true, instances };
}

/** Compares portal addresses the way profiles are told apart: scheme, host, port and path, ignoring a trailing slash. */
export function sameInstanceUrl(a: string, b: string): boolean {
  const key = (value: string) => {
    const address = parseAddress(value);
    return address === null ? null : `${address.scheme}://${address.hostname}:${address.port}${address.path.replace(/\/+$/, '')}`;
  };
  const keyA = key(a);
  return keyA !== null && keyA === key(b);
}
