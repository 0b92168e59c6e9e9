import type { ConsoleHandlers, ProfileInstances } from '../../common/contract';
import { deriveInstances, sameInstanceUrl } from '../../common/domain/instances';
import type { BackendContext } from '../context';
import { probeInstance } from '../services/instance-probe';

/** The test and development instances of a production profile, probed without credentials (service description 2.3). */
export function instancesHandlers(ctx: BackendContext, probe: typeof probeInstance = probeInstance): Pick<ConsoleHandlers, 'profiles:instances'> {
  return {
    'profiles:instances': async ({ profileId }): Promise<ProfileInstances> => {
      const profile = ctx.profiles.get(profileId);
      if (profile.environment !== 'prod') return { derivable: false, reason: 'not_production' };
      const derivation = deriveInstances(profile.url);
      if (!derivation.ok) return { derivable: false, reason: derivation.reason };
      const profiles = ctx.profiles.list();
      const instances = await Promise.all(
        derivation.instances.map(async (instance) => ({
          ...instance,
          profileId: profiles.find((candidate) => sameInstanceUrl(candidate.url, instance.url))?.id ?? null,
          probe: await probe(instance.url),
        })),
      );
      ctx.log.info('instances probed', {
        profile: profile.name,
        instances: instances.map((instance) => `${instance.host}: ${instance.probe.state}`),
      });
      return { derivable: true, instances };
    },
  };
}
