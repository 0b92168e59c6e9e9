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

function isIpLiteral(hostname: string): boolean {
  return hostname.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname);
}

/** The test and development instances of the production portal at `productionUrl`. */
export function deriveInstances(productionUrl: string): InstanceDerivation {
  if (!URL.canParse(productionUrl)) return { ok: false, reason: 'invalid_url' };
  const url = new URL(productionUrl);
  if (url.hostname === '' || isIpLiteral(url.hostname)) return { ok: false, reason: 'ip_address' };
  const [first, ...rest] = writtenHostname(productionUrl, url).split('.');
  if (first === undefined || first === '') return { ok: false, reason: 'invalid_url' };
  const instances: DerivedInstance[] = [];
  for (const environment of instanceEnvironments) {
    const label = `${first}${INSTANCE_SUFFIX[environment]}`;
    const port = url.port === '' ? '' : `:${url.port}`;
    const candidate = `${url.protocol}//${[label, ...rest].join('.')}${port}${url.pathname}`;
    if (!URL.canParse(candidate)) return { ok: false, reason: 'invalid_url' };
    const derived = new URL(candidate);
    if (derived.hostname.split('.')[0]!.length > MAX_LABEL_LENGTH) return { ok: false, reason: 'label_too_long' };
    instances.push({ environment, url: derived.toString(), host: derived.host });
  }
  return { ok: true, instances };
}

/**
 * The host name as written (an internationalised name before its xn-- encoding): the suffix belongs to the name,
 * and "-test" cannot simply be appended to an encoded label.
 */
function writtenHostname(written: string, parsed: URL): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^:/?#]+)/i.exec(written.trim());
  return (match?.[1] ?? parsed.hostname).toLowerCase();
}

/** Compares portal addresses the way profiles are told apart: scheme, host, port and path, ignoring a trailing slash. */
export function sameInstanceUrl(a: string, b: string): boolean {
  if (!URL.canParse(a) || !URL.canParse(b)) return false;
  const key = (value: string) => {
    const url = new URL(value);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  };
  return key(a) === key(b);
}
