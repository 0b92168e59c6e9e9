import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface RunningDirectory {
  /** LDAP_TEST_* of scripts/with-slapd.sh; empty when no OpenLDAP server is installed. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

// Prints the directory's variables as one JSON line and holds the server until its stdin closes.
const HOLD = `
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key.startsWith('LDAP_TEST_')));
console.log(JSON.stringify(env));
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
`;

/**
 * A throwaway OpenLDAP (scripts/with-slapd.sh) for a spec, seeded small: the e2e proves the console's flow,
 * the 10,000-person directory is the integration tests' and the bench's.
 */
export async function startDirectory(users = 300, groups = 20): Promise<RunningDirectory> {
  const { LDAP_TEST_URL: _ignored, ...parentEnv } = process.env;
  const child: ChildProcess = spawn('bash', ['scripts/with-slapd.sh', process.execPath, '-e', HOLD], {
    env: { ...parentEnv, LDAP_SEED_USERS: String(users), LDAP_SEED_GROUPS: String(groups) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    errors += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout! });
  const env = await new Promise<Record<string, string>>((resolve, reject) => {
    lines.on('line', (line) => {
      if (line.startsWith('{')) resolve(JSON.parse(line) as Record<string, string>);
      else errors += `${line}\n`;
    });
    child.once('close', (code) => reject(new Error(`with-slapd.sh ended (${code}) before the directory was up: ${errors.trim()}`)));
  });
  return {
    env,
    stop: async () => {
      child.stdin?.end();
      await exited;
    },
  };
}
