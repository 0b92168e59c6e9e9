import { z } from 'zod';
import type { ConsoleHandlers } from '../../common/contract';
import { explainAccess } from '../../common/domain/access-explain';
import { ConsoleError } from '../../common/errors';
import {
  AccessDecision,
  AccessGraph,
  ApplicationRightsDoc,
  ApplicationRightsList,
  EffectiveRights,
  FunctionPermissions,
  MemberPage,
  OrgUnit,
  OrgUnitList,
  PrincipalDetail,
  PrincipalImpact,
  PrincipalPage,
  PrincipalSearchResult,
} from '../../common/portal-api/rights';
import type { BackendContext } from '../context';
import { headerText, offerDownload, type SaveDialog } from '../services/file-download';
import type { PortalResponse } from '../services/portal-client';

type RightsChannels = Extract<keyof ConsoleHandlers, `rights:${string}`>;

/** `{ etag, value }` from a portal answer; every mutable resource of this area carries an ETag. */
function versionedOf<T>(response: PortalResponse<T>, what: string): { etag: string; value: T } {
  if (response.etag === null) throw new ConsoleError('MALFORMED_RESPONSE', `The portal sent ${what} without an ETag`, { what });
  return { etag: response.etag, value: response.data };
}

function pageQuery(request: { cursor?: string | undefined; limit: number }) {
  return { cursor: request.cursor, limit: request.limit };
}

/** Groups, roles, lists, application rights, function permissions, org structure and the explainer. */
export function rightsHandlers(ctx: BackendContext & { fileDialogs?: SaveDialog }): Pick<ConsoleHandlers, RightsChannels> {
  const client = () => ctx.session.client();
  return {
    'rights:listPrincipals': async ({ kind, q, ...page }) =>
      (await client().get('/principals', PrincipalPage, { query: { kind, q, ...pageQuery(page) } })).data,
    'rights:searchPrincipals': async ({ q, kinds, limit }) =>
      (await client().get('/principals/search', PrincipalSearchResult, { query: { q, kinds: kinds?.join(','), limit } })).data.items,
    'rights:getPrincipal': async ({ id }) => versionedOf(await client().get(`/principals/${id}`, PrincipalDetail), 'a principal'),
    'rights:createPrincipal': async (input) => {
      const created = versionedOf(await client().post('/principals', PrincipalDetail, { body: input }), 'a principal');
      ctx.log.info('principal created', { kind: created.value.kind, name: created.value.name });
      return created;
    },
    'rights:updatePrincipal': async ({ id, ifMatch, ...change }) =>
      versionedOf(await client().patch(`/principals/${id}`, PrincipalDetail, { body: change, ifMatch }), 'a principal'),
    'rights:deletePrincipal': async ({ id, ifMatch }) => {
      await client().delete(`/principals/${id}`, z.unknown(), { ifMatch });
      ctx.log.info('principal deleted', { id });
      return { ok: true as const };
    },
    'rights:principalImpact': async ({ id }) => (await client().get(`/principals/${id}/impact`, PrincipalImpact)).data,
    'rights:listMembers': async ({ id, ...page }) => (await client().get(`/principals/${id}/members`, MemberPage, { query: pageQuery(page) })).data,
    'rights:addMember': async ({ id, memberId, ifMatch }) =>
      versionedOf(await client().post(`/principals/${id}/members`, PrincipalDetail, { body: { memberId }, ifMatch }), 'a principal'),
    'rights:removeMember': async ({ id, memberId, ifMatch }) =>
      versionedOf(await client().delete(`/principals/${id}/members/${memberId}`, PrincipalDetail, { ifMatch }), 'a principal'),

    'rights:listApplications': async () => (await client().get('/rights/applications', ApplicationRightsList)).data.items,
    'rights:getApplicationRights': async ({ applicationId }) =>
      versionedOf(await client().get(`/applications/${applicationId}/rights`, ApplicationRightsDoc), 'application rights'),
    'rights:saveApplicationRights': async ({ applicationId, ifMatch, defaultLevel, entries }) => {
      const saved = await client().put(`/applications/${applicationId}/rights`, ApplicationRightsDoc, { body: { defaultLevel, entries }, ifMatch });
      ctx.log.info('application rights saved', { application: saved.data.applicationName, entries: entries.length });
      return versionedOf(saved, 'application rights');
    },
    'rights:explain': async ({ applicationId, userId }) => {
      const portal = client();
      const [graph, rights, enforced] = await Promise.all([
        portal.get(`/rights/graph/${userId}`, AccessGraph),
        portal.get(`/applications/${applicationId}/rights`, ApplicationRightsDoc),
        portal.get(`/applications/${applicationId}/access/${userId}`, AccessDecision),
      ]);
      const explanation = explainAccess(graph.data, rights.data);
      if (explanation.level !== enforced.data.level) {
        // Only a change between the three reads can cause this; the view shows both so nothing is hidden.
        ctx.log.warn('explanation and enforcement differ', { applicationId, userId, explained: explanation.level, enforced: enforced.data.level });
      }
      return { ...explanation, enforced: enforced.data };
    },
    'rights:effective': async ({ principalId }) => (await client().get(`/rights/effective/${principalId}`, EffectiveRights)).data,
    'rights:exportMatrix': async () => {
      const portal = client();
      const day = new Date().toISOString().slice(0, 10);
      // Tens of MB at 100,000 users: streamed to the file, never held here or sent through the contract.
      return offerDownload(ctx, {
        file: `rights-matrix-${day}.csv`,
        contentType: 'text/csv; charset=utf-8',
        portalText: true,
        open: async () => {
          const response = await portal.stream('GET', '/rights/matrix.csv', { headers: { accept: 'text/csv, application/problem+json' }, timeoutMs: 120_000 });
          return { body: response.body, length: headerText(response.headers['content-length']) };
        },
      });
    },

    'rights:getFunctionPermissions': async () => versionedOf(await client().get('/function-permissions', FunctionPermissions), 'function permissions'),
    'rights:saveFunctionPermissions': async ({ ifMatch, functions }) =>
      versionedOf(await client().put('/function-permissions', FunctionPermissions, { body: { functions }, ifMatch }), 'function permissions'),

    'rights:listOrgUnits': async () => (await client().get('/org-units', OrgUnitList)).data,
    'rights:createOrgUnit': async (input) => versionedOf(await client().post('/org-units', OrgUnit, { body: input }), 'an org unit'),
    'rights:updateOrgUnit': async ({ id, ifMatch, ...change }) =>
      versionedOf(await client().patch(`/org-units/${id}`, OrgUnit, { body: change, ifMatch }), 'an org unit'),
    'rights:deleteOrgUnit': async ({ id, ifMatch }) => {
      await client().delete(`/org-units/${id}`, z.unknown(), { ifMatch });
      return { ok: true as const };
    },
    'rights:listOrgUnitMembers': async ({ id, ...page }) => (await client().get(`/org-units/${id}/members`, MemberPage, { query: pageQuery(page) })).data,
    'rights:placeInOrgUnit': async ({ id, memberId, ifMatch }) =>
      versionedOf(await client().post(`/org-units/${id}/members`, OrgUnit, { body: { memberId }, ifMatch }), 'an org unit'),
    'rights:removeFromOrgUnit': async ({ id, memberId, ifMatch }) =>
      versionedOf(await client().delete(`/org-units/${id}/members/${memberId}`, OrgUnit, { ifMatch }), 'an org unit'),
  };
}
