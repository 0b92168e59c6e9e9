import { parseArgs } from 'node:util';
import { Environment } from '../common/portal-api/common';
import { parseClockStart, runningClockFrom } from './clock';
import type { PortalOptions } from './server';

export const USAGE = `Usage: npm run portal -- (--data DIR | --memory | DATABASE_URL=...) [options]
  --port N         port to listen on (default 0: pick a free one)
  --host H         address to bind (default 127.0.0.1)
  --data DIR       PGlite data folder; the TLS certificate is kept here too
  --memory         in-memory database and certificate (nothing is kept)
  --demo           seed the demo company into an empty database
  --small-memory   PGlite with small Postgres buffers (the console's embedded portal; not for large data)
  --cert F --key F serve this certificate instead of a self-signed one
  --env E          prod | test | dev
  --quiet          no request logs on stderr
  --clock INSTANT  start the portal's clock at this ISO instant with offset (then it runs on); for tests and demos
Environment: DATABASE_URL selects PostgreSQL; PORTAL_CLOCK is --clock; PORTAL_ADMIN_PASSWORD creates the first admin of an empty non-demo portal.
Prints one JSON line {"url": ..., "spki": ...} to stdout once listening.`;

export class UsageError extends Error {}

function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0..65535, got "${value}"`);
  return port;
}

function parseEnvironment(value: string | undefined): PortalOptions['environment'] {
  if (value === undefined) return undefined;
  const parsed = Environment.safeParse(value);
  if (!parsed.success) throw new UsageError(`--env must be prod, test or dev, got "${value}"`);
  return parsed.data;
}

function parseClock(value: string | undefined): PortalOptions['now'] {
  if (value === undefined || value === '') return undefined;
  const start = parseClockStart(value);
  if (start === null) throw new UsageError(`--clock (or PORTAL_CLOCK) must be an ISO instant with offset, got "${value}"`);
  return runningClockFrom(start);
}

export function parseCli(argv: string[], env: NodeJS.ProcessEnv): PortalOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      memory: { type: 'boolean' },
      demo: { type: 'boolean' },
      'small-memory': { type: 'boolean' },
      cert: { type: 'string' },
      key: { type: 'string' },
      env: { type: 'string' },
      quiet: { type: 'boolean' },
      clock: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return 'help';
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (values.data === undefined && values.memory !== true && databaseUrl === undefined) {
    throw new UsageError('choose where data lives: --data DIR, --memory, or DATABASE_URL');
  }
  if ((values.cert === undefined) !== (values.key === undefined)) throw new UsageError('--cert and --key go together');
  return {
    port: parsePort(values.port),
    host: values.host ?? '127.0.0.1',
    dataDir: values.data,
    memory: values.memory === true,
    databaseUrl,
    demo: values.demo === true,
    smallMemory: values['small-memory'] === true,
    certFile: values.cert,
    keyFile: values.key,
    environment: parseEnvironment(values.env),
    logger: values.quiet !== true,
    initialAdminPassword: env.PORTAL_ADMIN_PASSWORD || undefined,
    now: parseClock(values.clock ?? env.PORTAL_CLOCK),
  };
}
