import { z } from 'zod';
import { IsoDateTime, page, PageQuery } from './common';
import { UserDisplayName, UserEmail } from './users';

/** Days an invitation stays valid. */
export const INVITATION_VALID_DAYS = 14;

export const InvitationStatus = z.enum(['open', 'accepted', 'expired', 'revoked']);
export type InvitationStatus = z.infer<typeof InvitationStatus>;

/** One invitation to register (membership mode `invitation`); the code itself is never listed. */
export const Invitation = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string().nullable(),
  invitedByLogin: z.string(),
  createdAt: IsoDateTime,
  expiresAt: IsoDateTime,
  acceptedAt: IsoDateTime.nullable(),
  revokedAt: IsoDateTime.nullable(),
  status: InvitationStatus,
  /** The same value as the ETag header of GET /invitations/{id}; revoking sends it as If-Match. */
  etag: z.string(),
});
export type Invitation = z.infer<typeof Invitation>;

/** POST /invitations. */
export const CreateInvitationRequest = z.object({
  email: UserEmail.min(3),
  displayName: UserDisplayName.nullable().optional(),
});
export type CreateInvitationRequest = z.infer<typeof CreateInvitationRequest>;

/** The new invitation and its one-time code: answered once, the portal keeps only a hash. */
export const InvitationCreated = z.object({ invitation: Invitation, code: z.string() });
export type InvitationCreated = z.infer<typeof InvitationCreated>;

/** GET /invitations: newest first, cursor-paged. */
export const InvitationPage = page(Invitation);
export type InvitationPage = z.infer<typeof InvitationPage>;

export const InvitationListQuery = PageQuery;
export type InvitationListQuery = z.infer<typeof InvitationListQuery>;

// ---- requests for an invitation ("Jeder kann eine Einladung anfordern") ----

export const InvitationRequestStatus = z.enum(['waiting', 'granted', 'refused']);
export type InvitationRequestStatus = z.infer<typeof InvitationRequestStatus>;

/** POST /invitation-requests (public, while the policy says "anyone may request an invitation"). */
export const AskForInvitation = z.object({
  email: UserEmail.min(3),
  displayName: UserDisplayName.nullable().optional(),
  /** Why the person wants to join, for the administrator who decides. */
  message: z.string().trim().max(1000).nullable().optional(),
});
export type AskForInvitation = z.infer<typeof AskForInvitation>;

/** The same answer whether or not a request for this address was already waiting: nothing is revealed. */
export const InvitationAsked = z.object({ received: z.literal(true) });
export type InvitationAsked = z.infer<typeof InvitationAsked>;

/** One request as administrators see it. */
export const InvitationRequest = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string().nullable(),
  message: z.string().nullable(),
  createdAt: IsoDateTime,
  status: InvitationRequestStatus,
  decidedAt: IsoDateTime.nullable(),
  decidedByLogin: z.string().nullable(),
  /** The invitation a grant created. */
  invitationId: z.string().nullable(),
  /** The ETag of GET /invitation-requests/{id}; grant and refuse send it as If-Match. */
  etag: z.string(),
});
export type InvitationRequest = z.infer<typeof InvitationRequest>;

/** GET /invitation-requests: newest first, cursor-paged. */
export const InvitationRequestPage = page(InvitationRequest);
export type InvitationRequestPage = z.infer<typeof InvitationRequestPage>;

/** POST /invitation-requests/{id}/grant: the decided request, and the invitation with its one-time code (answered once). */
export const InvitationRequestGranted = z.object({ request: InvitationRequest, invitation: Invitation, code: z.string() });
export type InvitationRequestGranted = z.infer<typeof InvitationRequestGranted>;
