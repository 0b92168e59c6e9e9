/**
 * Secret redaction for logs and ticket attachments. Only the secret part of a match is replaced by
 * `[REDACTED]`; keys, schemes, hosts and the rest of the line stay, so a redacted log is still useful.
 * When in doubt the rules redact a little too much rather than leak a tail of a secret.
 */

export const REDACTED = '[REDACTED]';

export type RedactionKind =
  | 'private-key'
  | 'authorization'
  | 'cookie'
  | 'url-credentials'
  | 'connection-string'
  | 'password'
  | 'token'
  | 'api-key'
  | 'secret'
  | 'session-id'
  | 'signature'
  | 'jwt'
  | 'aws-access-key'
  | 'password-hash'
  | 'bearer-token';

export interface RedactionResult {
  text: string;
  /** Number of secrets replaced. */
  count: number;
  /** Replacements per {@link RedactionKind}. */
  kinds: Record<string, number>;
}

class Tally {
  count = 0;
  readonly kinds: Record<string, number> = {};

  add(kind: RedactionKind): string {
    this.count += 1;
    this.kinds[kind] = (this.kinds[kind] ?? 0) + 1;
    return REDACTED;
  }
}

/**
 * Values that carry no secret: empty, placeholders, masked, literals like null/true, or already handled by
 * an earlier rule (a PEM key under `"private_key"` keeps its BEGIN/END lines around `[REDACTED]`).
 */
function carriesNoSecret(value: string): boolean {
  const trimmed = value.trim();
  return (
    trimmed === '' ||
    trimmed.includes(REDACTED) ||
    /^\*+$/.test(trimmed) ||
    /^(?:null|undefined|none|nil|true|false)$/i.test(trimmed)
  );
}

const LEADING_LINE_BREAKS = /^(?:\s|\\[rn])*/;
const TRAILING_LINE_BREAKS = /(?:\s|\\[rn])*$/;

/** Replaces the body of a block but keeps its leading and trailing line breaks (real or JSON-escaped). */
function replaceBlockBody(body: string, tally: Tally, kind: RedactionKind): string {
  const leading = LEADING_LINE_BREAKS.exec(body)?.[0] ?? '';
  const trailing = TRAILING_LINE_BREAKS.exec(body.slice(leading.length))?.[0] ?? '';
  return `${leading}${tally.add(kind)}${trailing}`;
}

type Rule = (text: string, tally: Tally) => string;

const PEM_PRIVATE_KEY_BLOCK =
  /(-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----)([\s\S]*?)(-----END \2PRIVATE KEY\3-----)/g;
/** A key cut off before its END line (truncated log): everything that still looks like key material. */
const PEM_PRIVATE_KEY_TRUNCATED =
  /(-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----)((?:\s|\\[rn])*)([A-Za-z0-9+/=](?:[A-Za-z0-9+/=:, \t\r\n-]|\\[rn])*)/g;

const redactPrivateKeys: Rule = (text, tally) =>
  text
    .replace(PEM_PRIVATE_KEY_BLOCK, (match, begin: string, _type, _block, body: string, end: string) =>
      carriesNoSecret(body.replace(LEADING_LINE_BREAKS, '').replace(TRAILING_LINE_BREAKS, ''))
        ? match
        : `${begin}${replaceBlockBody(body, tally, 'private-key')}${end}`,
    )
    .replace(PEM_PRIVATE_KEY_TRUNCATED, (_match, begin: string, gap: string, body: string) =>
      `${begin}${gap}${replaceBlockBody(body, tally, 'private-key')}`,
    );

/**
 * A header-like `Name: value`, `"name":"value"`, `name=value` or `-H "Name: value"`, matched up to the
 * start of the value. Groups: 1 quote before the name, 2 name, 3 quote after the name, 4 separator, 5 value quote.
 */
function headerPattern(name: string): RegExp {
  return new RegExp(String.raw`(?<![\w-])(\\?["']?)(${name})(\\?["']?)([ \t]*[:=][ \t]*)(\\?["']?)`, 'gi');
}

/** Where a header value ends: at its closing quote when it is quoted, otherwise at the end of the line. */
function headerValueEnd(text: string, start: number, closingQuote: string): number {
  const lineBreak = text.slice(start).search(/[\r\n]/);
  const lineEnd = lineBreak < 0 ? text.length : start + lineBreak;
  if (closingQuote === '') return lineEnd;
  if (closingQuote.startsWith('\\')) {
    const index = text.indexOf(closingQuote, start);
    return index < 0 || index > lineEnd ? lineEnd : index;
  }
  for (let index = start; index < lineEnd; index += 1) {
    if (text[index] === '\\') index += 1;
    else if (text[index] === closingQuote) return index;
  }
  return lineEnd;
}

type HeaderValueRedactor = (name: string, value: string, tally: Tally) => string;

/** A manual scan rather than `replace`, so that the next match starts right after this header's value. */
function redactHeaders(pattern: RegExp, redactValue: HeaderValueRedactor): Rule {
  return (text, tally) => {
    let output = '';
    let copiedUpTo = 0;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      const [head, quoteBefore = '', name = '', quoteAfter = '', , valueQuote = ''] = match;
      // `-H "Authorization: Bearer x"`: the quote opened before the name closes the value.
      const closingQuote = valueQuote !== '' ? valueQuote : quoteAfter === '' ? quoteBefore : '';
      const valueStart = match.index + head.length;
      const valueEnd = headerValueEnd(text, valueStart, closingQuote);
      output += text.slice(copiedUpTo, valueStart) + redactValue(name, text.slice(valueStart, valueEnd), tally);
      copiedUpTo = valueEnd;
      pattern.lastIndex = valueEnd;
    }
    return output + text.slice(copiedUpTo);
  };
}

const SINGLE_TOKEN_SCHEMES = new Set(['bearer', 'basic', 'token', 'negotiate', 'ntlm', 'apikey']);
/** Schemes whose credentials are a parameter list (`Digest username="..", response=".."`). */
const PARAMETER_SCHEMES = /^(?:digest|oauth|aws4-hmac-sha256|hoba|mutual|vapid|signature|scram-sha-\d+)$/i;

function redactAuthorizationValue(_name: string, value: string, tally: Tally): string {
  const [, first = '', gap = '', rest = ''] = /^(\S+)([ \t]*)(.*)$/s.exec(value) ?? [];
  if (first === '' || first.startsWith('{') || first.startsWith('[')) return value;
  if (rest === '') {
    return SINGLE_TOKEN_SCHEMES.has(first.toLowerCase()) || carriesNoSecret(first) ? value : tally.add('authorization') + gap;
  }
  if (SINGLE_TOKEN_SCHEMES.has(first.toLowerCase())) {
    const [, credential = '', remainder = ''] = /^([^\s"'\\]+)(.*)$/s.exec(rest) ?? [];
    return carriesNoSecret(credential) ? value : `${first}${gap}${tally.add('authorization')}${remainder}`;
  }
  if (PARAMETER_SCHEMES.test(first)) {
    const trailing = /[ \t]*$/.exec(rest)?.[0] ?? '';
    return `${first}${gap}${tally.add('authorization')}${trailing}`;
  }
  return carriesNoSecret(first) ? value : `${tally.add('authorization')}${gap}${rest}`;
}

const COOKIE_PAIR = /(^|;[ \t]*)([^=;\s]+)=([^;]*)/g;

/** `Cookie` carries many pairs, all redacted; `Set-Cookie` one pair followed by attributes (Path, Expires). */
function redactCookieValue(name: string, value: string, tally: Tally): string {
  const isSetCookie = name.toLowerCase().startsWith('set-');
  let pairsSeen = 0;
  return value.replace(COOKIE_PAIR, (pair, separator: string, cookieName: string, cookieValue: string) => {
    pairsSeen += 1;
    if ((isSetCookie && pairsSeen > 1) || carriesNoSecret(cookieValue)) return pair;
    const trailing = /[ \t]*$/.exec(cookieValue)?.[0] ?? '';
    return `${separator}${cookieName}=${tally.add('cookie')}${trailing}`;
  });
}

const redactAuthorizationHeaders = redactHeaders(headerPattern('(?:proxy-)?authorization'), redactAuthorizationValue);
const redactCookieHeaders = redactHeaders(headerPattern('(?:set-)?cookie'), redactCookieValue);

const CONNECTION_SCHEMES = new Set([
  'postgres', 'postgresql', 'mysql', 'mariadb', 'mongodb', 'mongodb+srv', 'redis', 'rediss', 'amqp', 'amqps',
  'mssql', 'sqlserver', 'oracle', 'db2', 'cockroachdb', 'clickhouse', 'kafka', 'nats', 'ldap', 'ldaps',
]);

/**
 * `scheme://user:password@host`. The password may contain '@' (the last '@' before the path wins),
 * but not '/', '?' or '#', so `http://host:8080/?mail=a@b` is not mistaken for credentials.
 */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*):\/\/([^\s:@/?#"'<>]*):([^\s/?#"'<>]+)@/gi;
/** Oracle thin/OCI driver: `jdbc:oracle:thin:scott/tiger@//host:1521/service`. */
const ORACLE_JDBC_CREDENTIALS = /\b(jdbc:oracle:[a-z0-9]+:[^\s/@:"']+\/)([^\s@"']+)@/gi;

const redactUrlCredentials: Rule = (text, tally) =>
  text
    .replace(URL_CREDENTIALS, (match, scheme: string, user: string, password: string) => {
      if (carriesNoSecret(password)) return match;
      const kind = CONNECTION_SCHEMES.has(scheme.toLowerCase()) ? 'connection-string' : 'url-credentials';
      return `${scheme}://${user}:${tally.add(kind)}@`;
    })
    .replace(ORACLE_JDBC_CREDENTIALS, (match, prefix: string, password: string) =>
      carriesNoSecret(password) ? match : `${prefix}${tally.add('connection-string')}@`,
    );

const SENSITIVE_KEY_SUFFIX =
  String.raw`(?:pass(?:word|wd|phrase)|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|session[_-]?id|sessid|signature)`;

/**
 * A sensitive key (`password`, `db.password`, `X-Api-Key`, `"client_secret"`, `\"token\"` inside escaped
 * JSON) followed by `=`, `:`, `:=` or `=>` and a value. The key must end in the sensitive word, so
 * `tokenizer=`, `password_policy=` or `token_type=` do not match. Groups: 1 key quote, 2 key,
 * 3 separator, 4 value in escaped quotes, 5 quote, 6 quoted value, 7 auth scheme, 8 bare value.
 */
const SENSITIVE_KEY_VALUE = new RegExp(
  String.raw`(?<![A-Za-z0-9_.-])(\\?["']?)([A-Za-z0-9_.-]*?${SENSITIVE_KEY_SUFFIX})\1([ \t]*(?:=>|:=|[:=])[ \t]*)` +
    String.raw`(?:\\"((?:[^"\\\r\n]|\\(?!")[^\r\n])*)\\"|(["'])((?:\\.|(?!\5)[^\\\r\n])*)\5|((?:(?:bearer|basic|token)[ \t]+)?)([^\s"'\\&,;<>{\[=][^\s"'\\&,;<>]*))`,
  'gi',
);

function kindOfKey(key: string): RedactionKind {
  const lower = key.toLowerCase();
  if (/(?:pass(?:word|wd|phrase)|pwd)$/.test(lower)) return 'password';
  if (/(?:session[_-]?id|sessid)$/.test(lower)) return 'session-id';
  if (/private[_-]?key$/.test(lower)) return 'private-key';
  if (lower.includes('secret')) return 'secret';
  if (/(?:api|access)[_-]?key$/.test(lower)) return 'api-key';
  if (/signature$/.test(lower)) return 'signature';
  return 'token';
}

const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

function occurrences(text: string, character: string): number {
  return text.split(character).length - 1;
}

/** Splits off closing brackets that the value did not open (`(url?password=x)` keeps its ')'). */
function splitUnbalancedClosers(value: string): [secret: string, tail: string] {
  let end = value.length;
  for (;;) {
    const closer = value[end - 1] ?? '';
    const opener = CLOSERS[closer];
    if (opener === undefined) break;
    const body = value.slice(0, end);
    if (occurrences(body, opener) >= occurrences(body, closer)) break;
    end -= 1;
  }
  return [value.slice(0, end), value.slice(end)];
}

/** Session ids are hex/base64 with a few separators; a URL query after `;jsessionid=...` is kept. */
function splitSessionId(value: string): [secret: string, tail: string] {
  const secret = /^[A-Za-z0-9+/=._~!%-]*/.exec(value)?.[0] ?? '';
  return [secret, value.slice(secret.length)];
}

function redactBareValue(key: string, scheme: string, value: string, tally: Tally): string {
  const kind = kindOfKey(key);
  const [secret, tail] = kind === 'session-id' ? splitSessionId(value) : splitUnbalancedClosers(value);
  if (carriesNoSecret(secret)) return `${scheme}${value}`;
  return `${scheme}${tally.add(kind)}${tail}`;
}

const redactSensitiveKeyValues: Rule = (text, tally) =>
  text.replace(
    SENSITIVE_KEY_VALUE,
    (
      match: string,
      keyQuote: string,
      key: string,
      separator: string,
      escapedValue: string | undefined,
      quote: string | undefined,
      quotedValue: string | undefined,
      scheme: string | undefined,
      bareValue: string | undefined,
    ) => {
      const head = `${keyQuote}${key}${keyQuote}${separator}`;
      if (escapedValue !== undefined) {
        return carriesNoSecret(escapedValue) ? match : `${head}\\"${tally.add(kindOfKey(key))}\\"`;
      }
      if (quote !== undefined && quotedValue !== undefined) {
        return carriesNoSecret(quotedValue) ? match : `${head}${quote}${tally.add(kindOfKey(key))}${quote}`;
      }
      return `${head}${redactBareValue(key, scheme ?? '', bareValue ?? '', tally)}`;
    },
  );

const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const redactJwts: Rule = (text, tally) => text.replace(JWT, () => tally.add('jwt'));

const AWS_ACCESS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA|APKA|ASCA)[A-Z0-9]{16}(?![A-Z0-9])/g;
/** Provider tokens with a recognisable prefix: GitHub, Slack, Stripe, Google API keys. */
const PROVIDER_API_KEY =
  /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255}|xox[abprs]-[A-Za-z0-9-]{10,}|[sr]k_(?:live|test)_[A-Za-z0-9]{16,}|AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_])/g;

const redactWellKnownKeys: Rule = (text, tally) =>
  text
    .replace(AWS_ACCESS_KEY_ID, () => tally.add('aws-access-key'))
    .replace(PROVIDER_API_KEY, () => tally.add('api-key'));

/**
 * Password hashes, whole: the portal's `scrypt$N$r$p$salt$hash`, PHC strings (`$scrypt$...`,
 * `$argon2id$v=19$m=...,t=...,p=...$salt$hash`, `$pbkdf2-sha256$...`) and bcrypt (`$2b$12$` + 53 characters).
 */
const PASSWORD_HASHES = [
  /(?<![A-Za-z0-9$])scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=._-]+\$[A-Za-z0-9+/=._-]+/g,
  /\$(?:scrypt|argon2(?:id|i|d)|pbkdf2(?:-sha\d+)?|balloon)\$[A-Za-z0-9+/=,.$_-]*[A-Za-z0-9+/=._-]{16,}/g,
  /\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}/g,
];

const redactPasswordHashes: Rule = (text, tally) =>
  PASSWORD_HASHES.reduce((current, pattern) => current.replace(pattern, () => tally.add('password-hash')), text);

/** A bearer credential anywhere in free text (`sent Bearer abc...`), not only in an Authorization header. */
const BEARER_IN_TEXT = /(?<![A-Za-z0-9_-])(Bearer)([ \t]+)([A-Za-z0-9._~+/-]{16,}=*)/gi;

const redactBearerTokens: Rule = (text, tally) =>
  text.replace(BEARER_IN_TEXT, (_match, scheme: string, gap: string) => `${scheme}${gap}${tally.add('bearer-token')}`);

/** Order matters: whole blocks and headers first, so a later rule never counts the same secret twice. */
const rules: Rule[] = [
  redactPrivateKeys,
  redactAuthorizationHeaders,
  redactCookieHeaders,
  redactUrlCredentials,
  redactPasswordHashes,
  redactSensitiveKeyValues,
  redactBearerTokens,
  redactJwts,
  redactWellKnownKeys,
];

export function redactSecrets(text: string): RedactionResult {
  const tally = new Tally();
  const redacted = rules.reduce((current, rule) => rule(current, tally), text);
  return { text: redacted, count: tally.count, kinds: tally.kinds };
}

const SENSITIVE_PROPERTY = new RegExp(`(?:${SENSITIVE_KEY_SUFFIX}|tokens|secrets|authorization|cookie|credentials?)$`, 'i');

/** True for property names whose value is secret as a whole (`password`, `apiKey`, `Set-Cookie`, ...). */
export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_PROPERTY.test(key);
}

/**
 * Deep copy with secrets removed: values under sensitive keys become `[REDACTED]` (empty ones stay,
 * so "no password given" remains visible), and every other string goes through {@link redactSecrets}.
 * Errors become `{ name, message, stack, ... }`, Maps plain objects, Sets arrays; cycles become `[Circular]`.
 */
export function redactObject(value: unknown): unknown {
  return redactValue(value, new WeakSet());
}

function redactValue(value: unknown, ancestors: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactSecrets(value).text;
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Date || ArrayBuffer.isView(value)) return value;
  if (ancestors.has(value)) return '[Circular]';
  ancestors.add(value);
  try {
    if (Array.isArray(value) || value instanceof Set) return [...value].map((item) => redactValue(item, ancestors));
    return redactEntries(entriesOf(value), ancestors);
  } finally {
    ancestors.delete(value);
  }
}

function entriesOf(value: object): [string, unknown][] {
  if (value instanceof Map) return [...value.entries()].map(([key, item]) => [String(key), item]);
  const entries = Object.entries(value);
  if (value instanceof Error) return [['name', value.name], ['message', value.message], ['stack', value.stack], ...entries];
  return entries;
}

function redactEntries(entries: [string, unknown][], ancestors: WeakSet<object>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, item] of entries) {
    result[key] = isSensitiveKey(key) && !isEmptySecret(item) ? REDACTED : redactValue(item, ancestors);
  }
  return result;
}

function isEmptySecret(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}
