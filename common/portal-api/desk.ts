import { z } from 'zod';
import { IsoDateTime } from './common';
import { TicketStatus, TicketSummary } from './support';

/**
 * The support desk API of the reference portal: the vendor's agents answer tickets, ask for information and
 * change their status. Agents have their own accounts and sessions; an administrator's session is refused
 * here, and an agent's session is refused by the admin API.
 */
export const DESK_API_PREFIX = '/desk/api/v1';

/** How long an agent's session lasts. */
export const DESK_SESSION_HOURS = 8;

export const DeskAgent = z.object({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
});
export type DeskAgent = z.infer<typeof DeskAgent>;

/** POST /desk/api/v1/sessions. */
export const DeskLoginRequest = z.object({
  login: z.string().min(1).max(200),
  password: z.string().min(1).max(1024),
});
export type DeskLoginRequest = z.infer<typeof DeskLoginRequest>;

export const DeskLoginResponse = z.object({
  token: z.string(),
  expiresAt: IsoDateTime,
  agent: DeskAgent,
});
export type DeskLoginResponse = z.infer<typeof DeskLoginResponse>;

/**
 * GET /desk/api/v1/tickets: the queue, most urgent first (critical before major before other, then the
 * earliest first-response deadline, then the oldest). `active` (the default): every ticket not solved or closed.
 */
export const DeskQueueQuery = z.object({
  status: z.union([TicketStatus, z.literal('active')]).default('active'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type DeskQueueQuery = z.infer<typeof DeskQueueQuery>;

export const DeskQueue = z.object({
  items: z.array(TicketSummary),
  /** How many tickets match, of which `items` holds the first `limit`. */
  total: z.number().int().min(0),
});
export type DeskQueue = z.infer<typeof DeskQueue>;

/** POST /desk/api/v1/tickets/:id/answers and /info-requests. */
export const DeskMessageCreate = z.object({ body: z.string().trim().min(1).max(20_000) });
export type DeskMessageCreate = z.infer<typeof DeskMessageCreate>;

/** PATCH /desk/api/v1/tickets/:id/status with If-Match. */
export const DeskStatusChange = z.object({ status: TicketStatus });
export type DeskStatusChange = z.infer<typeof DeskStatusChange>;

/** The admin API's view of an agent account (GET/POST /api/v1/support/agents). */
export const SupportAgent = DeskAgent.extend({ enabled: z.boolean(), createdAt: IsoDateTime });
export type SupportAgent = z.infer<typeof SupportAgent>;

export const SupportAgentCreate = z.object({
  login: z
    .string()
    .trim()
    .min(2)
    .max(100)
    .regex(/^[A-Za-z0-9._@-]+$/, 'Letters, digits and . _ @ - only'),
  displayName: z.string().trim().min(1).max(200),
  password: z.string().min(12).max(1024),
});
export type SupportAgentCreate = z.infer<typeof SupportAgentCreate>;

export const SupportAgentList = z.object({ items: z.array(SupportAgent) });
export type SupportAgentList = z.infer<typeof SupportAgentList>;
