import { z } from 'zod';
import { ConsoleErrorShape } from '../errors';

/**
 * What a call does, for read-only workspaces (main refuses every 'write' there, in one place: backend.dispatch):
 * - 'read': changes nothing anywhere (it may POST a dry run, e.g. a validation or preview);
 * - 'write': changes the portal (create, update, delete, start a job, send a ticket, change a password);
 * - 'local': changes only the console's own state (profiles, pins, sign-in, drafts on disk, staged attachments).
 */
export type CallAccess = 'read' | 'write' | 'local';
export const callAccesses: readonly CallAccess[] = ['read', 'write', 'local'];

/** One call from renderer to main: a request schema in, a response schema out. */
export interface CallSpec<Req extends z.ZodTypeAny = z.ZodTypeAny, Res extends z.ZodTypeAny = z.ZodTypeAny> {
  request: Req;
  response: Res;
  /** Every call names it (common/contract/access.test.ts fails on one that does not); unmarked counts as 'write'. */
  access?: CallAccess;
}

export function call<Req extends z.ZodTypeAny, Res extends z.ZodTypeAny>(request: Req, response: Res, access?: CallAccess): CallSpec<Req, Res> {
  return access === undefined ? { request, response } : { request, response, access };
}

/** Read-only workspaces refuse it: it writes to the portal, or it does not say (an unmarked call is a write). */
export function isPortalWrite(spec: Pick<CallSpec, 'access'>): boolean {
  return spec.access === undefined || spec.access === 'write';
}

export const Empty = z.object({}).strict();
export const Ok = z.object({ ok: z.literal(true) });

/** What travels back over IPC / WebSocket for every call. */
export const CallResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ConsoleErrorShape }),
]);
export type CallResult = z.infer<typeof CallResult>;
