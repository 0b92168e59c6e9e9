import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';
import pg from 'pg';
import { Agent, request as undiciRequest } from 'undici';
import { afterAll, beforeAll, expect } from 'vitest';
import { hashPassword } from './auth/passwords';
import { users } from './db/schema';
import { DEMO_ADMIN } from './demo/seed';
import { startPortal, type PortalOptions, type RunningPortal } from './server';

export interface TestRequestOptions {
  token?: string;
  /** Sent as JSON (content-type application/json). */
  body?: unknown;
  /** Sent as-is (set content-type yourself via headers when it matters). */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
}

export interface TestResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // Tests read arbitrary payloads; `any` keeps assertions short.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json<T = any>(): T;
}

export interface TestPortal {
  url: string;
  spki: string;
  portal: RunningPortal;
  close(): Promise<void>;
  request(method: string, path: string, options?: TestRequestOptions): Promise<TestResponse>;
  /** Signs in the demo admin (or the given account) and returns the bearer token. */
  signInAdmin(login?: string, password?: string): Promise<string>;
  /** Inserts a user with a real password hash straight into the database; returns its id. */
  addUser(user: TestUser): Promise<string>;
}

export interface TestUser {
  login: string;
  password: string;
  isAdmin?: boolean;
  enabled?: boolean;
  displayName?: string;
}

function requestHeaders(options: TestRequestOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  return { ...headers, ...options.headers };
}

/**
 * An HTTPS portal on 127.0.0.1 for integration tests (defaults: in-memory, demo data, free port).
 * Certificate checks are off in this client only; pinning is tested in main/.
 */
export async function startTestPortal(opts: Partial<PortalOptions> = {}): Promise<TestPortal> {
  const store = await testDatabase(opts);
  const portal = await startPortal({ memory: true, demo: true, port: 0, ...store.options, ...opts }).catch(async (error: unknown) => {
    await store.drop();
    throw error;
  });
  const agent = new Agent({ connect: { rejectUnauthorized: false } });

  const request = async (method: string, path: string, options: TestRequestOptions = {}): Promise<TestResponse> => {
    const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const response = await undiciRequest(new URL(path, portal.url), {
      method: method.toUpperCase() as 'GET',
      headers: requestHeaders(options),
      body,
      dispatcher: agent,
    });
    const text = await response.body.text();
    return {
      status: response.statusCode,
      headers: response.headers,
      text,
      json: () => JSON.parse(text),
    };
  };

  const signInAdmin = async (login: string = DEMO_ADMIN.login, password: string = DEMO_ADMIN.password) => {
    const response = await request('POST', '/api/v1/sessions', { body: { login, password } });
    if (response.status !== 201) throw new Error(`sign-in as ${login} failed: ${response.status} ${response.text}`);
    return response.json<{ token: string }>().token;
  };

  const addUser = async (user: TestUser): Promise<string> => {
    const [row] = await portal.db
      .insert(users)
      .values({
        login: user.login,
        displayName: user.displayName ?? user.login,
        isAdmin: user.isAdmin ?? false,
        enabled: user.enabled ?? true,
        passwordHash: await hashPassword(user.password),
      })
      .returning({ id: users.id });
    if (row === undefined) throw new Error(`could not add user ${user.login}`);
    return row.id;
  };

  return {
    url: portal.url,
    spki: portal.spki,
    portal,
    request,
    signInAdmin,
    addUser,
    close: async () => {
      await agent.close();
      await portal.close();
      await store.drop();
    },
  };
}

export interface TestApiOptions {
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as the If-Match header. */
  ifMatch?: string;
  headers?: Record<string, string>;
}

export interface SharedSignedInPortal {
  /** The portal started in beforeAll (undefined before it runs). */
  readonly portal: TestPortal;
  /** The demo admin's bearer token, signed in in beforeAll. */
  readonly token: string;
  /** A request to `/api/v1${path}` as the signed-in admin. */
  api(method: string, path: string, options?: TestApiOptions): Promise<TestResponse>;
}

/**
 * One test portal for the whole file: registers beforeAll (start it, sign in the demo admin) and
 * afterAll (close it). Call at the top level of a test file; read `portal` and `token` inside tests or hooks.
 */
export function sharedSignedInPortal(opts: Partial<PortalOptions> = {}): SharedSignedInPortal {
  let portal: TestPortal | undefined;
  let token: string | undefined;

  beforeAll(async () => {
    portal = await startTestPortal(opts);
    token = await portal.signInAdmin();
  });

  afterAll(async () => portal?.close());

  const shared: SharedSignedInPortal = {
    get portal() {
      return portal as TestPortal;
    },
    get token() {
      return token as string;
    },
    api: (method, path, options = {}) => {
      const headers = { ...(options.ifMatch === undefined ? {} : { 'if-match': options.ifMatch }), ...options.headers };
      return shared.portal.request(method, `/api/v1${path}`, {
        token: shared.token,
        ...(options.body === undefined ? {} : { body: options.body }),
        ...(Object.keys(headers).length === 0 ? {} : { headers }),
      });
    },
  };
  return shared;
}

interface TestDatabase {
  options: Partial<PortalOptions>;
  drop(): Promise<void>;
}

/**
 * With PORTAL_TEST_ENGINE=postgresql and PORTAL_TEST_DATABASE_URL (scripts/with-postgres.sh), a test
 * portal that names no store of its own gets a fresh PostgreSQL database, dropped when it closes: the
 * same integration tests then run on PostgreSQL as on PGlite. Otherwise: in-memory PGlite.
 * A portal names its store with `dataDir`, `databaseUrl` or an explicit `memory: true` (in-memory
 * PGlite whatever the engine: tests about PGlite itself).
 */
async function testDatabase(opts: Partial<PortalOptions>): Promise<TestDatabase> {
  const serverUrl = process.env.PORTAL_TEST_DATABASE_URL;
  const wantsPostgres = process.env.PORTAL_TEST_ENGINE === 'postgresql';
  const namesItsStore = opts.dataDir !== undefined || opts.databaseUrl !== undefined || opts.memory === true;
  if (!namesItsStore) recordSharedDatabaseUse();
  if (!wantsPostgres || namesItsStore) return { options: {}, drop: async () => undefined };
  if (serverUrl === undefined) throw new Error('PORTAL_TEST_ENGINE=postgresql needs PORTAL_TEST_DATABASE_URL (run under scripts/with-postgres.sh)');
  const name = `portal_test_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, `create database ${name}`);
  const databaseUrl = new URL(serverUrl);
  databaseUrl.pathname = `/${name}`;
  return {
    options: { databaseUrl: databaseUrl.toString(), memory: false },
    drop: () => onServer(serverUrl, `drop database if exists ${name} with (force)`),
  };
}

/**
 * Notes the calling test file in the file PORTAL_TEST_SHARED_DB_RECORD names (scripts/test.sh): the
 * files that start a portal on the shared test database, whatever the engine, are the PostgreSQL run.
 */
function recordSharedDatabaseUse(): void {
  const record = process.env.PORTAL_TEST_SHARED_DB_RECORD;
  const testFile = expect.getState().testPath;
  if (record === undefined || record === '' || testFile === undefined) return;
  appendFileSync(record, `${relative(process.cwd(), testFile)}\n`);
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A gate a test holds open instead of racing the product: the product awaits `hook` (a backup after it is recorded as
 * running, an import job before its first batch), `reached` tells the test it is waiting there, `open` lets it go on.
 */
export function heldGate() {
  let open!: () => void;
  let arrived!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const reached = new Promise<void>((resolve) => (arrived = resolve));
  return {
    hook: async () => {
      arrived();
      await opened;
    },
    reached,
    open,
  };
}
