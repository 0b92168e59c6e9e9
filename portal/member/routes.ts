import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RegistrationRequest, RegistrationResponse } from '../../common/portal-api/account';
import { Uuid } from '../../common/portal-api/common';
import { AskForInvitation, CreateInvitationRequest, InvitationAsked, InvitationCreated } from '../../common/portal-api/invitations';
import {
  ForgotPassword,
  ForgotPasswordReceived,
  FunctionAccessList,
  FunctionItem,
  FunctionItemPage,
  FunctionItemQuery,
  FunctionParams,
  MemberAccess,
  MemberApplicationList,
  MemberLaunch,
  MemberPasswordChange,
  MemberListQuery,
  MemberProfilePage,
  MemberProfile,
  MemberSignedIn,
  MemberSignIn,
  NewFunctionItem,
} from '../../common/portal-api/member';
import { recordAudit } from '../audit';
import { users } from '../db/schema';
import { problem } from '../http/problem';
import { register } from '../users/account';
import { askForInvitation, createInvitation } from '../users/invitations';
import { launchableApplications, launchForCaller } from './applications';
import { accessToFunctions, addFunctionItem, listFunctionItems } from './functions';
import { listMembers, memberProfile } from './members';
import { maySeeMembers, memberMayInvite, mayRegister, mayRequestInvitation, passwordMailsAllowed } from './rules';
import { refused, resolveCaller, revokeMemberSession } from './sessions';
import { changePasswordAndSignIn, memberSignIn } from './sign-in';

/** OpenAPI: routes that need a member session, and routes a guest may call too (the session is then optional). */
const MEMBER_ONLY: Record<string, string[]>[] = [{ memberBearer: [] }];
const MEMBER_OR_GUEST: Record<string, string[]>[] = [{ memberBearer: [] }, {}];
const TAGS = ['member'];

function perLoginKey(request: FastifyRequest): string {
  const body = request.body as { login?: unknown; email?: unknown } | undefined;
  const name = typeof body?.login === 'string' ? body.login : typeof body?.email === 'string' ? body.email : '';
  return `member|${request.ip}|${name.toLowerCase()}`;
}

const IdParams = z.object({ id: Uuid });

/**
 * The member side, `/member/api/v1`: every call reads the security policy and the function permissions as stored now,
 * so a change in the console governs the next call (no cache, no restart).
 */
const memberRoutes: FastifyPluginAsyncZod = async (app) => {
  const limit = app.portalConfig.loginRateLimit;
  const rateLimit = { max: limit.max, timeWindow: limit.windowMs, hook: 'preHandler' as const, keyGenerator: perLoginKey };
  const caller = (request: FastifyRequest) => resolveCaller(app.portal, request);

  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.post(
    '/sessions',
    { config: { rateLimit }, schema: { tags: TAGS, summary: 'Member sign-in (rate limited like the admin sign-in, same lockout)', body: MemberSignIn, response: { 201: MemberSignedIn } } },
    async (request, reply) => {
      const signedIn = await memberSignIn(app.portal, request.body.login, request.body.password, request.body.remember ?? false);
      reply.code(201);
      return signedIn;
    },
  );

  app.post(
    '/sessions/password',
    {
      config: { rateLimit },
      schema: {
        tags: TAGS,
        summary: 'A member whose password must change (expired, or below the policy) sets a new one with the current one and is signed in',
        body: MemberPasswordChange,
        response: { 201: MemberSignedIn },
      },
    },
    async (request, reply) => {
      const signedIn = await changePasswordAndSignIn(app.portal, request.body);
      reply.code(201);
      return signedIn;
    },
  );

  app.delete('/sessions/current', { schema: { tags: TAGS, summary: 'Member sign-out', security: MEMBER_ONLY } }, async (request, reply) => {
    const who = await caller(request);
    if (who.kind !== 'member' || who.sessionTokenHash === null) throw problem(401, 'Unauthorized', { code: 'not_signed_in', detail: 'No member session.' });
    await revokeMemberSession(app.portal.db, who.sessionTokenHash);
    const actor = { id: who.member!.id, login: who.member!.login };
    await recordAudit(app.portal.db, { actor, action: 'member_session.logout', targetType: 'user', targetId: actor.id, at: app.portal.now() });
    return reply.code(204).send();
  });

  app.get(
    '/access',
    { schema: { tags: TAGS, summary: 'Who the portal takes the caller for and what the security policy lets the caller do now', security: MEMBER_OR_GUEST, response: { 200: MemberAccess } } },
    async (request) => {
      const who = await caller(request);
      const { policy } = who;
      return {
        caller: who.kind,
        member: who.member,
        membershipMode: policy.membership.mode,
        canRegister: mayRegister(who, policy),
        canRequestInvitation: mayRequestInvitation(who, policy),
        canInvite: memberMayInvite(who, policy),
        canSeeMembers: maySeeMembers(who, policy.memberDataVisibility),
        passwordMailsAllowed: passwordMailsAllowed(policy),
        rememberMeAllowed: !policy.disableRememberMe,
      };
    },
  );

  app.post(
    '/registrations',
    {
      config: { rateLimit },
      schema: {
        tags: TAGS,
        summary: 'Register (membership mode open) or join with the registration code and an invitation code (mode invitation)',
        body: RegistrationRequest,
        response: { 201: RegistrationResponse },
      },
    },
    async (request, reply) => {
      const created = await register(app.portal.db, request.body, app.portal.now());
      reply.code(201);
      return created;
    },
  );

  app.post(
    '/invitation-requests',
    {
      config: { rateLimit },
      schema: { tags: TAGS, summary: 'Ask for an invitation (while anyone may request one); administrators grant or refuse it in the console', body: AskForInvitation, response: { 202: InvitationAsked } },
    },
    async (request, reply) => {
      await askForInvitation(app.portal.db, request.body, app.portal.now());
      reply.code(202);
      return { received: true as const };
    },
  );

  app.post(
    '/invitations',
    {
      config: { rateLimit },
      schema: {
        tags: TAGS,
        summary: 'A member invites someone (mode invitation, members may invite, passwords may be sent by e-mail); the one-time code is answered once',
        security: MEMBER_ONLY,
        body: CreateInvitationRequest,
        response: { 201: InvitationCreated },
      },
    },
    async (request, reply) => {
      const who = await caller(request);
      if (who.kind !== 'member') throw refused(who, 'members_only', 'Only signed-in members send invitations.');
      if (!memberMayInvite(who, who.policy)) {
        throw refused(who, 'invitations_not_for_members', 'The security policy does not let members send invitations now (membership options, "never send passwords by e-mail").');
      }
      const created = await createInvitation({ db: app.portal.db, actor: { id: who.member!.id, login: who.member!.login }, now: app.portal.now() }, request.body);
      reply.code(201).header('etag', created.invitation.etag);
      return created;
    },
  );

  app.post(
    '/password-resets',
    {
      config: { rateLimit },
      schema: {
        tags: TAGS,
        summary: '"Forgot password": refused while passwords are never sent by e-mail; otherwise recorded for the mail (the same answer whether or not the account exists)',
        body: ForgotPassword,
        response: { 202: ForgotPasswordReceived },
      },
    },
    async (request, reply) => {
      const who = await caller(request);
      if (!passwordMailsAllowed(who.policy)) {
        throw refused(who, 'password_mails_disabled', 'Passwords are never sent by e-mail on this portal; ask an administrator.');
      }
      const name = request.body.login.toLowerCase();
      const [user] = await app.portal.db
        .select({ id: users.id })
        .from(users)
        .where(sql`(lower(${users.login}) = ${name} or lower(${users.email}) = ${name}) and ${users.enabled}`)
        .limit(1);
      await recordAudit(app.portal.db, {
        actor: null,
        actorLogin: request.body.login,
        action: 'member.password_mail_requested',
        targetType: 'user',
        targetId: user?.id ?? null,
        after: { accountFound: user !== undefined },
        at: app.portal.now(),
      });
      reply.code(202);
      return { received: true as const };
    },
  );

  app.get(
    '/members',
    { schema: { tags: TAGS, summary: 'The member list, as "who sees member data" allows (e-mail addresses for members only)', security: MEMBER_OR_GUEST, querystring: MemberListQuery, response: { 200: MemberProfilePage } } },
    async (request) => {
      const who = await caller(request);
      return listMembers(app.portal.db, who, who.policy, request.query);
    },
  );

  app.get(
    '/members/:id',
    { schema: { tags: TAGS, summary: 'One member profile, as "who sees member data" allows', security: MEMBER_OR_GUEST, params: IdParams, response: { 200: MemberProfile } } },
    async (request) => {
      const who = await caller(request);
      return memberProfile(app.portal.db, who, who.policy, request.params.id);
    },
  );

  app.get(
    '/functions',
    { schema: { tags: TAGS, summary: 'What the caller may read and add in each portal function (function permissions)', security: MEMBER_OR_GUEST, response: { 200: FunctionAccessList } } },
    async (request) => {
      const who = await caller(request);
      return { caller: who.kind, functions: await accessToFunctions(app.portal.db, who) };
    },
  );

  app.get(
    '/functions/:function/items',
    {
      schema: { tags: TAGS, summary: 'Items of a portal function, newest first (read permission)', security: MEMBER_OR_GUEST, params: FunctionParams, querystring: FunctionItemQuery, response: { 200: FunctionItemPage } },
    },
    async (request) => {
      const who = await caller(request);
      return listFunctionItems(app.portal.db, who, request.params.function, request.query, who.policy.memberDataVisibility);
    },
  );

  app.post(
    '/functions/:function/items',
    {
      schema: { tags: TAGS, summary: 'Add an item to a portal function (add permission)', security: MEMBER_OR_GUEST, params: FunctionParams, body: NewFunctionItem, response: { 201: FunctionItem } },
    },
    async (request, reply) => {
      const who = await caller(request);
      const item = await addFunctionItem(app.portal.db, who, request.params.function, request.body, app.portal.now());
      reply.code(201);
      return item;
    },
  );

  app.get(
    '/applications',
    { schema: { tags: TAGS, summary: 'Published applications the caller may open (application rights; guests: the areas open to guests)', security: MEMBER_OR_GUEST, response: { 200: MemberApplicationList } } },
    async (request) => {
      const who = await caller(request);
      return { items: await launchableApplications(app.portal.db, who, who.policy) };
    },
  );

  app.post(
    '/applications/:id/launch',
    { schema: { tags: TAGS, summary: "Launch an application: its published definition and the caller's capabilities, or 403", security: MEMBER_OR_GUEST, params: IdParams, response: { 200: MemberLaunch } } },
    async (request) => {
      const who = await caller(request);
      return launchForCaller(app.portal.db, who, who.policy, request.params.id, app.portal.now());
    },
  );

};

export default memberRoutes;
