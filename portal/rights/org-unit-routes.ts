import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { PageQuery } from '../../common/portal-api/common';
import { CreateOrgUnit, MemberPage, OrgUnit, OrgUnitList, PlaceInOrgUnit, UpdateOrgUnit } from '../../common/portal-api/rights';
import { recordAudit } from '../audit';
import type { PortalTx } from '../db/client';
import { checkIfMatch } from '../http/etag';
import type { FeatureRoutes } from '../routes/types';
import {
  deleteOrgUnit,
  insertOrgUnit,
  listOrgUnitMembers,
  listOrgUnits,
  lockOrgStructure,
  placeMember,
  readOrgUnit,
  unplaceMember,
  updateOrgUnit,
  type LockedOrgUnit,
} from './org-units';
import { findMember, lockMembershipGraph } from './principals';

const IdParams = z.object({ id: z.uuid() });
const MemberParams = z.object({ id: z.uuid(), memberId: z.uuid() });
const tags = ['rights'];

function sendUnit(reply: FastifyReply, unit: LockedOrgUnit) {
  reply.header('etag', unit.etag);
  return unit.value;
}

/**
 * Every change of the org structure takes its lock before any row lock. Changes that also bump groups,
 * roles or lists (placements, deletes) take the membership lock next, in that order, as principal changes
 * that bump org units hold it.
 */
async function lockStructure(tx: PortalTx, options: { principals: boolean }): Promise<void> {
  await lockOrgStructure(tx);
  if (options.principals) await lockMembershipGraph(tx);
}

export const orgUnitRoutes: FeatureRoutes = async (app) => {
  const db = app.portal.db;

  async function change(
    request: FastifyRequest,
    id: string,
    apply: (tx: PortalTx, locked: LockedOrgUnit) => Promise<{ action: string; before?: unknown; after?: unknown }>,
    options: { principals: boolean },
  ): Promise<LockedOrgUnit> {
    return db.transaction(async (tx) => {
      await lockStructure(tx, options);
      const locked = await readOrgUnit(tx, id, true);
      checkIfMatch(request, locked.etag, locked.value);
      const audit = await apply(tx, locked);
      await recordAudit(tx, { actor: request.actor, targetType: 'org_unit', targetId: id, at: app.portal.now(), ...audit });
      return readOrgUnit(tx, id);
    });
  }

  app.get(
    '/org-units',
    { config: { adminArea: 'rights' }, schema: { tags, summary: 'The org structure: every container and org unit, parents first', response: { 200: OrgUnitList } } },
    async () => listOrgUnits(db),
  );

  app.post(
    '/org-units',
    { config: { adminArea: 'rights' }, schema: { tags, summary: 'Create a container or org unit', body: CreateOrgUnit, response: { 201: OrgUnit } } },
    async (request, reply) => {
      const created = await db.transaction(async (tx) => {
        await lockStructure(tx, { principals: false });
        const row = await insertOrgUnit(tx, request.body);
        const unit = await readOrgUnit(tx, row.id);
        await recordAudit(tx, {
          actor: request.actor,
          action: 'org_unit.create',
          targetType: 'org_unit',
          targetId: row.id,
          after: unit.value,
          at: app.portal.now(),
        });
        return unit;
      });
      reply.code(201);
      return sendUnit(reply, created);
    },
  );

  app.get(
    '/org-units/:id',
    { config: { adminArea: 'rights' }, schema: { tags, summary: 'One container or org unit (ETag)', params: IdParams, response: { 200: OrgUnit } } },
    async (request, reply) => sendUnit(reply, await readOrgUnit(db, request.params.id)),
  );

  app.patch(
    '/org-units/:id',
    { config: { adminArea: 'rights' }, schema: { tags, summary: 'Rename, describe or move (If-Match); cycles are refused', params: IdParams, body: UpdateOrgUnit, response: { 200: OrgUnit } } },
    async (request, reply) => {
      const updated = await change(
        request,
        request.params.id,
        async (tx, locked) => {
          await updateOrgUnit(tx, locked.row, request.body);
          const after = await readOrgUnit(tx, locked.row.id);
          return { action: 'org_unit.update', before: locked.value, after: after.value };
        },
        { principals: false },
      );
      return sendUnit(reply, updated);
    },
  );

  app.delete(
    '/org-units/:id',
    { config: { adminArea: 'rights' }, schema: { tags, summary: 'Delete an empty org unit; its users and groups become unassigned (If-Match)', params: IdParams } },
    async (request, reply) => {
      await db.transaction(async (tx) => {
        await lockStructure(tx, { principals: true });
        const locked = await readOrgUnit(tx, request.params.id, true);
        checkIfMatch(request, locked.etag, locked.value);
        const unassigned = await deleteOrgUnit(tx, locked);
        await recordAudit(tx, {
          actor: request.actor,
          action: 'org_unit.delete',
          targetType: 'org_unit',
          targetId: locked.row.id,
          before: { ...locked.value, members: unassigned },
          at: app.portal.now(),
        });
      });
      return reply.code(204).send();
    },
  );

  app.get(
    '/org-units/:id/members',
    { config: { adminArea: 'rights' }, schema: { tags, summary: 'Users, groups, roles and lists placed here', params: IdParams, querystring: PageQuery, response: { 200: MemberPage } } },
    async (request) => {
      await readOrgUnit(db, request.params.id);
      return listOrgUnitMembers(db, request.params.id, request.query);
    },
  );

  app.post(
    '/org-units/:id/members',
    {
      config: { adminArea: 'rights' },
      schema: {
        tags,
        summary: 'Place a user or container here, moving it out of its previous unit (If-Match)',
        params: IdParams,
        body: PlaceInOrgUnit,
        response: { 200: OrgUnit },
      },
    },
    async (request, reply) => {
      const updated = await change(
        request,
        request.params.id,
        async (tx, locked) => {
          const member = await findMember(tx, request.body.memberId);
          const previousUnitId = await placeMember(tx, locked.row, member);
          return { action: 'org_unit.member_place', before: { orgUnitId: previousUnitId, member }, after: { orgUnitId: locked.row.id, member } };
        },
        { principals: true },
      );
      return sendUnit(reply, updated);
    },
  );

  app.delete(
    '/org-units/:id/members/:memberId',
    { config: { adminArea: 'rights' }, schema: { tags, summary: 'Take a user or container out of this unit (If-Match)', params: MemberParams, response: { 200: OrgUnit } } },
    async (request, reply) => {
      const updated = await change(
        request,
        request.params.id,
        async (tx, locked) => {
          const member = await findMember(tx, request.params.memberId);
          await unplaceMember(tx, locked.row, member);
          return { action: 'org_unit.member_remove', before: { orgUnitId: locked.row.id, member } };
        },
        { principals: true },
      );
      return sendUnit(reply, updated);
    },
  );
};
