import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSensitiveKey, REDACTED, redactObject, redactSecrets } from './redaction';

const X = REDACTED;
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkFubmEifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

describe('redactSecrets on realistic logs', () => {
  it.each<[string, string, string, Record<string, number>]>([
    [
      'nginx access log with token and api_key in the query',
      '203.0.113.7 - - [04/Feb/2025:10:12:01 +0100] "GET /api/v1/export?token=9f86d081884c7d65&api_key=k_live_123&format=csv HTTP/1.1" 200 5120 "-" "curl/8.5"',
      `203.0.113.7 - - [04/Feb/2025:10:12:01 +0100] "GET /api/v1/export?token=${X}&api_key=${X}&format=csv HTTP/1.1" 200 5120 "-" "curl/8.5"`,
      { token: 1, 'api-key': 1 },
    ],
    [
      'Java stack trace with a JDBC URL',
      [
        'ERROR [main] o.h.engine.jdbc.spi.SqlExceptionHelper - Connection refused',
        'org.postgresql.util.PSQLException: FATAL: password authentication failed for user "portal"',
        '\tat org.postgresql.Driver.connect(Driver.java:285) url=jdbc:postgresql://db.internal:5432/portal?user=portal&password=S3cret!&ssl=true',
        '\tat com.zaxxer.hikari.pool.PoolBase.newConnection(PoolBase.java:364) (jdbc:postgresql://portal:Tr0ub4dor@db.internal:5432/portal)',
      ].join('\n'),
      [
        'ERROR [main] o.h.engine.jdbc.spi.SqlExceptionHelper - Connection refused',
        'org.postgresql.util.PSQLException: FATAL: password authentication failed for user "portal"',
        `\tat org.postgresql.Driver.connect(Driver.java:285) url=jdbc:postgresql://db.internal:5432/portal?user=portal&password=${X}&ssl=true`,
        `\tat com.zaxxer.hikari.pool.PoolBase.newConnection(PoolBase.java:364) (jdbc:postgresql://portal:${X}@db.internal:5432/portal)`,
      ].join('\n'),
      { password: 1, 'connection-string': 1 },
    ],
    [
      'JSON request dump',
      '{"method":"POST","path":"/oauth/token","body":{"grant_type":"refresh_token","client_id":"console","client_secret":"s3cr3t-v4lue","refresh_token":"def50200a1b2","user":{"login":"anna","password":"correct horse battery staple","apiKey":"ak-8812"}},"token_type":"Bearer"}',
      `{"method":"POST","path":"/oauth/token","body":{"grant_type":"refresh_token","client_id":"console","client_secret":"${X}","refresh_token":"${X}","user":{"login":"anna","password":"${X}","apiKey":"${X}"}},"token_type":"Bearer"}`,
      { secret: 1, token: 1, password: 1, 'api-key': 1 },
    ],
    [
      'curl -v header dump',
      [
        '> GET /api/v1/users?limit=100 HTTP/1.1',
        '> Host: portal.example.com',
        '> Authorization: Basic YW5uYTpodW50ZXIy',
        '> Cookie: JSESSIONID=3F2A9C0B1D; theme=dark',
        '> X-Api-Key: 0c1d2e3f4a5b',
        '< HTTP/1.1 200 OK',
        '< Set-Cookie: portal_session=Zm9vYmFy; Path=/; Secure; HttpOnly',
        '< Content-Type: application/json',
      ].join('\n'),
      [
        '> GET /api/v1/users?limit=100 HTTP/1.1',
        '> Host: portal.example.com',
        `> Authorization: Basic ${X}`,
        `> Cookie: JSESSIONID=${X}; theme=${X}`,
        `> X-Api-Key: ${X}`,
        '< HTTP/1.1 200 OK',
        `< Set-Cookie: portal_session=${X}; Path=/; Secure; HttpOnly`,
        '< Content-Type: application/json',
      ].join('\n'),
      { authorization: 1, cookie: 3, 'api-key': 1 },
    ],
    [
      'curl command line with quoted headers',
      `curl -H "Authorization: Bearer ${JWT}" -H 'Cookie: sid=abc123' https://portal.example.com/api/v1/me`,
      `curl -H "Authorization: Bearer ${X}" -H 'Cookie: sid=${X}' https://portal.example.com/api/v1/me`,
      { authorization: 1, cookie: 1 },
    ],
    [
      'headers as JSON including a Digest authorization',
      '{"headers":{"authorization":"Digest username=\\"anna\\", response=\\"6629fae4\\"","proxy-authorization":"Bearer abc.def","user-agent":"console/1.0"}}',
      `{"headers":{"authorization":"Digest ${X}","proxy-authorization":"Bearer ${X}","user-agent":"console/1.0"}}`,
      { authorization: 2 },
    ],
    [
      'a JWT on its own',
      `WARN token rejected for anna: ${JWT} (expired)`,
      `WARN token rejected for anna: ${X} (expired)`,
      { jwt: 1 },
    ],
    [
      'PEM private key, multi-line, kept as a block',
      'tls:\n  cert: /etc/portal/tls.crt\n  key: |\n    -----BEGIN RSA PRIVATE KEY-----\n    MIIEpAIBAAKCAQEAx4Zb\n    q8vB3N0aZ9m2==\n    -----END RSA PRIVATE KEY-----\n  ciphers: modern',
      `tls:\n  cert: /etc/portal/tls.crt\n  key: |\n    -----BEGIN RSA PRIVATE KEY-----\n    ${X}\n    -----END RSA PRIVATE KEY-----\n  ciphers: modern`,
      { 'private-key': 1 },
    ],
    [
      'PEM private key JSON-escaped',
      '{"name":"ec","pem":"-----BEGIN EC PRIVATE KEY-----\\nMHcCAQEEIBkg\\nAwEHoUQDQgAE\\n-----END EC PRIVATE KEY-----\\n"}',
      `{"name":"ec","pem":"-----BEGIN EC PRIVATE KEY-----\\n${X}\\n-----END EC PRIVATE KEY-----\\n"}`,
      { 'private-key': 1 },
    ],
    [
      'PEM private key under a sensitive JSON key is counted once',
      '{"private_key":"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg\\n-----END PRIVATE KEY-----\\n","client_email":"svc@example.com"}',
      `{"private_key":"-----BEGIN PRIVATE KEY-----\\n${X}\\n-----END PRIVATE KEY-----\\n","client_email":"svc@example.com"}`,
      { 'private-key': 1 },
    ],
    [
      'PEM private key cut off by log truncation',
      'loaded key -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7',
      `loaded key -----BEGIN PRIVATE KEY-----\n${X}`,
      { 'private-key': 1 },
    ],
    [
      'URLs with user:password@',
      'fetching https://deploy:gh0st-Pass@git.example.com/portal.git and redis://:r3d1s@cache:6379/0',
      `fetching https://deploy:${X}@git.example.com/portal.git and redis://:${X}@cache:6379/0`,
      { 'url-credentials': 1, 'connection-string': 1 },
    ],
    [
      'connection strings, password with @ and Oracle thin syntax',
      'DATABASE_URL=postgres://portal:p@ss@db:5432/portal ORACLE=jdbc:oracle:thin:scott/tiger@//ora:1521/ORCL',
      `DATABASE_URL=postgres://portal:${X}@db:5432/portal ORACLE=jdbc:oracle:thin:scott/${X}@//ora:1521/ORCL`,
      { 'connection-string': 2 },
    ],
    [
      'AWS access key id and secret',
      'aws_access_key_id=AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      `aws_access_key_id=${X}\naws_secret_access_key = ${X}`,
      { 'aws-access-key': 1, secret: 1 },
    ],
    [
      'passwd, pwd and SQL Server connection string',
      'mysqladmin --user=root --passwd=r00t! ; Server=sql1;Database=portal;User Id=sa;Pwd=Sa-2025;Encrypt=true',
      `mysqladmin --user=root --passwd=${X} ; Server=sql1;Database=portal;User Id=sa;Pwd=${X};Encrypt=true`,
      { password: 2 },
    ],
    [
      'session ids after sessionid= and JSESSIONID=, query kept',
      'GET /portal/app;jsessionid=0A1B2C3D4E5F.node1?page=2 sessionid=dGhpcyBpcyBhIHNlc3Npb24= PHPSESSID=9c1185a5c5e9fc54612808977ee8f548',
      `GET /portal/app;jsessionid=${X}?page=2 sessionid=${X} PHPSESSID=${X}`,
      { 'session-id': 3 },
    ],
    [
      'escaped JSON inside a log message',
      'DEBUG payload="{\\"login\\":\\"anna\\",\\"password\\":\\"hunter2\\"}"',
      `DEBUG payload="{\\"login\\":\\"anna\\",\\"password\\":\\"${X}\\"}"`,
      { password: 1 },
    ],
    [
      'Java toString and YAML with a quoted value',
      'Credentials{user=anna, password=hunter2} spring.datasource.password: "pa ss word" # prod',
      `Credentials{user=anna, password=${X}} spring.datasource.password: "${X}" # prod`,
      { password: 2 },
    ],
    [
      'bearer scheme behind a custom token header',
      'X-Auth-Token: Bearer 5f4dcc3b5aa765d61d8327deb882cf99',
      `X-Auth-Token: Bearer ${X}`,
      { token: 1 },
    ],
    [
      'provider tokens with known prefixes',
      'GITHUB=ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc',
      `GITHUB=${X} stripe ${X}`,
      { 'api-key': 2 },
    ],
  ])('%s', (_label, input, expected, kinds) => {
    const result = redactSecrets(input);
    expect(result.text).toBe(expected);
    expect(result.kinds).toEqual(kinds);
    expect(result.count).toBe(Object.values(kinds).reduce((sum, n) => sum + n, 0));
  });
});

describe('redactSecrets leaves ordinary text alone', () => {
  it.each([
    'password policy changed by admin',
    'Password must contain at least 12 characters',
    'passwordless login enabled for group Sales',
    'search uses tokenizer=standard and analyzer=german',
    'token_type=Bearer expires_in=3600 scope=openid',
    'password_policy=strict min_length=12',
    'The secret santa list is in the wiki',
    'POST /api/v1/users/42/reset-password HTTP/1.1',
    'Authorization failed for user anna',
    'Set-Cookie header missing in response',
    'https://portal.example.com:8443/api/v1/invite?mail=bob@example.com',
    'git clone ssh://git@github.com/acme/portal.git',
    'commit 3f2a9c0b1d4e5f60718293a4b5c6d7e8f9012345 by bob@example.com',
    'request id 123e4567-e89b-12d3-a456-426614174000',
    'prefix eyJhbGciOi without payload',
    'password=&confirm=',
    '{"password": null, "token": "", "apiKey": "********"}',
    `already clean: password=${X} "token":"${X}" Authorization: Bearer ${X}`,
  ])('%s', (text) => {
    expect(redactSecrets(text)).toEqual({ text, count: 0, kinds: {} });
  });
});

describe('redactSecrets prefers redacting too much over leaking', () => {
  it.each([
    // An empty value followed by another key cannot be told apart from the password "user=anna".
    ['password= user=anna', `password= ${X}`],
    // Prose that looks like a key/value pair loses its next word.
    ['token: expired', `token: ${X}`],
    // A password with an unencoded ')' at its end keeps that ')' outside (it closes the surrounding bracket).
    ['(url?password=S3cret!)', `(url?password=${X})`],
    ['password=S3cr(t!)', `password=${X}`],
  ])('%s', (input, expected) => {
    expect(redactSecrets(input).text).toBe(expected);
  });
});

describe('redactSecrets properties', () => {
  const secret = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9!$%*+._~-]{11,39}$/);
  // Each template holds one secret (the cookie header also redacts its two other cookie values).
  const templates: [template: (value: string) => string, secrets: number][] = [
    [(value) => `login ok password=${value} user=anna`, 1],
    [(value) => `{"access_token":"${value}","expires_in":3600}`, 1],
    [(value) => `Authorization: Bearer ${value}\nAccept: */*`, 1],
    [(value) => `Cookie: lang=de; JSESSIONID=${value}; x=1`, 3],
    [(value) => `connect postgres://portal:${value}@db:5432/portal failed`, 1],
    [(value) => `GET /x?client_secret=${value}&y=1 HTTP/1.1`, 1],
    [(value) => `-----BEGIN PRIVATE KEY-----\n${value}\n-----END PRIVATE KEY-----`, 1],
  ];

  it('never lets the secret through, and a second pass finds nothing new', () => {
    fc.assert(
      fc.property(secret, fc.constantFrom(...templates), (value, [template, secrets]) => {
        const first = redactSecrets(template(value));
        expect(first.text).not.toContain(value);
        expect(first.count).toBe(secrets);
        expect(redactSecrets(first.text).count).toBe(0);
      }),
    );
  });

  it('stays fast on large inputs without separators (no catastrophic backtracking)', () => {
    const hostile = `${'password'.repeat(20_000)} ${'a:'.repeat(50_000)}@ "token":"${'\\a'.repeat(50_000)}`;
    const started = performance.now();
    redactSecrets(hostile);
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});

describe('isSensitiveKey', () => {
  it.each([
    ['password', true],
    ['newPassword', true],
    ['db_passwd', true],
    ['token', true],
    ['refresh_token', true],
    ['tokens', true],
    ['secret', true],
    ['clientSecret', true],
    ['Authorization', true],
    ['cookie', true],
    ['Set-Cookie', true],
    ['apiKey', true],
    ['x-api-key', true],
    ['privateKey', true],
    ['credentials', true],
    ['passwordPolicy', false],
    ['tokenizer', false],
    ['token_type', false],
    ['secretary', false],
    ['username', false],
    ['key', false],
  ])('%s -> %s', (key, expected) => {
    expect(isSensitiveKey(key)).toBe(expected);
  });
});

describe('redactObject', () => {
  it('redacts sensitive keys deeply, scans other strings and leaves the input untouched', () => {
    const input = {
      user: { login: 'anna', password: 'hunter2', passwordPolicy: { minLength: 12 } },
      headers: { Authorization: 'Bearer abc', 'Set-Cookie': ['a=1', 'b=2'], accept: 'application/json' },
      profiles: [{ name: 'prod', apiKey: 'k-1', privateKey: { pem: '...' } }],
      message: 'connect to postgres://portal:s3cret@db/portal failed',
      emptyPassword: '',
      token: null,
      retries: 3,
      createdAt: new Date('2025-02-04T10:00:00Z'),
    };
    const copy = structuredClone(input);

    expect(redactObject(input)).toEqual({
      user: { login: 'anna', password: X, passwordPolicy: { minLength: 12 } },
      headers: { Authorization: X, 'Set-Cookie': X, accept: 'application/json' },
      profiles: [{ name: 'prod', apiKey: X, privateKey: X }],
      message: `connect to postgres://portal:${X}@db/portal failed`,
      emptyPassword: '',
      token: null,
      retries: 3,
      createdAt: new Date('2025-02-04T10:00:00Z'),
    });
    expect(input).toEqual(copy);
  });

  it('turns errors, maps and sets into redacted plain values', () => {
    const error = Object.assign(new Error('login failed with password=hunter2'), { code: 'E_AUTH', token: 't-1' });
    const redacted = redactObject({
      error,
      headers: new Map([['authorization', 'Basic YW5uYQ=='], ['accept', '*/*']]),
      tags: new Set(['ok', 'access_token=abc123']),
    }) as { error: Record<string, unknown>; headers: unknown; tags: unknown };

    expect(redacted.error).toMatchObject({ name: 'Error', message: `login failed with password=${X}`, code: 'E_AUTH', token: X });
    expect(String(redacted.error['stack'])).not.toContain('hunter2');
    expect(redacted.headers).toEqual({ authorization: X, accept: '*/*' });
    expect(redacted.tags).toEqual(['ok', `access_token=${X}`]);
  });

  it('marks cycles instead of recursing forever, but keeps repeated (non-cyclic) references', () => {
    const shared = { note: 'x' };
    const node: Record<string, unknown> = { name: 'root', left: shared, right: shared };
    node['self'] = node;
    expect(redactObject(node)).toEqual({ name: 'root', left: { note: 'x' }, right: { note: 'x' }, self: '[Circular]' });
  });

  it('passes primitives through and redacts a bare string', () => {
    expect(redactObject(42)).toBe(42);
    expect(redactObject(undefined)).toBeUndefined();
    expect(redactObject('pwd=abc')).toBe(`pwd=${X}`);
  });
});

describe('password hashes and bearer tokens in free text', () => {
  const scrypt = 'scrypt$16384$8$1$3q2+7w1xkYj0h9c8Z5bJ2A==$Yk9rT2xPc0pWbG1Rd2ZLZ1ZmV0lQUXJ4Y2FkVm5pU0o=';
  const phcScrypt = '$scrypt$ln=17,r=8,p=1$c2FsdHNhbHRzYWx0$kW3VJ5mT9q8xZlPqB2nC4dE6fG8hI0jK1lM3nO5pQ7r';
  const argon2 = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$RdescudvJCsgt3ub+b+dWRWJTmaaJObG';
  const bcrypt = '$2b$12$KIXQJ3vN9zQ8m1hF7r2Bue6lW0bYcGfP4sT5uV6wX7yZ8a9b0c1dO';
  const token = 'k3Jd8_fQ2-pLm9vX4rT7yW1zA6bC5eH0gN3sU8qR2tY';

  it.each([
    ['the portal scrypt format', scrypt],
    ['a PHC scrypt string', phcScrypt],
    ['argon2id', argon2],
    ['bcrypt', bcrypt],
  ])('removes %s wherever it stands (a failed query listing its parameters)', (_name, hash) => {
    const line = `Failed query: insert into "users" (...) values ($1, $2, $3)\nparams: anna,Anna Schmidt,${hash},de`;
    const result = redactSecrets(line);
    expect(result.text).not.toContain(hash.slice(-20));
    expect(result.text).toContain(`Anna Schmidt,${X},de`);
    expect(result.kinds).toEqual({ 'password-hash': 1 });
  });

  it('removes a bearer token outside any header, and keeps the word', () => {
    const result = redactSecrets(`retrying with Bearer ${token} after 401`);
    expect(result.text).toBe(`retrying with Bearer ${X} after 401`);
    expect(result.kinds).toEqual({ 'bearer-token': 1 });
  });

  it('counts a bearer token in an Authorization header once', () => {
    expect(redactSecrets(`Authorization: Bearer ${token}`)).toMatchObject({ text: `Authorization: Bearer ${X}`, count: 1 });
  });

  it('leaves text about hashes and bearers alone', () => {
    const text = 'hash scheme scrypt (N=16384); bearer auth is used; $2 per unit';
    expect(redactSecrets(text)).toEqual({ text, count: 0, kinds: {} });
  });
});
