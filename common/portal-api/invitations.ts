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
