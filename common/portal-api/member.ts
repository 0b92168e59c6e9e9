import { z } from 'zod';
import { IsoDateTime, page, PageQuery, Uuid } from './common';
import { ApplicationDefinitionDoc } from './designer';
import { AccessLevel, ApplicationLaunch, PortalFunction } from './rights';
import { LoginRequest } from './session';

/**
 * The member side of the portal (`/member/api/v1`): what members, guests and outsiders may do, as the security policy
 * and the function permissions the console edits say. Member sessions are their own: a member token is never valid on
 * the admin API, an admin token never on the member API.
 */
export const MEMBER_API_PREFIX = '/member/api/v1';

/**
 * Who calls: a signed-in `member`; a `guest` (no session while guest access is on); an `outsider` (no session while
 * guest access is off, or a session that is not a member session, e.g. an administrator's admin-API token).
 */
export const MemberCaller = z.enum(['member', 'guest', 'outsider']);
export type MemberCaller = z.infer<typeof MemberCaller>;

export const MemberSignIn = LoginRequest;
export type MemberSignIn = z.infer<typeof MemberSignIn>;

/** POST /sessions/password: a member whose password must change sets a new one with the current one, and is signed in. */
export const MemberPasswordChange = z.object({
  login: z.string().min(1).max(200),
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
  remember: z.boolean().optional(),
});
export type MemberPasswordChange = z.infer<typeof MemberPasswordChange>;

export const MemberProfileSelf = z.object({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
  isAdmin: z.boolean(),
});
export type MemberProfileSelf = z.infer<typeof MemberProfileSelf>;

export const MemberSignedIn = z.object({
  token: z.string(),
  expiresAt: IsoDateTime,
  /** The session got the remembered lifetime (asked for, and the policy does not disable "remember me"). */
  remembered: z.boolean(),
  member: MemberProfileSelf,
});
export type MemberSignedIn = z.infer<typeof MemberSignedIn>;

/** GET /access: who the portal takes the caller for and what the policy lets that caller do right now. */
export const MemberAccess = z.object({
  caller: MemberCaller,
  member: MemberProfileSelf.nullable(),
  membershipMode: z.enum(['admins_only', 'invitation', 'open']),
  canRegister: z.boolean(),
  canRequestInvitation: z.boolean(),
  canInvite: z.boolean(),
  canSeeMembers: z.boolean(),
  passwordMailsAllowed: z.boolean(),
  rememberMeAllowed: z.boolean(),
});
export type MemberAccess = z.infer<typeof MemberAccess>;

/** A member as the member list shows it (no e-mail for guests). */
export const MemberProfile = z.object({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  isAdmin: z.boolean(),
});
export type MemberProfile = z.infer<typeof MemberProfile>;

export const MemberListQuery = PageQuery.extend({ q: z.string().trim().max(200).optional() });
export type MemberListQuery = z.infer<typeof MemberListQuery>;

export const MemberProfilePage = page(MemberProfile);
export type MemberProfilePage = z.infer<typeof MemberProfilePage>;

/** What the caller may do with one portal function (function permissions, read per request). */
export const FunctionAccess = z.object({
  function: PortalFunction,
  read: z.boolean(),
  add: z.boolean(),
});
export type FunctionAccess = z.infer<typeof FunctionAccess>;

export const FunctionAccessList = z.object({ caller: MemberCaller, functions: z.array(FunctionAccess) });
export type FunctionAccessList = z.infer<typeof FunctionAccessList>;

export const FunctionItem = z.object({
  id: z.string(),
  function: PortalFunction,
  title: z.string(),
  body: z.string(),
  url: z.string().nullable(),
  startsAt: IsoDateTime.nullable(),
  /** Null where "who sees member data" hides members from the caller. */
  authorName: z.string().nullable(),
  createdAt: IsoDateTime,
});
export type FunctionItem = z.infer<typeof FunctionItem>;

export const FunctionItemPage = page(FunctionItem);
export type FunctionItemPage = z.infer<typeof FunctionItemPage>;

export const FunctionItemQuery = PageQuery;
export type FunctionItemQuery = z.infer<typeof FunctionItemQuery>;

export const NewFunctionItem = z.object({
  title: z.string().trim().min(1).max(200),
  body: z.string().max(10_000).default(''),
  /** Links: the address. */
  url: z
    .string()
    .trim()
    .max(2000)
    .regex(/^https?:\/\/\S+$/, 'An http(s) address')
    .nullable()
    .optional(),
  /** Calendar: when it starts. */
  startsAt: IsoDateTime.nullable().optional(),
});
export type NewFunctionItem = z.input<typeof NewFunctionItem>;

export const FunctionParams = z.object({ function: PortalFunction });

export const MemberApplication = z.object({ id: Uuid, name: z.string(), description: z.string(), level: AccessLevel });
export type MemberApplication = z.infer<typeof MemberApplication>;

export const MemberApplicationList = z.object({ items: z.array(MemberApplication) });
export type MemberApplicationList = z.infer<typeof MemberApplicationList>;

/** POST /applications/{id}/launch: the effective right and the published definition to run. */
export const MemberLaunch = z.object({ launch: ApplicationLaunch, definition: ApplicationDefinitionDoc });
export type MemberLaunch = z.infer<typeof MemberLaunch>;

/** "Passwort vergessen": asked by login or e-mail; the answer never tells whether the account exists. */
export const ForgotPassword = z.object({ login: z.string().trim().min(1).max(320) });
export type ForgotPassword = z.infer<typeof ForgotPassword>;

export const ForgotPasswordReceived = z.object({ received: z.literal(true) });
export type ForgotPasswordReceived = z.infer<typeof ForgotPasswordReceived>;
