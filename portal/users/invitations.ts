import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { invitationBlock, invitationRequestsOpen, type InvitationBlock } from '../../common/domain/membership';
import type { Page } from '../../common/portal-api/common';
import {
  INVITATION_VALID_DAYS,
  type AskForInvitation,
  type CreateInvitationRequest,
  type Invitation,
  type InvitationRequest,
  type InvitationStatus,
} from '../../common/portal-api/invitations';
import { recordAudit } from '../audit';
import type { Actor } from '../auth/require-admin';
import type { PortalDb, PortalExecutor } from '../db/client';
import { invitationRequests, invitations, type InvitationRequestRow, type InvitationRow } from '../db/schema';
import { CursorTimestamp, decodeCursor, encodeCursor } from '../http/cursor';
import { etagOf } from '../http/etag';
import { problem } from '../http/problem';
import { readSecurityPolicy } from '../settings';
import { hashActivationCode, newActivationCode } from './activation';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface InvitationChangeContext {
  db: PortalDb;
  actor: Actor;
  now: Date;
}

/** Checks If-Match against the current ETag (throws 428/412). */
export type InvitationPrecondition = (etag: string, current: unknown) => void;

export function invitationStatus(row: Pick<InvitationRow, 'acceptedAt' | 'revokedAt' | 'expiresAt'>, now: Date): InvitationStatus {
  if (row.acceptedAt !== null) return 'accepted';
  if (row.revokedAt !== null) return 'revoked';
  return row.expiresAt.getTime() <= now.getTime() ? 'expired' : 'open';
}

export function toInvitation(row: InvitationRow, now: Date): Invitation {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    invitedByLogin: row.invitedByLogin,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    status: invitationStatus(row, now),
    etag: etagOf(row.version, row.id),
  };
}

/** What the audit log keeps of an invitation (never the code or its hash). */
function auditView(row: InvitationRow, now: Date) {
  const { email, displayName, expiresAt, status } = toInvitation(row, now);
  return { email, displayName, expiresAt, status };
}

const blockDetail: Record<InvitationBlock, string> = {
  invitations_admins_only: 'Only administrators create accounts on this portal; no invitations are sent (security policy: membership).',
  invitations_open_mode: 'The portal is open to all; nobody needs an invitation (security policy: membership).',
  invitations_never_send_passwords:
    'The security policy never sends passwords by e-mail, which switches off sending invitations; turn that setting off to invite.',
};

/** 409 naming the policy setting that switches invitations off, read in the changing transaction. */
async function assertInvitationsAllowed(tx: PortalExecutor): Promise<void> {
  const { policy } = await readSecurityPolicy(tx);
  const block = invitationBlock(policy);
  if (block !== null) throw problem(409, 'Conflict', { code: block, detail: blockDetail[block] });
}

async function insertInvitation(tx: PortalExecutor, ctx: InvitationChangeContext, request: CreateInvitationRequest): Promise<{ row: InvitationRow; code: string }> {
  const { code, hash } = newActivationCode();
  const [row] = await tx
    .insert(invitations)
    .values({
      email: request.email,
      displayName: request.displayName ?? null,
      invitedBy: ctx.actor.id,
      invitedByLogin: ctx.actor.login,
      createdAt: ctx.now,
      expiresAt: new Date(ctx.now.getTime() + INVITATION_VALID_DAYS * DAY_MS),
      codeHash: hash,
    })
    .returning();
  if (row === undefined) throw new Error('insert returned no row');
  await recordAudit(tx, { actor: ctx.actor, action: 'invitation.create', targetType: 'invitation', targetId: row.id, after: auditView(row, ctx.now), at: ctx.now });
  return { row, code };
}

/**
 * A new invitation valid for INVITATION_VALID_DAYS; the code is answered once and only its hash stored. Refused (409)
 * while the policy switches invitations off (membership mode, "never send passwords by e-mail").
 */
export async function createInvitation(ctx: InvitationChangeContext, request: CreateInvitationRequest): Promise<{ invitation: Invitation; code: string }> {
  return ctx.db.transaction(async (tx) => {
    await assertInvitationsAllowed(tx);
    const { row, code } = await insertInvitation(tx, ctx, request);
    return { invitation: toInvitation(row, ctx.now), code };
  });
}

const InvitationCursor = z.tuple([CursorTimestamp, z.uuid()]);

/** Newest first; the cursor is the (createdAt, id) of the previous page's last invitation. */
export async function listInvitations(db: PortalExecutor, query: { cursor?: string | undefined; limit: number }, now: Date): Promise<Page<Invitation>> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, InvitationCursor);
  const rows = await db
    .select()
    .from(invitations)
    .where(after === undefined ? undefined : sql`(${invitations.createdAt}, ${invitations.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`)
    .orderBy(desc(invitations.createdAt), desc(invitations.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  const nextCursor = rows.length > query.limit && last !== undefined ? encodeCursor([last.createdAt.toISOString(), last.id]) : null;
  return { items: items.map((row) => toInvitation(row, now)), nextCursor };
}

const notFound = () => problem(404, 'Not Found', { code: 'invitation_not_found', detail: 'There is no invitation with this id.' });

export async function loadInvitation(db: PortalExecutor, id: string): Promise<InvitationRow | null> {
  const [row] = await db.select().from(invitations).where(eq(invitations.id, id)).limit(1);
  return row ?? null;
}

export async function getInvitation(db: PortalExecutor, id: string, now: Date): Promise<Invitation> {
  const row = await loadInvitation(db, id);
  if (row === null) throw notFound();
  return toInvitation(row, now);
}

/** Revokes an open or expired invitation (If-Match); an accepted or already revoked one is a conflict. */
export async function revokeInvitation(ctx: InvitationChangeContext, id: string, precondition: InvitationPrecondition): Promise<Invitation> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(invitations).where(eq(invitations.id, id)).for('update').limit(1);
    if (row === undefined) throw notFound();
    const before = toInvitation(row, ctx.now);
    precondition(before.etag, before);
    if (before.status === 'accepted' || before.status === 'revoked') {
      throw problem(409, 'Conflict', { code: `invitation_${before.status}`, detail: `The invitation is already ${before.status}.` });
    }
    const [updated] = await tx
      .update(invitations)
      .set({ revokedAt: ctx.now, version: sql`${invitations.version} + 1` })
      .where(eq(invitations.id, id))
      .returning();
    if (updated === undefined) throw notFound();
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'invitation.revoke',
      targetType: 'invitation',
      targetId: id,
      before: auditView(row, ctx.now),
      after: auditView(updated, ctx.now),
      at: ctx.now,
    });
    return toInvitation(updated, ctx.now);
  });
}

const refused = (code: string, detail: string) =>
  problem(403, 'Forbidden', { code, detail, errors: [{ path: 'invitationCode', message: detail }] });

const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The open invitation a registrant's code and e-mail name; otherwise 403 saying why. */
export async function usableInvitation(db: PortalExecutor, code: string | undefined, email: string, now: Date): Promise<InvitationRow> {
  if (code === undefined || code.trim() === '') throw refused('invitation_required', 'This portal registers by invitation only; enter the invitation code.');
  const [row] = await db.select().from(invitations).where(eq(invitations.codeHash, hashActivationCode(code))).limit(1);
  if (row === undefined) throw refused('invalid_invitation', 'The invitation code is not valid.');
  const status = invitationStatus(row, now);
  if (status === 'accepted') throw refused('invitation_used', 'The invitation has already been used.');
  if (status === 'revoked') throw refused('invitation_revoked', 'The invitation was revoked.');
  if (status === 'expired') throw refused('invitation_expired', 'The invitation has expired.');
  if (!sameEmail(row.email, email)) throw refused('invitation_email_mismatch', 'The invitation was sent to another e-mail address.');
  return row;
}

/** Spends the invitation inside the registration's transaction; a second, concurrent use finds it spent. */
export async function spendInvitation(tx: PortalExecutor, invitation: InvitationRow, user: { id: string; login: string }, now: Date): Promise<void> {
  const [spent] = await tx
    .update(invitations)
    .set({ acceptedAt: now, acceptedUserId: user.id, version: sql`${invitations.version} + 1` })
    .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning();
  if (spent === undefined) throw refused('invitation_used', 'The invitation has already been used.');
  await recordAudit(tx, {
    actor: { id: user.id, login: user.login },
    action: 'invitation.accept',
    targetType: 'invitation',
    targetId: invitation.id,
    before: auditView(invitation, now),
    after: auditView(spent, now),
    at: now,
  });
}

// ---------------------------------------------------------------------------------------------
// Requests for an invitation (security sheet: "Jeder kann eine Einladung anfordern")

export function toInvitationRequest(row: InvitationRequestRow): InvitationRequest {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    message: row.message,
    createdAt: row.createdAt.toISOString(),
    status: row.decision === 'granted' || row.decision === 'refused' ? row.decision : 'waiting',
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decidedByLogin: row.decidedByLogin,
    invitationId: row.invitationId,
    etag: etagOf(row.version, row.id),
  };
}

const requestAuditView = (row: InvitationRequestRow) => {
  const { email, displayName, status, invitationId } = toInvitationRequest(row);
  return { email, displayName, status, invitationId };
};

/**
 * Anyone asks for an invitation while the policy allows it (membership `invitation`, inviters `anyone`); otherwise
 * 403. Asking again while a request for the address waits adds nothing, and the answer is the same either way.
 */
export async function askForInvitation(db: PortalDb, request: AskForInvitation, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const { policy } = await readSecurityPolicy(tx);
    if (!invitationRequestsOpen(policy.membership)) {
      throw problem(403, 'Forbidden', { code: 'invitation_requests_closed', detail: 'This portal does not take requests for an invitation.' });
    }
    const [row] = await tx
      .insert(invitationRequests)
      .values({ email: request.email, displayName: request.displayName ?? null, message: request.message ?? null, createdAt: now })
      .onConflictDoNothing()
      .returning();
    if (row === undefined) return;
    await recordAudit(tx, { actor: null, actorLogin: row.email, action: 'invitation_request.create', targetType: 'invitation_request', targetId: row.id, after: requestAuditView(row), at: now });
  });
}

const InvitationRequestCursor = z.tuple([CursorTimestamp, z.uuid()]);

/** Newest first; the cursor is the (createdAt, id) of the previous page's last request. */
export async function listInvitationRequests(db: PortalExecutor, query: { cursor?: string | undefined; limit: number }): Promise<Page<InvitationRequest>> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, InvitationRequestCursor);
  const rows = await db
    .select()
    .from(invitationRequests)
    .where(after === undefined ? undefined : sql`(${invitationRequests.createdAt}, ${invitationRequests.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`)
    .orderBy(desc(invitationRequests.createdAt), desc(invitationRequests.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  const nextCursor = rows.length > query.limit && last !== undefined ? encodeCursor([last.createdAt.toISOString(), last.id]) : null;
  return { items: items.map(toInvitationRequest), nextCursor };
}

const requestNotFound = () => problem(404, 'Not Found', { code: 'invitation_request_not_found', detail: 'There is no request with this id.' });

export async function getInvitationRequest(db: PortalExecutor, id: string): Promise<InvitationRequest> {
  const [row] = await db.select().from(invitationRequests).where(eq(invitationRequests.id, id)).limit(1);
  if (row === undefined) throw requestNotFound();
  return toInvitationRequest(row);
}

/** Locks a waiting request for a decision (If-Match); a decided one is a conflict. */
async function lockWaitingRequest(tx: PortalExecutor, id: string, precondition: InvitationPrecondition): Promise<InvitationRequestRow> {
  const [row] = await tx.select().from(invitationRequests).where(eq(invitationRequests.id, id)).for('update').limit(1);
  if (row === undefined) throw requestNotFound();
  const current = toInvitationRequest(row);
  precondition(current.etag, current);
  if (current.status !== 'waiting') {
    throw problem(409, 'Conflict', { code: `invitation_request_${current.status}`, detail: `The request was already ${current.status}.` });
  }
  return row;
}

async function decide(
  tx: PortalExecutor,
  ctx: InvitationChangeContext,
  row: InvitationRequestRow,
  decision: 'granted' | 'refused',
  invitationId: string | null,
): Promise<InvitationRequest> {
  const [updated] = await tx
    .update(invitationRequests)
    .set({ decision, decidedAt: ctx.now, decidedByLogin: ctx.actor.login, invitationId, version: sql`${invitationRequests.version} + 1` })
    .where(eq(invitationRequests.id, row.id))
    .returning();
  if (updated === undefined) throw requestNotFound();
  const action = decision === 'granted' ? 'invitation_request.grant' : 'invitation_request.refuse';
  await recordAudit(tx, { actor: ctx.actor, action, targetType: 'invitation_request', targetId: row.id, before: requestAuditView(row), after: requestAuditView(updated), at: ctx.now });
  return toInvitationRequest(updated);
}

/** Grants a waiting request (If-Match): an invitation for its address, under the same policy checks as any invitation. */
export async function grantInvitationRequest(
  ctx: InvitationChangeContext,
  id: string,
  precondition: InvitationPrecondition,
): Promise<{ request: InvitationRequest; invitation: Invitation; code: string }> {
  return ctx.db.transaction(async (tx) => {
    const row = await lockWaitingRequest(tx, id, precondition);
    await assertInvitationsAllowed(tx);
    const created = await insertInvitation(tx, ctx, { email: row.email, displayName: row.displayName });
    const request = await decide(tx, ctx, row, 'granted', created.row.id);
    return { request, invitation: toInvitation(created.row, ctx.now), code: created.code };
  });
}

/** Refuses a waiting request (If-Match); the address may ask again later. */
export async function refuseInvitationRequest(ctx: InvitationChangeContext, id: string, precondition: InvitationPrecondition): Promise<InvitationRequest> {
  return ctx.db.transaction(async (tx) => decide(tx, ctx, await lockWaitingRequest(tx, id, precondition), 'refused', null));
}
