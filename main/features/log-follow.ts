import { LOG_EXPORT_MAX_ENTRIES, type ConsoleHandlers, type LogExport } from '../../common/contract';
import { redactSecrets } from '../../common/domain/redaction';
import { ServerLogFollowPage } from '../../common/portal-api/log-follow';
import { ServerLogPage, type ServerLogEntry } from '../../common/portal-api/support';
import type { BackendContext } from '../context';
import type { PortalClient } from '../services/portal-client';

/** Time beyond the portal's own wait before the console gives a held follow request up. */
const FOLLOW_SLACK_MS = 10_000;
const DEFAULT_WAIT_SECONDS = 20;
const EXPORT_PAGE_SIZE = 1000;
/** The end of an open range: later than any entry a portal can hold. */
const UNTIL_THE_NEWEST = '9999-12-31T23:59:59.999Z';

const blankToUndefined = (text: string | undefined) => (text === undefined || text.trim() === '' ? undefined : text.trim());

/** One line per entry: "2026-03-10T08:00:00.250Z WARN sign-in refused {"login":"mia"}". */
export function logLine(entry: ServerLogEntry): string {
  const context = entry.context === undefined ? '' : ` ${JSON.stringify(entry.context)}`;
  return `${entry.at} ${entry.level.toUpperCase().padEnd(5)} ${entry.message}${context}`;
}

/** "server-log_portal.example.de_2026-03-10T0800Z_2026-03-10T0900Z.log": host and range, safe on every file system. */
export function logExportFilename(host: string, from: string, to: string): string {
  const stamp = (iso: string) => new Date(iso).toISOString().slice(0, 16).replace(/:/g, '') + 'Z';
  const safeHost = host.replace(/[^A-Za-z0-9.-]/g, '-');
  return `server-log_${safeHost}_${stamp(from)}_${stamp(to)}.log`;
}

interface RangeQuery {
  from: string;
  to: string;
  level?: string;
  contains?: string;
}

async function readRange(client: PortalClient, range: RangeQuery): Promise<{ entries: ServerLogEntry[]; truncated: boolean }> {
  const entries: ServerLogEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = (await client.get('/logs', ServerLogPage, { query: { ...range, cursor, limit: EXPORT_PAGE_SIZE } })).data;
    entries.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && entries.length < LOG_EXPORT_MAX_ENTRIES);
  return { entries: entries.slice(0, LOG_EXPORT_MAX_ENTRIES), truncated: cursor !== undefined || entries.length > LOG_EXPORT_MAX_ENTRIES };
}

/** Redacts every line once more: the export leaves the console, so it does not rely on the portal alone. */
export function exportText(entries: readonly ServerLogEntry[]): { text: string; redacted: number } {
  let redacted = 0;
  const lines = entries.map((entry) => {
    const result = redactSecrets(logLine(entry));
    redacted += result.count;
    return result.text;
  });
  return { text: lines.length === 0 ? '' : `${lines.join('\n')}\n`, redacted };
}

/** Following the server log (one held request to the portal at a time) and exporting a range of it. */
export function logFollowHandlers(ctx: BackendContext): Pick<ConsoleHandlers, 'instance:followLogs' | 'instance:exportLogs'> {
  return {
    'instance:followLogs': async ({ after, level, contains, waitSeconds = DEFAULT_WAIT_SECONDS }) => {
      const query = { after, level, contains: blankToUndefined(contains), waitSeconds };
      const response = await ctx.session.client().get('/logs/follow', ServerLogFollowPage, {
        query,
        timeoutMs: waitSeconds * 1000 + FOLLOW_SLACK_MS,
      });
      return response.data;
    },
    'instance:exportLogs': async ({ from, to, level, contains }): Promise<LogExport> => {
      const client = ctx.session.client();
      const { entries, truncated } = await readRange(client, { from, to: to ?? UNTIL_THE_NEWEST, level, contains: blankToUndefined(contains) });
      const { text, redacted } = exportText(entries);
      ctx.log.info('server log exported', { entries: entries.length, truncated });
      const end = to ?? entries.at(-1)?.at ?? new Date().toISOString();
      return { filename: logExportFilename(client.host, from, end), text, entries: entries.length, redacted, truncated };
    },
  };
}
