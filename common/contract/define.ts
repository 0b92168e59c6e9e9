import { z } from 'zod';
import { ConsoleErrorShape } from '../errors';

/** One call from renderer to main: a request schema in, a response schema out. */
export interface CallSpec<Req extends z.ZodTypeAny = z.ZodTypeAny, Res extends z.ZodTypeAny = z.ZodTypeAny> {
  request: Req;
  response: Res;
}

export function call<Req extends z.ZodTypeAny, Res extends z.ZodTypeAny>(request: Req, response: Res): CallSpec<Req, Res> {
  return { request, response };
}

export const Empty = z.object({}).strict();
export const Ok = z.object({ ok: z.literal(true) });

/** What travels back over IPC / WebSocket for every call. */
export const CallResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ConsoleErrorShape }),
]);
export type CallResult = z.infer<typeof CallResult>;
