import { asc, eq, sql } from 'drizzle-orm';
import { createEvaluator } from '../../common/domain/access';
import type { MemberApplication, MemberLaunch } from '../../common/portal-api/member';
import type { ApplicationLaunch } from '../../common/portal-api/rights';
import type { SecurityPolicy } from '../../common/portal-api/security-policy';
import { recordAudit } from '../audit';
import { readTogether, type PortalExecutor } from '../db/client';
import { applicationDefinitions, applications } from '../db/schema';
import { readDefinition } from '../designer/applications';
import { problem } from '../http/problem';
import { capabilitiesOf, launchApplication, meetsLevel } from '../rights/access';
import { readAllApplicationRights, readApplicationRights } from '../rights/application-rights';
import { loadPrincipalGraph } from '../rights/graph';
import { guestMayLaunch, type Caller } from './rules';
import { refused } from './sessions';

/**
 * Applications on the member side: members by their effective right (the rights the console edits: entries for users,
 * groups, roles and distribution lists, and "all other members"); guests read-only, where an administrator opened the
 * application to guests (the policy's guest areas, by id or name); outsiders never.
 */

/** The published applications the caller may open, with the caller's level. */
export async function launchableApplications(db: PortalExecutor, caller: Caller, policy: SecurityPolicy): Promise<MemberApplication[]> {
  if (caller.kind === 'outsider') return [];
  const [published, allRights] = await readTogether(db, [
    () =>
      db
        .select({ id: applications.id, name: applications.name, description: applications.description })
        .from(applications)
        .innerJoin(applicationDefinitions, eq(applicationDefinitions.applicationId, applications.id))
        .orderBy(sql`lower(${applications.name})`, asc(applications.id)),
    () => readAllApplicationRights(db),
  ]);
  if (caller.kind === 'guest') {
    return published.filter((app) => guestMayLaunch(policy, app)).map((app) => ({ ...app, level: 'read' as const }));
  }
  const memberId = caller.member!.id;
  const evaluator = createEvaluator((await loadPrincipalGraph(db, { userIds: [memberId] })).graph);
  const rightsById = new Map(allRights.map((stored) => [stored.doc.applicationId, stored.rights]));
  return published.flatMap((app) => {
    const rights = rightsById.get(app.id);
    const level = rights === undefined ? 'none' : evaluator.levelOf(rights, memberId);
    return meetsLevel(level, 'read') ? [{ ...app, level }] : [];
  });
}

async function decide(db: PortalExecutor, caller: Caller, policy: SecurityPolicy, applicationId: string): Promise<ApplicationLaunch> {
  if (caller.kind === 'member') return launchApplication(db, applicationId, caller.member!.id);
  const { doc } = await readApplicationRights(db, applicationId);
  const application = { id: applicationId, name: doc.applicationName };
  if (caller.kind === 'guest' && guestMayLaunch(policy, application)) {
    return { applicationId, name: doc.applicationName, level: 'read', capabilities: capabilitiesOf('read') };
  }
  const why = caller.kind === 'guest' ? 'The application is not among the areas open to guests.' : 'Only members (and guests, where allowed) open applications.';
  throw refused(caller, 'access_denied', why);
}

/** The effective right and the published definition, or 403 (no right) / 404 (no such or no published application). */
export async function launchForCaller(db: PortalExecutor, caller: Caller, policy: SecurityPolicy, applicationId: string, now: Date): Promise<MemberLaunch> {
  const launch = await decide(db, caller, policy, applicationId);
  const definition = await readDefinition(db, applicationId);
  if (definition.doc.version === 0) {
    throw problem(404, 'Not Found', { code: 'application_not_published', detail: `"${launch.name}" has no published version yet.` });
  }
  const actor = caller.member === null ? null : { id: caller.member.id, login: caller.member.login };
  await recordAudit(db, {
    actor,
    ...(actor === null ? { actorLogin: caller.kind } : {}),
    action: 'application.launch',
    targetType: 'application',
    targetId: applicationId,
    after: { caller: caller.kind, level: launch.level, version: definition.doc.version },
    at: now,
  });
  return { launch, definition: definition.doc };
}
