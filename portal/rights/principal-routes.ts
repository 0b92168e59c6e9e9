import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { PageQuery } from '../../common/portal-api/common';
import {
  AddMember,
  CreatePrincipal,
  MemberPage,
  PrincipalDetail,
  PrincipalImpact,
  PrincipalListQuery,
  PrincipalPage,
  PrincipalSearchQuery,
  PrincipalSearchResult,
  UpdatePrincipal,
  type PrincipalRef,
} from '../../common/portal-api/rights';
import { recordAudit } from '../audit';
import type { PortalTx } from '../db/client';
import type { PrincipalRow } from '../db/schema';
import { checkIfMatch } from '../http/etag';
import type { FeatureRoutes } from '../routes/types';
import { bumpRightsVersions } from './application-rights';
import { containerRef } from './graph';
import { bumpOrgUnit } from './org-units';
import {
  addMembership,
  applicationsWithEntriesFor,
  bumpNeighboursOf,
  bumpPrincipal,
  deletePrincipalRow,
  deletionSnapshot,
  findMember,
  insertPrincipal,
  listMembers,
  listPrincipals,
  lockMembershipGraph,
  lockPrincipal,
  memberIdsOf,
  principalImpact,
  readPrincipal,
  removeMembership,
  searchPrincipals,
  assertNameFree,
  type VersionedDetail,
} from './principals';

const IdParams = z.object({ id: z.uuid() });
const MemberParams = z.object({ id: z.uuid(), memberId: z.uuid() });
const tags = ['rights'];

function sendVersioned(reply: FastifyReply, versioned: VersionedDetail) {
  reply.header('etag', versioned.etag);
  return versioned.detail;
}

/** Adds or removes one member of the locked container; the audit keeps the member list before and after. */
async function changeMembership(
  tx: PortalTx,
  row: PrincipalRow,
  memberId: string,
  action: 'principal.member_add' | 'principal.member_remove',
  apply: (tx: PortalTx, container: PrincipalRef, member: PrincipalRef) => Promise<void>,
) {
  const container = containerRef(row);
  const member = await findMember(tx, memberId);
  const before = await memberIdsOf(tx, container.id);
  await apply(tx, container, member);
  await bumpPrincipal(tx, container.id);
  const after = await memberIdsOf(tx, container.id);
  return { action, before: { container, member, members: before }, after: { container, member, members: after } };
}

export const principalRoutes: FeatureRoutes = async (app) => {
  const db = app.portal.db;

  /**
   * Locks the principal, enforces If-Match, applies the change and answers the new version. A change of the
   * membership graph takes the membership lock first, before any row lock (see lockMembershipGraph).
   */
  async function change(
    request: FastifyRequest,
    id: string,
    apply: (tx: PortalTx, locked: Awaited<ReturnType<typeof lockPrincipal>>) => Promise<{ action: string; before?: unknown; after?: unknown }>,
    options: { membership?: boolean } = {},
  ): Promise<VersionedDetail> {
    return db.transaction(async (tx) => {
      if (options.membership === true) await lockMembershipGraph(tx);
      const locked = await lockPrincipal(tx, id);
      checkIfMatch(request, locked.etag, locked.detail);
      const audit = await apply(tx, locked);
      await recordAudit(tx, { actor: request.actor, targetType: 'principal', targetId: id, at: app.portal.now(), ...audit });
      return readPrincipal(tx, id);
    });
  }

  app.get(
    '/principals',
    { config: { adminArea: 'rights' }, schema: { tags, summary: 'Groups, roles and distribution lists by name', querystring: PrincipalListQuery, response: { 200: PrincipalPage } } },
    async (request) => listPrincipals(db, request.query),
  );

  app.get(
    '/principals/search',
    {
      config: { adminArea: 'rights' },
      schema: {
        tags,
        summary: 'Users, groups, roles and distribution lists whose name contains q (for pickers)',
        querystring: PrincipalSearchQuery,
        response: { 200: PrincipalSearchResult },
      },
    },
    async (request) => ({ items: await searchPrincipals(db, request.query) }),
  );

  app.post(
    '/principals',
    { config: { adminArea: 'rights' }, schema: { tags, summary: 'Create a group, role or distribution list', body: CreatePrincipal, response: { 201: PrincipalDetail } } },
    async (request, reply) => {
      const created = await db.transaction(async (tx) => {
        const row = await insertPrincipal(tx, request.body);
        const versioned = await readPrincipal(tx, row.id);
        await recordAudit(tx, {
          actor: request.actor,
          action: 'principal.create',
          targetType: 'principal',
          targetId: row.id,
          after: versioned.detail,
          at: app.portal.now(),
        });
        return versioned;
      });
      reply.code(201);
      return sendVersioned(reply, created);
    },
  );

  app.get(
    '/principals/:id',
    { config: { adminArea: 'rights' }, schema: { tags, summary: 'A group, role or distribution list (ETag)', params: IdParams, response: { 200: PrincipalDetail } } },
    async (request, reply) => sendVersioned(reply, await readPrincipal(db, request.params.id)),
  );

  app.patch(
    '/principals/:id',
    { config: { adminArea: 'rights' }, schema: { tags, summary: 'Rename or describe (If-Match)', params: IdParams, body: UpdatePrincipal, response: { 200: PrincipalDetail } } },
    async (request, reply) => {
      const updated = await change(request, request.params.id, async (tx, locked) => {
        if (request.body.name !== undefined) await assertNameFree(tx, locked.row.kind, request.body.name, locked.row.id);
        await bumpPrincipal(tx, locked.row.id, request.body);
        const after = await readPrincipal(tx, locked.row.id);
        return { action: 'principal.update', before: locked.detail, after: after.detail };
      });
      return sendVersioned(reply, updated);
    },
  );

  app.delete(
    '/principals/:id',
    { config: { adminArea: 'rights' }, schema: { tags, summary: 'Delete with its memberships and rights entries (If-Match)', params: IdParams } },
    async (request, reply) => {
      await db.transaction(async (tx) => {
        await lockMembershipGraph(tx);
        const locked = await lockPrincipal(tx, request.params.id);
        checkIfMatch(request, locked.etag, locked.detail);
        const before = await deletionSnapshot(tx, locked.detail);
        const affectedApplications = await applicationsWithEntriesFor(tx, locked.row.id);
        await bumpNeighboursOf(tx, locked.row.id);
        await deletePrincipalRow(tx, locked.row.id);
        await bumpRightsVersions(tx, affectedApplications);
        if (locked.detail.orgUnitId !== null) await bumpOrgUnit(tx, locked.detail.orgUnitId);
        await recordAudit(tx, {
          actor: request.actor,
          action: 'principal.delete',
          targetType: 'principal',
          targetId: locked.row.id,
          before,
          at: app.portal.now(),
        });
      });
      return reply.code(204).send();
    },
  );

  app.get(
    '/principals/:id/impact',
    { config: { adminArea: 'rights' }, schema: { tags, summary: 'What deleting the principal would change', params: IdParams, response: { 200: PrincipalImpact } } },
    async (request) => principalImpact(db, request.params.id),
  );

  app.get(
    '/principals/:id/members',
    { config: { adminArea: 'rights' }, schema: { tags, summary: 'Direct members by name', params: IdParams, querystring: PageQuery, response: { 200: MemberPage } } },
    async (request) => {
      await readPrincipal(db, request.params.id);
      return listMembers(db, request.params.id, request.query);
    },
  );

  app.post(
    '/principals/:id/members',
    {
      config: { adminArea: 'rights' },
      schema: {
        tags,
        summary: 'Add a user or a nested group, role or list (If-Match of the container); cycles are refused',
        params: IdParams,
        body: AddMember,
        response: { 200: PrincipalDetail },
      },
    },
    async (request, reply) => {
      const updated = await change(
        request,
        request.params.id,
        (tx, locked) => changeMembership(tx, locked.row, request.body.memberId, 'principal.member_add', addMembership),
        { membership: true },
      );
      return sendVersioned(reply, updated);
    },
  );

  app.delete(
    '/principals/:id/members/:memberId',
    {
      config: { adminArea: 'rights' },
      schema: { tags, summary: 'Remove a direct member (If-Match of the container)', params: MemberParams, response: { 200: PrincipalDetail } },
    },
    async (request, reply) => {
      const updated = await change(
        request,
        request.params.id,
        (tx, locked) => changeMembership(tx, locked.row, request.params.memberId, 'principal.member_remove', removeMembership),
        { membership: true },
      );
      return sendVersioned(reply, updated);
    },
  );
};
