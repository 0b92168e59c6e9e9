import { createInterface } from 'node:readline';
import { z } from 'zod';
import { ConsoleError } from '../../common/errors';

const ReadyLine = z.object({ url: z.string().url(), spki: z.string() });
export type ReadyLine = z.infer<typeof ReadyLine>;

const START_TIMEOUT_MS = 120_000;

/**
 * The embedded portal's one JSON ready line, whichever process runs it (a fork in browser mode, Electron's utility
 * process). Rejects when the portal ends first (`ended` settles with why), prints something else, takes longer than
 * two minutes, or the console closes (`stopping`); the caller then stops the process.
 */
export function waitForReadyLine(stdout: NodeJS.ReadableStream | null | undefined, ended: Promise<string>, stopping: AbortSignal): Promise<ReadyLine> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = () => {
      settled = true;
      clearTimeout(timer);
      stopping.removeEventListener('abort', onStopping);
    };
    const fail = (message: string) => {
      if (settled) return;
      settle();
      reject(new ConsoleError('INTERNAL', `The local test portal did not start: ${message}`));
    };
    const onStopping = () => fail('the console closed while it started');
    const timer = setTimeout(() => fail(`no ready line within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    if (stopping.aborted) return onStopping();
    stopping.addEventListener('abort', onStopping, { once: true });
    if (!stdout) return fail('its output is not piped');
    createInterface({ input: stdout }).once('line', (line) => {
      if (settled) return;
      const parsed = ReadyLine.safeParse(safeJson(line));
      if (!parsed.success) return fail(`unexpected output ${line.slice(0, 200)}`);
      settle();
      resolve(parsed.data);
    });
    void ended.then(fail);
  });
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}
