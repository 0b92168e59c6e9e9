import type { ComparedPortal, CompareCandidate, ConsoleHandlers, SessionState } from '../../common/contract';
import { ConsoleError } from '../../common/errors';
import { compareApplicationVersions, comparePortalConfigurations } from '../../common/domain/portal-comparison';
import { parseConfigurationFile, type PortalConfiguration } from '../../common/domain/portal-configuration';
import { ApplicationPage, type ApplicationSummary } from '../../common/portal-api/designer';
import type { BackendContext } from '../context';
import type { PortalClient } from '../services/portal-client';

/** Large portals take a while to read their whole configuration. */
const READ_TIMEOUT_MS = 2 * 60_000;
const APPLICATION_PAGE_SIZE = 200;

interface SignedIn {
  state: SessionState;
  client: PortalClient;
}

/** The sessions of the console's other windows or tabs (never this one's). */
function signedInElsewhere(ctx: BackendContext): SignedIn[] {
  const here = ctx.workspaces.here.id;
  return ctx.workspaces.ids.flatMap((id) => {
    if (id === here) return [];
    const { session } = ctx.workspaces.open(id);
    const state = session.current();
    return state === null ? [] : [{ state, client: session.client() }];
  });
}

function portalOf(state: SessionState): ComparedPortal {
  return { profileId: state.profileId, profileName: state.profileName, portalName: state.portal.name, portalVersion: state.portal.version, environment: state.environment };
}

async function configurationOf(client: PortalClient, portalName: string): Promise<PortalConfiguration> {
  const response = await client.text('GET', '/configuration/export', { timeoutMs: READ_TIMEOUT_MS });
  const parsed = parseConfigurationFile(response.data);
  if (!parsed.ok) throw new ConsoleError('MALFORMED_RESPONSE', `The configuration of ${portalName} could not be read: ${parsed.problem.message}`);
  return parsed.file.configuration;
}

async function applicationsOf(client: PortalClient): Promise<ApplicationSummary[]> {
  const applications: ApplicationSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = (await client.get('/applications', ApplicationPage, { query: { cursor, limit: APPLICATION_PAGE_SIZE } })).data;
    applications.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return applications;
}

/** Compare two portals side by side: this window's and one signed in in another window or tab. */
export function compareHandlers(ctx: BackendContext): Pick<ConsoleHandlers, 'compare:candidates' | 'compare:portals'> {
  return {
    'compare:candidates': async () => {
      const own = ctx.session.current()?.profileId;
      const candidates = new Map<string, CompareCandidate>();
      for (const { state } of signedInElsewhere(ctx)) {
        if (state.profileId === own || candidates.has(state.profileId)) continue;
        candidates.set(state.profileId, { profileId: state.profileId, profileName: state.profileName, environment: state.environment, portalName: state.portal.name });
      }
      return [...candidates.values()].sort((a, b) => a.profileName.localeCompare(b.profileName));
    },
    'compare:portals': async ({ profileId }) => {
      const here = ctx.session.require();
      const hereState = ctx.session.current()!;
      const there = signedInElsewhere(ctx).find(({ state }) => state.profileId === profileId);
      if (there === undefined) {
        throw new ConsoleError('NOT_SIGNED_IN', 'Sign in to the other portal in another window or tab first; the comparison uses that session.', { profileId });
      }
      const hereClient = ctx.session.client();
      const [hereConfiguration, thereConfiguration, hereApplications, thereApplications] = await Promise.all([
        configurationOf(hereClient, hereState.portal.name),
        configurationOf(there.client, there.state.portal.name),
        applicationsOf(hereClient),
        applicationsOf(there.client),
      ]);
      ctx.log.info('portals compared', { here: here.profile.id, there: profileId });
      return {
        here: portalOf(hereState),
        there: portalOf(there.state),
        sections: comparePortalConfigurations(hereConfiguration, thereConfiguration),
        applicationVersions: compareApplicationVersions(hereApplications, thereApplications),
      };
    },
  };
}
