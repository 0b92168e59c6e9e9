/** How long each step of a portal start took, in ms, in the order the steps ran. */
export type StartTimings = Array<[step: string, ms: number]>;

/** Runs one step of the start and notes its duration under `step`. */
export async function timedStep<T>(timings: StartTimings, step: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await run();
  } finally {
    timings.push([step, Math.round(performance.now() - started)]);
  }
}

/**
 * The one line a portal writes to stderr once it listens, even with --quiet:
 * `portal: started in 1234 ms (modules 300, tls 5, database 700, ...) on the prepared database`.
 * `sinceProcessStart` is performance.now() at that moment (its origin is the process start).
 */
export function startLine(timings: StartTimings, sinceProcessStart: number, origin: string | undefined): string {
  const steps = timings.map(([step, ms]) => `${step} ${ms}`).join(', ');
  const database = origin === undefined ? '' : ` on ${ORIGIN_TEXT[origin] ?? origin}`;
  return `portal: started in ${Math.round(sinceProcessStart)} ms (${steps})${database}`;
}

const ORIGIN_TEXT: Record<string, string> = {
  prepared: 'the prepared database',
  initdb: 'a new database (initdb)',
  existing: 'the existing database',
};

/** Reads a start line back (the startup bench reads the embedded portal's log): each step's ms, `total` included. */
export function parseStartLine(line: string): Record<string, number> | null {
  const match = /^portal: started in (\d+) ms \(([^)]*)\)/.exec(line);
  if (!match) return null;
  const steps: Record<string, number> = { total: Number(match[1]) };
  for (const part of match[2]!.split(', ')) {
    const step = /^(.+) (\d+)$/.exec(part);
    if (step) steps[step[1]!] = Number(step[2]);
  }
  return steps;
}
