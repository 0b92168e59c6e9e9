import { join } from 'node:path';
import type { ConsoleHandlers } from '../../common/contract';
import type { StagedAttachment, supportContract, TicketDraft } from '../../common/contract/support';
import { ticketIssues } from '../../common/domain/ticket-rules';
import { ConsoleError } from '../../common/errors';
import {
  Diagnostics,
  ServerLogPage,
  SupportActivity,
  SupportAreas,
  Ticket,
  TICKET_ATTACHMENTS_MAX_BYTES,
  TicketCreate,
  TicketPage,
  type AttachmentUpload,
  type ServerLogEntry,
  type ServerLogLevel,
} from '../../common/portal-api/support';
import { HealthResponse } from '../../common/portal-api/health';
import type { BackendContext } from '../context';
import { AttachmentStaging, tooLarge, type StagedContent } from '../services/attachment-staging';
import { buildBundle } from './diagnostics-bundle';
import { sliceNotes } from '../services/client-log';
import type { PortalClient } from '../services/portal-client';
import { TicketOutbox, type ClientFor } from '../services/ticket-outbox';

type SupportChannels = keyof typeof supportContract;

const OUTBOX_TICK_MS = 3_000;
const LOG_PAGE_SIZE = 1000;
/** The beginning of an attachment shown in the ticket view. */
const ATTACHMENT_TEXT_CHARACTERS = 256 * 1024;

interface LogLine {
  at: string;
  level: string;
  message: string;
  context?: Record<string, unknown> | undefined;
}

/** One readable line per entry: time, level, message, context as JSON. */
export function formatLogLines(entries: LogLine[]): string {
  return entries
    .map((entry) => {
      const context = entry.context === undefined ? '' : ` ${JSON.stringify(entry.context)}`;
      return `${entry.at} ${entry.level.toUpperCase().padEnd(5)} ${entry.message}${context}`;
    })
    .join('\n');
}

function fileStamp(iso: string): string {
  return iso.replace(/[:.]/g, '').replace(/\d{3}Z$/, 'Z');
}

function toUpload(staged: StagedContent): AttachmentUpload {
  return {
    name: staged.meta.name,
    kind: staged.meta.kind,
    contentType: staged.meta.contentType,
    contentBase64: staged.content.toString('base64'),
    redaction: staged.meta.redaction,
  };
}

function rulesError(draft: TicketDraft): ConsoleError | null {
  const issues = ticketIssues({
    answers: draft.answers,
    areaKind: draft.area.kind,
    severity: draft.severity,
    severityReason: draft.severityReason,
  });
  if (issues.length === 0) return null;
  return new ConsoleError('VALIDATION', 'The ticket is not complete yet', {
    errors: issues.map((issue) => ({ path: issue.path, message: issue.message, key: issue.key })),
  });
}

/** Binary files cannot be redacted: each one is sent only when the administrator confirmed it. */
export function unconfirmedBinaryError(staged: StagedContent[], confirmedIds: readonly string[]): ConsoleError | null {
  const unconfirmed = staged.filter((item) => item.meta.binary && !confirmedIds.includes(item.meta.id));
  if (unconfirmed.length === 0) return null;
  return new ConsoleError('VALIDATION', 'Binary attachments cannot be checked for secrets; confirm each one to be sent without redaction', {
    errors: unconfirmed.map((item) => ({
      path: 'attachments',
      message: `"${item.meta.name}" is a binary file: confirm that it may be sent without redaction`,
      key: 'form.issues.binaryUnconfirmed',
    })),
  });
}

/** The last activity answer per portal session: sent back as If-None-Match, and answered again on a 304. */
const lastActivity = new WeakMap<PortalClient, { etag: string; activity: SupportActivity }>();

/**
 * The support desk's activity, polled by the console. A cheap poll rather than push: the portal answers an
 * unchanged revision with 304 and no body (one aggregate query on its side), so a poll every few seconds costs
 * one small request per window, and no stream per window has to be held open over the pinned connection.
 */
export async function pollActivity(client: PortalClient): Promise<SupportActivity> {
  const last = lastActivity.get(client);
  const response = await client.text('GET', '/support/activity', last === undefined ? {} : { headers: { 'if-none-match': last.etag } });
  if (response.status === 304 && last !== undefined) return last.activity;
  const activity = SupportActivity.parse(JSON.parse(response.data));
  if (response.etag !== null) lastActivity.set(client, { etag: response.etag, activity });
  return activity;
}

function errorSummary(error: unknown): { code: string; message: string } {
  return error instanceof ConsoleError ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: String(error) };
}

function ticketAttachmentsTooLarge(total: number): ConsoleError {
  return new ConsoleError('PAYLOAD_TOO_LARGE', `The attachments of a ticket may have at most 25 MiB together; these have ${total} bytes.`, {
    size: total,
    limit: TICKET_ATTACHMENTS_MAX_BYTES,
    reason: 'ticket_attachments_too_large',
  });
}

/** The ticket as the portal takes it, after every check the console can make without the portal. */
function ticketRequest(draft: TicketDraft, staged: StagedContent[]): TicketCreate {
  const total = staged.reduce((sum, item) => sum + item.content.length, 0);
  if (total > TICKET_ATTACHMENTS_MAX_BYTES) throw ticketAttachmentsTooLarge(total);
  const invalid = rulesError(draft) ?? unconfirmedBinaryError(staged, draft.unredactedAttachmentIds);
  if (invalid !== null) throw invalid;
  const { attachmentIds: _ids, unredactedAttachmentIds: _confirmed, ...fields } = draft;
  return TicketCreate.parse({ ...fields, attachments: staged.map(toUpload) });
}

/** Support tickets: staging and redaction of attachments, the outbox, and the portal's ticket API. */
export function supportHandlers(ctx: BackendContext): Pick<ConsoleHandlers, SupportChannels> {
  const staging = new AttachmentStaging();
  const outboxReady = TicketOutbox.open(join(ctx.userDataDir, 'outbox'), { log: ctx.log });
  const clientFor: ClientFor = (profileId) => ctx.session.clientFor(profileId);
  startOutboxSender(outboxReady, clientFor, ctx);

  const client = () => ctx.session.client();
  const ticketPath = (id: string) => `/tickets/${encodeURIComponent(id)}`;

  const fetchServerLog = async (from: string, to: string, level: ServerLogLevel): Promise<ServerLogEntry[]> => {
    const entries: ServerLogEntry[] = [];
    let bytes = 0;
    let cursor: string | undefined;
    do {
      const page = (await client().get('/logs', ServerLogPage, { query: { from, to, level, cursor, limit: LOG_PAGE_SIZE } })).data;
      entries.push(...page.items);
      bytes += page.items.reduce((sum, entry) => sum + JSON.stringify(entry).length, 0);
      if (bytes > TICKET_ATTACHMENTS_MAX_BYTES) {
        throw tooLarge('portal server log', bytes, 'shorterRange');
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return entries;
  };

  /** The portal's part of the diagnostics: its own summary when signed in, else whether it answers at all. */
  const portalFacts = async (profileId: string | undefined): Promise<unknown> => {
    const session = ctx.session.current();
    if (session !== null && (profileId === undefined || profileId === session.profileId)) {
      // The portal may be the very thing that is broken: its part then says why it is missing.
      return client()
        .get('/diagnostics', Diagnostics)
        .then((response) => response.data as unknown)
        .catch((error: unknown) => ({ unavailable: errorSummary(error) }));
    }
    if (profileId === undefined) return { unavailable: errorSummary(new ConsoleError('NOT_SIGNED_IN', 'Not signed in to a portal')) };
    const profile = ctx.profiles.get(profileId);
    const signedOut = { signedIn: false, profile: { name: profile.name, environment: profile.environment, url: profile.url } };
    if (profile.pin === null) return { ...signedOut, unavailable: { code: 'TLS_UNTRUSTED', message: 'The portal certificate is not trusted yet' } };
    return ctx.session
      .anonymousClient(profile)
      .get('/health', HealthResponse)
      .then((response) => ({ ...signedOut, health: response.data }))
      .catch((error: unknown) => ({ ...signedOut, unavailable: errorSummary(error) }));
  };

  const consoleFacts = async () => {
    const session = ctx.session.current();
    return {
      version: ctx.appVersion,
      shell: ctx.shell,
      platform: process.platform,
      arch: process.arch,
      node: process.version,
      keychain: await ctx.vault.status(),
      profile: session === null ? null : { name: session.profileName, environment: session.environment, url: ctx.session.require().profile.url },
      outboxEntries: (await outboxReady).size,
    };
  };

  return {
    'support:areas': async () => (await client().get('/support/areas', SupportAreas)).data,
    'support:list': async ({ cursor, limit, status }) => (await client().get('/tickets', TicketPage, { query: { cursor, limit, status } })).data,
    'support:activity': async () => pollActivity(client()),
    'support:markRead': async ({ ticketId, ...update }) => {
      const response = await client().put(`${ticketPath(ticketId)}/read`, Ticket, { body: update });
      return { etag: response.etag ?? '', value: response.data };
    },
    'support:get': async ({ id }) => {
      const response = await client().get(ticketPath(id), Ticket);
      return { etag: response.etag ?? '', value: response.data };
    },
    'support:create': async (draft) => {
      const session = ctx.session.require();
      const request = ticketRequest(draft, draft.attachmentIds.map((id) => staging.get(id)));
      const outbox = await outboxReady;
      const entry = await outbox.add({ profileId: session.profile.id, profileName: session.profile.name, request });
      const outcome = await outbox.send(entry.id, clientFor, { force: true });
      if (outcome.kind === 'kept' && outcome.permanent) {
        // The portal refused the ticket itself: the form (and its attachments) still hold everything to fix it.
        await outbox.discard(entry.id);
        throw outcome.error;
      }
      draft.attachmentIds.forEach((id) => staging.remove(id));
      if (outcome.kind === 'sent') {
        ctx.log.info('ticket filed', { number: outcome.ticket.value.number, severity: outcome.ticket.value.severity });
        return { outcome: 'sent' as const, ticket: outcome.ticket };
      }
      ctx.log.warn('ticket queued in the outbox', { id: entry.id, ...(outcome.kind === 'kept' ? errorSummary(outcome.error) : {}) });
      return { outcome: 'queued' as const, entry: outbox.view(entry.id, clientFor) };
    },
    'support:queueOffline': async ({ profileId, ...draft }) => {
      const profile = ctx.profiles.get(profileId);
      const request = ticketRequest(draft, draft.attachmentIds.map((id) => staging.get(id)));
      const outbox = await outboxReady;
      const entry = await outbox.add({ profileId: profile.id, profileName: profile.name, request });
      draft.attachmentIds.forEach((id) => staging.remove(id));
      ctx.log.warn('ticket written without sign-in, queued until the next sign-in', { id: entry.id, profile: profile.name, severity: request.severity });
      return outbox.view(entry.id, clientFor);
    },
    'support:update': async ({ id, ifMatch, change }) => {
      const response = await client().patch(ticketPath(id), Ticket, { body: change, ifMatch });
      return { etag: response.etag ?? '', value: response.data };
    },
    'support:comment': async ({ ticketId, body, idempotencyKey }) => {
      const response = await client().post(`${ticketPath(ticketId)}/comments`, Ticket, {
        body: { body },
        headers: { 'idempotency-key': idempotencyKey },
      });
      return { etag: response.etag ?? '', value: response.data };
    },
    'support:attach': async ({ ticketId, attachmentId, unredactedConfirmed }) => {
      const staged = staging.get(attachmentId);
      const unconfirmed = unconfirmedBinaryError([staged], unredactedConfirmed === true ? [attachmentId] : []);
      if (unconfirmed !== null) throw unconfirmed;
      // The staged attachment's id is the key: a retry after a lost answer finds the attachment instead of adding it twice.
      const response = await client().post(`${ticketPath(ticketId)}/attachments`, Ticket, {
        body: toUpload(staged),
        headers: { 'idempotency-key': `attachment-${attachmentId}` },
        timeoutMs: 120_000,
      });
      staging.remove(attachmentId);
      return { etag: response.etag ?? '', value: response.data };
    },
    'support:attachmentText': async ({ ticketId, attachmentId }) => {
      const response = await client().text('GET', `${ticketPath(ticketId)}/attachments/${encodeURIComponent(attachmentId)}`);
      const contentType = String(response.headers['content-type'] ?? '');
      if (contentType.startsWith('application/octet-stream')) return { text: '', truncated: false, binary: true };
      return {
        text: response.data.slice(0, ATTACHMENT_TEXT_CHARACTERS),
        truncated: response.data.length > ATTACHMENT_TEXT_CHARACTERS,
        binary: false,
      };
    },
    'support:stageServerLog': async ({ from, to, level }) => {
      const entries = await fetchServerLog(from, to, level);
      return staging.stageText({
        name: `portal-server-log_${fileStamp(from)}_${fileStamp(to)}.log`,
        kind: 'server-log',
        text: formatLogLines(entries),
        entries: entries.length,
        tooLargeHint: 'shorterRange',
      });
    },
    'support:stageConsoleLog': async ({ from, to }) => {
      const slice = await ctx.log.read({ from: new Date(from), to: new Date(to) });
      return staging.stageText({
        name: `console-log_${fileStamp(from)}_${fileStamp(to)}.log`,
        kind: 'console-log',
        text: [...sliceNotes(slice), formatLogLines(slice.entries)].join('\n'),
        entries: slice.entries.length,
        tooLargeHint: 'shorterRange',
      });
    },
    'support:stageDiagnostics': async ({ profileId }) => {
      const portal = await portalFacts(profileId);
      const summary = { generatedAt: new Date().toISOString(), console: await consoleFacts(), portal };
      return staging.stageText({
        name: `diagnostics_${fileStamp(new Date().toISOString())}.json`,
        kind: 'diagnostics',
        text: JSON.stringify(summary, null, 2),
        contentType: 'application/json',
      });
    },
    'support:stageBundle': async () => {
      const bundle = await buildBundle(ctx);
      const listing = bundle.parts.map((part) => `${part.name}  ${part.bytes} B${part.unavailable === null ? '' : `  (unavailable: ${part.unavailable})`}`).join('\n');
      ctx.log.info('diagnostics bundle staged', { bytes: bundle.zip.length });
      return staging.stageRedactedArchive({ name: bundle.filename, bytes: Buffer.from(bundle.zip), redactedCount: bundle.redacted, listing });
    },
    'support:stageFile': async ({ name, contentType, dataBase64 }): Promise<StagedAttachment> =>
      staging.stageFile({ name, kind: 'file', contentType, bytes: Buffer.from(dataBase64, 'base64') }),
    'support:unstage': async ({ id }) => {
      staging.remove(id);
      return { ok: true as const };
    },
    'support:outbox': async () => (await outboxReady).list(clientFor),
    'support:sendOutbox': async ({ id }) => {
      const outbox = await outboxReady;
      let sent: number;
      if (id === undefined) sent = await outbox.flush(clientFor, { force: true });
      else sent = (await outbox.send(id, clientFor, { force: true })).kind === 'sent' ? 1 : 0;
      return { sent, entries: outbox.list(clientFor) };
    },
    'support:discardOutbox': async ({ id }) => {
      const outbox = await outboxReady;
      const subject = outbox.get(id).request.subject;
      await outbox.discard(id);
      ctx.log.warn('ticket discarded from the outbox', { id, subject });
      return { ok: true as const };
    },
  };
}

/**
 * Retries queued tickets while the console runs: every few seconds, each entry whose backoff has passed
 * and whose portal is signed in gets one attempt; right after a sign-in, every entry of that portal does
 * (tickets written while not signed in go then). The timer does not keep the process alive.
 */
function startOutboxSender(outboxReady: Promise<TicketOutbox>, clientFor: ClientFor, ctx: BackendContext): void {
  let running = false;
  let lastClients = new Set<PortalClient>();
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const outbox = await outboxReady;
      // A new sign-in is the moment the portal is back for its queued tickets: send them without waiting out the backoff.
      const current = ctx.session.signedInClients();
      const signedInAgain = current.some((client) => !lastClients.has(client));
      lastClients = new Set(current);
      if (outbox.size > 0) await outbox.flush(clientFor, { ignoreBackoff: signedInAgain });
    } catch (error) {
      ctx.log.warn('outbox retry failed', errorSummary(error));
    } finally {
      running = false;
    }
  };
  setInterval(() => void tick(), OUTBOX_TICK_MS).unref();
  outboxReady.catch((error: unknown) => ctx.log.error('outbox could not be opened', errorSummary(error)));
}
