import { strToU8, Zip, ZipDeflate } from 'fflate';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { BUNDLE_MAX_BYTES, type BundlePart, type BundlePreview, type ConsoleHandlers } from '../../common/contract';
import { ConsoleError } from '../../common/errors';
import { redactObject, redactSecrets } from '../../common/domain/redaction';
import { ServerLogPage } from '../../common/portal-api/support';
import type { BackendContext } from '../context';
import { offerDownload, type SaveDialog } from '../services/file-download';
import type { PortalClient } from '../services/portal-client';
import { exportText } from './log-follow';

/** Server-log entries of the last day at most; the newest are kept. */
const SERVER_LOG_ENTRIES = 5_000;
const CONSOLE_LOG_ENTRIES = 2_000;
const DAY_MS = 24 * 3_600_000;
const Anything = z.unknown();

export interface BundleContent {
  filename: string;
  parts: BundlePart[];
  redacted: number;
  zip: Uint8Array;
}

interface PartText {
  name: string;
  text: string;
  unavailable: string | null;
}

function failureText(error: unknown): string {
  return error instanceof ConsoleError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
}

/** A JSON part from the portal; when the portal cannot give it, the part says why instead. */
async function jsonPart(name: string, read: () => Promise<unknown>): Promise<PartText> {
  try {
    return { name, text: JSON.stringify(redactObject(await read()), null, 2), unavailable: null };
  } catch (error) {
    const reason = failureText(error);
    return { name, text: JSON.stringify({ unavailable: reason }, null, 2), unavailable: reason };
  }
}

/** The registration code opens the portal to strangers: it never leaves it, whatever redaction knows. */
function withoutRegistrationCode(policy: unknown): unknown {
  if (policy === null || typeof policy !== 'object') return policy;
  const stored = policy as { membership?: { registrationCode?: unknown } };
  if (stored.membership?.registrationCode === undefined || stored.membership.registrationCode === null) return policy;
  return { ...stored, membership: { ...stored.membership, registrationCode: '[REDACTED]' } };
}

async function count(client: PortalClient, path: string, query: Record<string, string | number> = {}): Promise<number | null> {
  const page = (await client.get(path, z.object({ items: z.array(z.unknown()), total: z.number().optional() }).passthrough(), { query: { limit: 1, ...query } })).data;
  return page.total ?? null;
}

async function recentServerLog(client: PortalClient): Promise<PartText> {
  try {
    // The last day by the portal's clock: this machine's clock may differ from it by more than a day.
    const portalNow = Date.parse((await client.get('/health', z.object({ time: z.string() }).passthrough())).data.time);
    const to = new Date(portalNow + 60_000).toISOString();
    const from = new Date(portalNow - DAY_MS).toISOString();
    const entries = [];
    let cursor: string | undefined;
    do {
      const page = (await client.get('/logs', ServerLogPage, { query: { from, to, cursor, limit: 1000 } })).data;
      entries.push(...page.items);
      if (entries.length > SERVER_LOG_ENTRIES) entries.splice(0, entries.length - SERVER_LOG_ENTRIES);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return { name: 'server-log.txt', text: exportText(entries).text, unavailable: null };
  } catch (error) {
    return { name: 'server-log.txt', text: `unavailable: ${failureText(error)}\n`, unavailable: failureText(error) };
  }
}

async function consoleLog(ctx: BackendContext): Promise<PartText> {
  const slice = await ctx.log.read({ limit: CONSOLE_LOG_ENTRIES });
  const lines = slice.entries.map((entry) => JSON.stringify(redactObject(entry)));
  return { name: 'console-log.jsonl', text: lines.length === 0 ? '' : `${lines.join('\n')}\n`, unavailable: null };
}

async function collectParts(ctx: BackendContext): Promise<PartText[]> {
  const client = ctx.session.client();
  const state = ctx.session.current();
  const versions = {
    generatedAt: new Date().toISOString(),
    console: { version: ctx.appVersion, shell: ctx.shell, platform: process.platform, arch: process.arch, node: process.version },
    portal: state?.portal ?? null,
    profile: state === null ? null : { name: state.profileName, environment: state.environment },
  };
  const get = (path: string, query?: Record<string, string | number>) => async () => (await client.get(path, Anything, { query })).data;
  return Promise.all([
    jsonPart('versions.json', async () => versions),
    jsonPart('health.json', get('/instance/health')),
    jsonPart('diagnostics.json', get('/diagnostics')),
    recentServerLog(client),
    consoleLog(ctx),
    jsonPart('security-policy.json', async () => withoutRegistrationCode(await get('/security-policy')())),
    jsonPart('function-permissions.json', get('/function-permissions')),
    jsonPart('update-settings.json', async () => ({
      settings: await get('/updates/settings')(),
      releasesWithDeferrals: await get('/updates/releases', { limit: 100 })(),
    })),
    jsonPart('applications.json', get('/applications', { limit: 500 })),
    jsonPart('counts.json', async () => ({
      users: await count(client, '/users'),
      groups: await count(client, '/principals', { kind: 'group' }),
      roles: await count(client, '/principals', { kind: 'role' }),
      distributionLists: await count(client, '/principals', { kind: 'distribution_list' }),
      applicationRights: ((await get('/rights/applications')()) as { items?: unknown[] }).items?.length ?? null,
    })),
  ]);
}

/** "diagnostics_portal.example.de_2026-12-05T0430Z.zip" */
export function bundleFilename(host: string, at: Date): string {
  return `diagnostics_${host.replace(/[^A-Za-z0-9.-]/g, '-')}_${at.toISOString().slice(0, 16).replace(/:/g, '')}Z.zip`;
}

interface RedactedFile {
  name: string;
  bytes: Uint8Array;
}

/** Redacts every part once more (the parts leave the portal and this machine). */
function redactParts(parts: readonly PartText[]): { files: RedactedFile[]; parts: BundlePart[]; redacted: number } {
  let redacted = 0;
  const files = parts.map((part) => {
    const cleaned = redactSecrets(part.text);
    redacted += cleaned.count;
    return { name: part.name, bytes: strToU8(cleaned.text) };
  });
  const listed = parts.map((part, index) => ({ name: part.name, bytes: files[index]!.bytes.length, unavailable: part.unavailable }));
  return { files, parts: listed, redacted };
}

/** Text pushed into the zip at a time: between two reads the zip grows by what this compresses to. */
const ZIP_SLICE = 64 * 1024;

/**
 * The zip of the files, produced as it is read (fflate's streaming Zip; its output is the same for the same input,
 * so a first pass can count the bytes a second one streams). Entries carry `mtime` rather than the moment of zipping.
 */
export function* zipChunks(files: readonly RedactedFile[], mtime: Date): Generator<Uint8Array> {
  const ready: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else ready.push(chunk);
  });
  function* drain(): Generator<Uint8Array> {
    if (failure !== null) throw failure;
    yield* ready.splice(0);
  }
  for (const file of files) {
    const entry = new ZipDeflate(file.name, { level: 6 });
    entry.mtime = mtime;
    zip.add(entry);
    if (file.bytes.length === 0) entry.push(new Uint8Array(0), true);
    for (let at = 0; at < file.bytes.length; at += ZIP_SLICE) {
      entry.push(file.bytes.subarray(at, at + ZIP_SLICE), at + ZIP_SLICE >= file.bytes.length);
      yield* drain();
    }
  }
  zip.end();
  yield* drain();
}

function sizeOf(chunks: Iterable<Uint8Array>): number {
  let bytes = 0;
  for (const chunk of chunks) bytes += chunk.length;
  return bytes;
}

function joined(chunks: Iterable<Uint8Array>): Uint8Array {
  return new Uint8Array(Buffer.concat([...chunks]));
}

/** Redacts every part once more and zips them, in memory (a ticket attachment is staged as bytes). */
export function zipParts(parts: readonly PartText[], mtime = new Date()): { zip: Uint8Array; parts: BundlePart[]; redacted: number } {
  const { files, parts: listed, redacted } = redactParts(parts);
  return { zip: joined(zipChunks(files, mtime)), parts: listed, redacted };
}

/** A bundle ready to be written: its parts redacted and the size of its zip known, the zip itself not yet made. */
export interface PreparedBundle {
  filename: string;
  parts: BundlePart[];
  redacted: number;
  zipBytes: number;
  /** Makes the zip again as it is read (the same bytes as counted). */
  chunks(): Generator<Uint8Array>;
}

/** The signed-in portal's diagnostics bundle: bounded, redacted, its zip counted but not held. */
export async function prepareBundle(ctx: BackendContext): Promise<PreparedBundle> {
  ctx.session.require();
  const at = new Date();
  const { files, parts, redacted } = redactParts(await collectParts(ctx));
  const filename = bundleFilename(ctx.session.client().host, at);
  const zipBytes = sizeOf(zipChunks(files, at));
  if (zipBytes > BUNDLE_MAX_BYTES) {
    throw new ConsoleError('PAYLOAD_TOO_LARGE', `The diagnostics bundle would have ${zipBytes} bytes; it may have at most ${BUNDLE_MAX_BYTES}.`, {
      size: zipBytes,
      limit: BUNDLE_MAX_BYTES,
    });
  }
  return { filename, parts, redacted, zipBytes, chunks: () => zipChunks(files, at) };
}

/** The bundle with its zip in memory, for staging it as a ticket attachment. */
export async function buildBundle(ctx: BackendContext): Promise<BundleContent> {
  const prepared = await prepareBundle(ctx);
  const zip = joined(prepared.chunks());
  return { filename: prepared.filename, parts: prepared.parts, redacted: prepared.redacted, zip };
}

function previewOf(bundle: PreparedBundle): BundlePreview {
  return { filename: bundle.filename, parts: bundle.parts, redacted: bundle.redacted, zipBytes: bundle.zipBytes, limitBytes: BUNDLE_MAX_BYTES };
}

export function diagnosticsBundleHandlers(ctx: BackendContext & { fileDialogs?: SaveDialog }): Pick<ConsoleHandlers, 'diagnostics:bundlePreview' | 'diagnostics:bundleSave'> {
  return {
    'diagnostics:bundlePreview': async () => previewOf(await prepareBundle(ctx)),
    'diagnostics:bundleSave': async () => {
      const bundle = await prepareBundle(ctx);
      // Streamed as it is zipped: the zip is never held whole, here or in the renderer.
      const download = await offerDownload(ctx, {
        file: bundle.filename,
        contentType: 'application/zip',
        open: async () => ({ body: Readable.from(bundle.chunks(), { objectMode: false }), length: String(bundle.zipBytes) }),
      });
      ctx.log.info('diagnostics bundle offered', { bytes: bundle.zipBytes, parts: bundle.parts.length, kind: download.kind });
      return { ...previewOf(bundle), download };
    },
  };
}
