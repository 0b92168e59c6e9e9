import { z } from 'zod';
import { versioned } from '../portal-api/common';
import {
  AccessDecision,
  AccessLevel,
  AccessSource,
  AnyPrincipalKind,
  ApplicationRightsDoc,
  ApplicationRightsSummary,
  ContainerKind,
  CreateOrgUnit,
  CreatePrincipal,
  EffectiveRights,
  FunctionPermission,
  FunctionPermissions,
  MemberPage,
  OrgUnit,
  OrgUnitList,
  PrincipalDetail,
  PrincipalImpact,
  PrincipalPage,
  PrincipalRef,
  RightsEntryView,
} from '../portal-api/rights';
import { FileDownload } from './file-download';
import { call, Empty, Ok } from './define';

const Id = z.uuid();
const IfMatch = z.string().min(1);
const PageRequest = { cursor: z.string().optional(), limit: z.number().int().min(1).max(500).default(100) };

export const VersionedPrincipal = versioned(PrincipalDetail);
export type VersionedPrincipal = z.infer<typeof VersionedPrincipal>;
export const VersionedApplicationRights = versioned(ApplicationRightsDoc);
export type VersionedApplicationRights = z.infer<typeof VersionedApplicationRights>;
export const VersionedFunctionPermissions = versioned(FunctionPermissions);
export type VersionedFunctionPermissions = z.infer<typeof VersionedFunctionPermissions>;
export const VersionedOrgUnit = versioned(OrgUnit);
export type VersionedOrgUnit = z.infer<typeof VersionedOrgUnit>;

/** The explainer's answer: computed in the console with the common evaluation, next to what the portal enforces. */
export const RightsExplanation = z.object({
  applicationId: z.string(),
  applicationName: z.string(),
  principal: PrincipalRef,
  level: AccessLevel,
  source: AccessSource,
  defaultLevel: AccessLevel,
  contributions: z.array(z.object({ principal: PrincipalRef, level: AccessLevel, path: z.array(PrincipalRef), winning: z.boolean() })),
  notApplying: z.array(RightsEntryView),
  /** The portal's own decision for the same user and application, fetched alongside. */
  enforced: AccessDecision,
});
export type RightsExplanation = z.infer<typeof RightsExplanation>;

/** The effective matrix as CSV, streamed to a file (tens of MB at 100,000 users). */
export const MatrixExport = FileDownload;
export type MatrixExport = FileDownload;

export const rightsContract = {
  'rights:listPrincipals': call(
    z.object({ kind: ContainerKind.optional(), q: z.string().trim().max(200).optional(), ...PageRequest }),
    PrincipalPage,
    'read',
  ),
  /** Users, groups, roles and lists for a picker, searched by the portal. */
  'rights:searchPrincipals': call(
    z.object({ q: z.string().trim().min(1).max(200), kinds: z.array(AnyPrincipalKind).min(1).optional(), limit: z.number().int().min(1).max(50).default(20) }),
    z.array(PrincipalRef),
    'read',
  ),
  'rights:getPrincipal': call(z.object({ id: Id }), VersionedPrincipal, 'read'),
  'rights:createPrincipal': call(CreatePrincipal, VersionedPrincipal, 'write'),
  'rights:updatePrincipal': call(
    z.object({ id: Id, ifMatch: IfMatch, name: z.string().trim().min(1).max(120).optional(), description: z.string().trim().max(1000).optional() }),
    VersionedPrincipal,
    'write',
  ),
  'rights:deletePrincipal': call(z.object({ id: Id, ifMatch: IfMatch }), Ok, 'write'),
  'rights:principalImpact': call(z.object({ id: Id }), PrincipalImpact, 'read'),
  'rights:listMembers': call(z.object({ id: Id, ...PageRequest }), MemberPage, 'read'),
  'rights:addMember': call(z.object({ id: Id, memberId: Id, ifMatch: IfMatch }), VersionedPrincipal, 'write'),
  'rights:removeMember': call(z.object({ id: Id, memberId: Id, ifMatch: IfMatch }), VersionedPrincipal, 'write'),

  'rights:listApplications': call(Empty, z.array(ApplicationRightsSummary), 'read'),
  'rights:getApplicationRights': call(z.object({ applicationId: Id }), VersionedApplicationRights, 'read'),
  'rights:saveApplicationRights': call(
    z.object({
      applicationId: Id,
      ifMatch: IfMatch,
      defaultLevel: AccessLevel,
      entries: z.array(z.object({ principalId: Id, level: AccessLevel })).max(2000),
    }),
    VersionedApplicationRights,
    'write',
  ),
  'rights:explain': call(z.object({ applicationId: Id, userId: Id }), RightsExplanation, 'read'),
  'rights:effective': call(z.object({ principalId: Id }), EffectiveRights, 'read'),
  'rights:exportMatrix': call(Empty, MatrixExport, 'read'),

  'rights:getFunctionPermissions': call(Empty, VersionedFunctionPermissions, 'read'),
  'rights:saveFunctionPermissions': call(z.object({ ifMatch: IfMatch, functions: z.array(FunctionPermission) }), VersionedFunctionPermissions, 'write'),

  'rights:listOrgUnits': call(Empty, OrgUnitList, 'read'),
  'rights:createOrgUnit': call(CreateOrgUnit, VersionedOrgUnit, 'write'),
  'rights:updateOrgUnit': call(
    z.object({
      id: Id,
      ifMatch: IfMatch,
      name: z.string().trim().min(1).max(120).optional(),
      description: z.string().trim().max(1000).optional(),
      parentId: Id.nullable().optional(),
    }),
    VersionedOrgUnit,
    'write',
  ),
  'rights:deleteOrgUnit': call(z.object({ id: Id, ifMatch: IfMatch }), Ok, 'write'),
  'rights:listOrgUnitMembers': call(z.object({ id: Id, ...PageRequest }), MemberPage, 'read'),
  'rights:placeInOrgUnit': call(z.object({ id: Id, memberId: Id, ifMatch: IfMatch }), VersionedOrgUnit, 'write'),
  'rights:removeFromOrgUnit': call(z.object({ id: Id, memberId: Id, ifMatch: IfMatch }), VersionedOrgUnit, 'write'),
};
