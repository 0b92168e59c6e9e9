import { publishBlockers, validateApplicationDefinition } from './application-definition';
import { validateLayout } from './layout-rules';
import { validateSecurityPolicy } from './password-policy';
import type { ConfigurationChange, ConfiguredApplication, ConfiguredLayout, ContentIssue, PortalConfiguration } from './portal-configuration';

// Apart from the model (portal-configuration.ts) because the password rules carry the common-password
// dictionary: the contract imports the model, and the sign-in screen must not load that dictionary.

function issuesOfChange(change: ConfigurationChange): { path: string; message: string }[] {
  if (change.kind === 'removed') return [];
  switch (change.section) {
    case 'securityPolicy':
      return validateSecurityPolicy(change.after as PortalConfiguration['securityPolicy']).map((issue) => ({ path: issue.path, message: issue.code }));
    case 'layouts':
      return validateLayout(change.after as ConfiguredLayout).map((issue) => ({ path: issue.path, message: issue.message }));
    case 'applications': {
      const definition = (change.after as ConfiguredApplication).definition;
      // Only what blocks publishing; an application never designed yet (nothing to publish) travels as it is.
      return publishBlockers(validateApplicationDefinition(definition))
        .filter((issue) => issue.code !== 'nothing_to_publish')
        .map((issue) => ({ path: `definition.${issue.path}`, message: issue.message }));
    }
    default:
      return [];
  }
}

/**
 * The rules the portal enforces on every save, run over the incoming items: a file made by hand or by an
 * older portal may hold a policy, layout or definition this portal would not accept.
 */
export function contentIssues(changes: readonly ConfigurationChange[]): ContentIssue[] {
  return changes.flatMap((change) => issuesOfChange(change).map((issue) => ({ section: change.section, key: change.key, label: change.label, ...issue })));
}

