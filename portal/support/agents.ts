import type { FastifyRequest } from 'fastify';
import { asc, eq, sql } from 'drizzle-orm';
import { DESK_SESSION_HOURS, type DeskAgent, type SupportAgent, type SupportAgentCreate } from '../../common/portal-api/desk';
import { recordAudit } from '../audit';
import type { Actor } from '../auth/require-admin';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../auth/passwords';
import { findSessionByToken } from '../auth/sessions';
import { bearerTokenOf, hashSessionToken, newSessionToken } from '../auth/tokens';
import type { PortalContext } from '../context';
import type { PortalExecutor } from '../db/client';
import { agentSessions, supportAgents, type SupportAgentRow } from '../db/schema';
import { problem } from '../http/problem';

/**
 * Support desk agents: accounts, sign-in and the guard of the desk API. Agents and administrators never
 * share a session: an administrator's token is refused by the desk (403) and an agent's by the admin API
 * (it is not in the administrators' sessions table, 401).
 */

export const DESK_SESSION_TTL_MS = DESK_SESSION_HOURS * 60 * 60 * 1000;

/** The agent in audit entries: its login, marked as the desk's so that it never reads as an administrator. */
export function agentActor(agent: DeskAgent): Actor {
  return { id: agent.id, login: `desk:${agent.login}` };
}

function toDeskAgent(row: Pick<SupportAgentRow, 'id' | 'login' | 'displayName'>): DeskAgent {
  return { id: row.id, login: row.login, displayName: row.displayName };
}

function toSupportAgent(row: SupportAgentRow): SupportAgent {
  return { ...toDeskAgent(row), enabled: row.enabled, createdAt: row.createdAt.toISOString() };
}

async function agentByLogin(db: PortalExecutor, login: string): Promise<SupportAgentRow | null> {
  const [row] = await db
    .select()
    .from(supportAgents)
    .where(sql`lower(${supportAgents.login}) = lower(${login})`)
    .limit(1);
  return row ?? null;
}

export async function listAgents(db: PortalExecutor): Promise<SupportAgent[]> {
  const rows = await db.select().from(supportAgents).orderBy(asc(supportAgents.login));
  return rows.map(toSupportAgent);
}

export async function createAgent(db: PortalExecutor, input: SupportAgentCreate, actor: Actor | null, now: Date): Promise<SupportAgent> {
  if ((await agentByLogin(db, input.login)) !== null) {
    throw problem(409, 'Conflict', { code: 'agent_login_taken', detail: `There is already an agent "${input.login}".` });
  }
  const passwordHash = await hashPassword(input.password);
  const [row] = await db
    .insert(supportAgents)
    .values({ login: input.login, displayName: input.displayName, passwordHash, createdAt: now, updatedAt: now })
    .returning();
  const agent = toSupportAgent(row!);
  await recordAudit(db, {
    actor,
    actorLogin: 'system',
    action: 'desk.agent.create',
    targetType: 'support-agent',
    targetId: agent.id,
    after: { login: agent.login, displayName: agent.displayName },
    at: now,
  });
  return agent;
}

export interface AgentSignIn {
  token: string;
  expiresAt: Date;
  agent: DeskAgent;
}

/** Checks an agent's password (the same work for unknown logins) and opens a desk session; audited either way. */
export async function signInAgent(ctx: Pick<PortalContext, 'db' | 'now'>, login: string, password: string): Promise<AgentSignIn> {
  const now = ctx.now();
  const row = await agentByLogin(ctx.db, login);
  const valid = row === null ? await burnPasswordCheck(password) : await verifyPassword(password, row.passwordHash);
  if (row === null || !valid || !row.enabled) {
    const reason = row === null ? 'unknown_login' : valid ? 'disabled' : 'wrong_password';
    await recordAudit(ctx.db, {
      actor: null,
      actorLogin: `desk:${login}`,
      action: 'desk.session.login_failed',
      targetType: 'support-agent',
      targetId: row?.id ?? null,
      after: { reason },
      at: now,
    });
    throw problem(401, 'Unauthorized', { code: 'invalid_credentials', detail: 'Login or password is wrong.' });
  }
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + DESK_SESSION_TTL_MS);
  const agent = toDeskAgent(row);
  await ctx.db.transaction(async (tx) => {
    await tx.insert(agentSessions).values({ tokenHash: hashSessionToken(token), agentId: row.id, createdAt: now, expiresAt });
    await recordAudit(tx, { actor: agentActor(agent), action: 'desk.session.login', targetType: 'support-agent', targetId: agent.id, at: now });
  });
  return { token, expiresAt, agent };
}

export async function signOutAgent(db: PortalExecutor, tokenHash: string, agent: DeskAgent, now: Date): Promise<void> {
  await db.delete(agentSessions).where(eq(agentSessions.tokenHash, tokenHash));
  await recordAudit(db, { actor: agentActor(agent), action: 'desk.session.logout', targetType: 'support-agent', targetId: agent.id, at: now });
}

function unauthorized(code: string, detail: string) {
  return problem(401, 'Unauthorized', { code, detail });
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the desk guard on desk routes. */
    agent: DeskAgent | null;
    agentTokenHash: string | null;
  }
}

/** The onRequest guard of the desk API: a valid, unexpired agent session of an enabled agent. */
export function createRequireAgent(ctx: Pick<PortalContext, 'db' | 'now'>) {
  return async function requireAgent(request: FastifyRequest): Promise<void> {
    const token = bearerTokenOf(request.headers.authorization);
    if (token === null) throw unauthorized('not_signed_in', 'Sign in to the support desk and send the session token as a Bearer token.');
    const tokenHash = hashSessionToken(token);
    const [found] = await ctx.db
      .select({ expiresAt: agentSessions.expiresAt, agent: { id: supportAgents.id, login: supportAgents.login, displayName: supportAgents.displayName, enabled: supportAgents.enabled } })
      .from(agentSessions)
      .innerJoin(supportAgents, eq(supportAgents.id, agentSessions.agentId))
      .where(eq(agentSessions.tokenHash, tokenHash))
      .limit(1);
    if (found === undefined) {
      // An administrator's session is valid, just not here: say so instead of "not signed in".
      if ((await findSessionByToken(ctx.db, token)) !== null) {
        throw problem(403, 'Forbidden', { code: 'not_agent', detail: 'The support desk API is for support agents only; administrators use the admin API.' });
      }
      throw unauthorized('not_signed_in', 'The session token is not valid.');
    }
    if (found.expiresAt.getTime() <= ctx.now().getTime()) {
      await ctx.db.delete(agentSessions).where(eq(agentSessions.tokenHash, tokenHash));
      throw unauthorized('session_expired', 'The session has expired; sign in again.');
    }
    if (!found.agent.enabled) throw unauthorized('account_disabled', 'The agent account is disabled.');
    request.agent = toDeskAgent(found.agent);
    request.agentTokenHash = tokenHash;
  };
}
