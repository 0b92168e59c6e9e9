import { z } from 'zod';
import { ApplicationVersions, ComparedSection } from '../domain/portal-comparison';
import { Environment } from '../portal-api/common';
import { call, Empty } from './define';

/** A portal signed in in another window or tab of this console: what "compare with" offers. */
export const CompareCandidate = z.object({
  profileId: z.string(),
  profileName: z.string(),
  environment: Environment,
  portalName: z.string(),
});
export type CompareCandidate = z.infer<typeof CompareCandidate>;

export const ComparedPortal = z.object({
  profileId: z.string(),
  profileName: z.string(),
  portalName: z.string(),
  portalVersion: z.string(),
  environment: Environment,
});
export type ComparedPortal = z.infer<typeof ComparedPortal>;

export const PortalComparison = z.object({
  /** The portal of the window the comparison was asked in. */
  here: ComparedPortal,
  there: ComparedPortal,
  sections: z.array(ComparedSection),
  applicationVersions: z.array(ApplicationVersions),
});
export type PortalComparison = z.infer<typeof PortalComparison>;

export const compareContract = {
  /** Portals signed in in the console's other windows or tabs. */
  'compare:candidates': call(Empty, z.array(CompareCandidate), 'read'),
  /** This window's portal against another signed-in one: security policy, function permissions, updates, layouts, applications, org structure. */
  'compare:portals': call(z.object({ profileId: z.string().min(1).max(200) }), PortalComparison, 'read'),
};
