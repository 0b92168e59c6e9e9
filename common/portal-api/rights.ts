import { z } from 'zod';
import { accessLevels, principalKinds } from '../domain/access';
import { PageQuery, page } from './common';

/**
 * Groups, roles, distribution lists, application rights, function permissions and the org structure.
 * Users are principals too (kind `user`); they are managed by the users area and only referenced here.
 */

export const AccessLevel = z.enum(accessLevels);
export const AnyPrincipalKind = z.enum(principalKinds);
/** The kinds of principal that hold members: groups, roles and distribution lists. */
export const ContainerKind = z.enum(['group', 'role', 'distribution_list']);
export type ContainerKind = z.infer<typeof ContainerKind>;
export const AccessSource = z.enum(['entry', 'default']);

/** A principal as other resources name it; `detail` is the login of a user or the description of a container. */
export const PrincipalRef = z.object({
  id: z.string(),
  kind: AnyPrincipalKind,
  name: z.string(),
  detail: z.string().optional(),
});
export type PrincipalRef = z.infer<typeof PrincipalRef>;

const PrincipalName = z.string().trim().min(1).max(120);
const Description = z.string().trim().max(1000);

/** GET /principals: one row of the list. */
export const PrincipalSummary = z.object({
  id: z.string(),
  kind: ContainerKind,
  name: z.string(),
  description: z.string(),
  /** Direct members (users and nested containers). */
  memberCount: z.number().int(),
});
export type PrincipalSummary = z.infer<typeof PrincipalSummary>;
export const PrincipalPage = page(PrincipalSummary);
export type PrincipalPage = z.infer<typeof PrincipalPage>;

export const PrincipalListQuery = PageQuery.extend({
  kind: ContainerKind.optional(),
  q: z.string().trim().max(200).optional(),
});
export type PrincipalListQuery = z.infer<typeof PrincipalListQuery>;

/** GET /principals/:id (ETag): a group, role or distribution list with where it sits. */
export const PrincipalDetail = PrincipalSummary.extend({
  /** Containers this one is a direct member of. */
  memberOf: z.array(PrincipalRef),
  orgUnitId: z.string().nullable(),
});
export type PrincipalDetail = z.infer<typeof PrincipalDetail>;

export const CreatePrincipal = z.object({
  kind: ContainerKind,
  name: PrincipalName,
  description: Description.default(''),
});
export type CreatePrincipal = z.infer<typeof CreatePrincipal>;

export const UpdatePrincipal = z
  .object({ name: PrincipalName.optional(), description: Description.optional() })
  .refine((change) => change.name !== undefined || change.description !== undefined, 'Change at least the name or the description');
export type UpdatePrincipal = z.infer<typeof UpdatePrincipal>;

export const MemberPage = page(PrincipalRef);
export type MemberPage = z.infer<typeof MemberPage>;

/** POST /principals/:id/members: a user or a group, role or list to add (the kind is looked up). */
export const AddMember = z.object({ memberId: z.uuid() });

/** GET /principals/:id/impact: what deleting the principal would change. */
export const PrincipalImpact = z.object({
  principal: PrincipalRef,
  directMembers: z.number().int(),
  /** Users who are members directly or through nested containers. */
  usersReached: z.number().int(),
  memberOf: z.array(PrincipalRef),
  rightsEntries: z.array(z.object({ applicationId: z.string(), applicationName: z.string(), level: AccessLevel })),
  /** Per application: how many users' effective level would change if the principal were deleted. */
  accessChanges: z.array(z.object({ applicationId: z.string(), applicationName: z.string(), users: z.number().int() })),
  orgUnitId: z.string().nullable(),
});
export type PrincipalImpact = z.infer<typeof PrincipalImpact>;

/** GET /principals/search: users and containers for a picker, searched on the server. */
export const PrincipalSearchQuery = z.object({
  q: z.string().trim().min(1).max(200),
  /** Comma-separated kinds, e.g. `user,group`; all kinds when absent. */
  kinds: z
    .string()
    .regex(/^(user|group|role|distribution_list)(,(user|group|role|distribution_list))*$/, 'Comma-separated principal kinds')
    .optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type PrincipalSearchQuery = z.infer<typeof PrincipalSearchQuery>;
export const PrincipalSearchResult = z.object({ items: z.array(PrincipalRef) });
export type PrincipalSearchResult = z.infer<typeof PrincipalSearchResult>;

// ---- application rights ----

export const RightsEntryView = z.object({ principal: PrincipalRef, level: AccessLevel });
export type RightsEntryView = z.infer<typeof RightsEntryView>;

/** GET /applications/:id/rights (ETag): the entries and the default for "all other members". */
export const ApplicationRightsDoc = z.object({
  applicationId: z.string(),
  applicationName: z.string(),
  defaultLevel: AccessLevel,
  entries: z.array(RightsEntryView),
});
export type ApplicationRightsDoc = z.infer<typeof ApplicationRightsDoc>;

export const SaveApplicationRights = z.object({
  defaultLevel: AccessLevel,
  entries: z.array(z.object({ principalId: z.uuid(), level: AccessLevel })).max(2000),
});
export type SaveApplicationRights = z.infer<typeof SaveApplicationRights>;

/** GET /rights/applications: every application with its rights at a glance. */
export const ApplicationRightsSummary = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  defaultLevel: AccessLevel,
  entryCount: z.number().int(),
});
export type ApplicationRightsSummary = z.infer<typeof ApplicationRightsSummary>;
export const ApplicationRightsList = z.object({ items: z.array(ApplicationRightsSummary) });

export const AccessQuery = z.object({ require: AccessLevel.default('read') });

/** GET /applications/:id/access/:userId: the decision the portal enforces. */
export const AccessDecision = z.object({
  applicationId: z.string(),
  userId: z.string(),
  level: AccessLevel,
  source: AccessSource,
  required: AccessLevel,
  allowed: z.boolean(),
});
export type AccessDecision = z.infer<typeof AccessDecision>;

/** GET /applications/:id/launch/:userId: what the portal hands a member who may open the application. */
export const ApplicationLaunch = z.object({
  applicationId: z.string(),
  name: z.string(),
  level: AccessLevel,
  capabilities: z.object({ read: z.boolean(), addOwn: z.boolean(), editAll: z.boolean(), manageRights: z.boolean() }),
});
export type ApplicationLaunch = z.infer<typeof ApplicationLaunch>;

/** GET /rights/graph/:principalId: the principal, every container it reaches, and the memberships between them. */
export const AccessGraph = z.object({
  principalId: z.string(),
  principals: z.array(PrincipalRef),
  memberships: z.array(z.object({ memberId: z.string(), containerId: z.string() })),
});
export type AccessGraph = z.infer<typeof AccessGraph>;

/** One application's effective level for a principal and the rule that decided it. */
export const EffectiveRight = z.object({
  applicationId: z.string(),
  applicationName: z.string(),
  level: AccessLevel,
  source: AccessSource,
  /** The deciding entry's level and membership path (the principal first); null when the default applies. */
  winning: z.object({ level: AccessLevel, path: z.array(PrincipalRef) }).nullable(),
});
export type EffectiveRight = z.infer<typeof EffectiveRight>;

/** GET /rights/effective/:principalId. */
export const EffectiveRights = z.object({ principal: PrincipalRef, applications: z.array(EffectiveRight) });
export type EffectiveRights = z.infer<typeof EffectiveRights>;

// ---- function permissions ----

export const portalFunctions = [
  'news',
  'calendar',
  'contacts',
  'databases',
  'discussions',
  'documents',
  'photos',
  'tasks',
  'links',
  'surveys',
] as const;
export const PortalFunction = z.enum(portalFunctions);
export type PortalFunction = z.infer<typeof PortalFunction>;
/** Members may add content, or only administrators may. */
export const MemberFunctionRight = z.enum(['add', 'admins_only']);
/** Guests may take part (read and contribute), only read, or not see the function. */
export const GuestFunctionRight = z.enum(['participate', 'read', 'none']);

export const FunctionPermission = z.object({
  function: PortalFunction,
  members: MemberFunctionRight,
  guests: GuestFunctionRight,
});
export type FunctionPermission = z.infer<typeof FunctionPermission>;

function coversEveryFunctionOnce(functions: readonly FunctionPermission[]): boolean {
  const keys = functions.map((f) => f.function);
  return keys.length === portalFunctions.length && new Set(keys).size === keys.length;
}

export const SaveFunctionPermissions = z.object({
  functions: z.array(FunctionPermission).refine(coversEveryFunctionOnce, 'List every portal function exactly once'),
});
export type SaveFunctionPermissions = z.infer<typeof SaveFunctionPermissions>;

/** GET /function-permissions (ETag). `guestsEnabled` mirrors the security policy: guest rights apply only when it is on. */
export const FunctionPermissions = SaveFunctionPermissions.extend({ guestsEnabled: z.boolean() });
export type FunctionPermissions = z.infer<typeof FunctionPermissions>;

/**
 * The defaults of a new portal, as on the security sheet's "Funktionsberechtigungen" screen: "Mitglieder können ...
 * hinzufügen" (or "erstellen") is chosen for each function and no "Gäste können abrufen" / "Gäste können teilnehmen"
 * box is ticked ("Gäste können nur dann auf Ihre Site zugreifen, wenn Sie dies explizit zulassen."). Portals created
 * before keep the matrix they had (migration 0013 stores the old defaults for them).
 */
export const defaultFunctionPermissions: FunctionPermission[] = portalFunctions.map((key) => ({ function: key, members: 'add', guests: 'none' }));

// ---- org structure ----

export const OrgUnitKind = z.enum(['container', 'org_unit']);
export type OrgUnitKind = z.infer<typeof OrgUnitKind>;

export const OrgUnit = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: OrgUnitKind,
  name: z.string(),
  description: z.string(),
  userCount: z.number().int(),
  /** Groups, roles and distribution lists placed here. */
  principalCount: z.number().int(),
  childCount: z.number().int(),
});
export type OrgUnit = z.infer<typeof OrgUnit>;

/** GET /org-units: the whole tree, parents before children; each unit with its ETag. */
export const OrgUnitList = z.object({ items: z.array(z.object({ etag: z.string(), value: OrgUnit })) });
export type OrgUnitList = z.infer<typeof OrgUnitList>;

export const CreateOrgUnit = z.object({
  parentId: z.uuid().nullable(),
  kind: OrgUnitKind,
  name: PrincipalName,
  description: Description.default(''),
});
export type CreateOrgUnit = z.infer<typeof CreateOrgUnit>;

export const UpdateOrgUnit = z
  .object({ name: PrincipalName.optional(), description: Description.optional(), parentId: z.uuid().nullable().optional() })
  .refine((change) => Object.values(change).some((value) => value !== undefined), 'Change at least one field');
export type UpdateOrgUnit = z.infer<typeof UpdateOrgUnit>;

/** POST /org-units/:id/members: places a user or a container here (moving it out of its previous unit). */
export const PlaceInOrgUnit = z.object({ memberId: z.uuid() });
